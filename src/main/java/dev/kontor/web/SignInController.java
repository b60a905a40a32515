package dev.kontor.web;

import dev.kontor.accounts.AccountCommands.FirstAdmin;
import dev.kontor.accounts.AccountManagement;
import jakarta.validation.Valid;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/** Sign-in, and the one-time setup page that creates the first admin when the environment did not. */
@Controller
class SignInController {

    private final AccountManagement accounts;

    SignInController(AccountManagement accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/login")
    String login() {
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
