package dev.kontor.web;

import dev.kontor.accounts.AccountCommands.FirstAdmin;
import dev.kontor.accounts.AccountManagement;
import jakarta.validation.Valid;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/** Sign-in, and the one-time setup page that creates the first admin when the environment did not. */
@Controller
class SignInController {

    /** An OpenID Connect provider offered on the sign-in page. */
    record Provider(String id, String name) {}

    private final AccountManagement accounts;
    private final List<Provider> providers;

    SignInController(AccountManagement accounts, ObjectProvider<ClientRegistrationRepository> registrations) {
        this.accounts = accounts;
        List<Provider> found = new ArrayList<>();
        if (registrations.getIfAvailable() instanceof Iterable<?> all) {
            for (Object r : all) {
                if (r instanceof ClientRegistration c) {
                    found.add(new Provider(c.getRegistrationId(), c.getClientName()));
                }
            }
        }
        this.providers = List.copyOf(found);
    }

    @GetMapping("/login")
    String login(Model model) {
        model.addAttribute("providers", providers);
        return accounts.hasUsers() ? "login" : "redirect:/setup";
    }

    @GetMapping("/setup")
    String setup(Model model) {
        if (accounts.hasUsers()) {
            return "redirect:/login";
        }
        model.addAttribute("form", new FirstAdmin("", "", ""));
        return "setup";
    }

    @PostMapping("/setup")
    String createFirstAdmin(@Valid @ModelAttribute("form") FirstAdmin form, BindingResult errors) {
        if (accounts.hasUsers()) {
            return "redirect:/login";
        }
        if (errors.hasErrors()) {
            return "setup";
        }
        return accounts.createFirstAdmin(form)
                .map(u -> "redirect:/login?created")
                .orElse("redirect:/login");
    }
}
