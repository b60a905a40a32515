package dev.kontor.web.admin;

import dev.kontor.accounts.AccountCommands.CreateApiToken;
import dev.kontor.accounts.AccountCommands.CreateTeam;
import dev.kontor.accounts.AccountCommands.CreateUser;
import dev.kontor.accounts.AccountCommands.SetPassword;
import dev.kontor.accounts.AccountCommands.UpdateTeam;
import dev.kontor.accounts.AccountCommands.UpdateUser;
import dev.kontor.accounts.AccountManagement;
import dev.kontor.accounts.Role;
import dev.kontor.accounts.SignInThrottle;
import dev.kontor.accounts.TwoFactorManagement;
import dev.kontor.accounts.UserView;
import dev.kontor.clients.ClientManagement;
import dev.kontor.shared.ClientScope;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admin pages for users (role, languages, client access, password, API tokens) and teams. */
@Controller
class AdminUsersController {

    private final AccountManagement accounts;
    private final ClientManagement clients;
    private final SignInThrottle throttle;
    private final TwoFactorManagement twoFactor;

    AdminUsersController(
            AccountManagement accounts,
            ClientManagement clients,
            SignInThrottle throttle,
            TwoFactorManagement twoFactor) {
        this.accounts = accounts;
        this.clients = clients;
        this.throttle = throttle;
        this.twoFactor = twoFactor;
    }

    @GetMapping("/admin/users")
    String users(Model model) {
        if (!model.containsAttribute("userForm")) {
            model.addAttribute("userForm", new CreateUser("", "", Role.AGENT, "", "en", List.of(), Set.of()));
        }
        model.addAttribute("users", accounts.users());
        model.addAttribute("clients", clients.clients(ClientScope.everything()));
        model.addAttribute("roles", Role.values());
        model.addAttribute("locks", throttle.locks());
        return "admin/users";
    }

    @PostMapping("/admin/users")
    String create(@Valid @ModelAttribute("userForm") CreateUser form, BindingResult errors, Model model) {
        return AdminForms.submit(errors, () -> accounts.createUser(form), "redirect:/admin/users", () -> users(model));
    }

    @GetMapping("/admin/users/{id}")
    String user(@PathVariable long id, Model model) {
        UserView user = accounts.user(id);
        model.addAttribute("user", user);
        if (!model.containsAttribute("editForm")) {
            model.addAttribute(
                    "editForm",
                    new UpdateUser(user.displayName(), user.role(), user.locale(), user.languages(), user.active()));
        }
        model.addAttribute("clients", clients.clients(ClientScope.everything()));
        model.addAttribute("roles", Role.values());
        model.addAttribute("tokens", accounts.apiTokens(id));
        model.addAttribute("lock", throttle.lockOf(id).orElse(null));
        model.addAttribute("twoFactor", twoFactor.status(id));
        return "admin/user";
    }

    @PostMapping("/admin/users/{id}/unlock")
    String unlockUser(@PathVariable long id) {
        throttle.unlockUser(id);
        return "redirect:/admin/users/" + id;
    }

    @PostMapping("/admin/users/{id}/two-factor/reset")
    String resetTwoFactor(@PathVariable long id) {
        twoFactor.reset(id);
        return "redirect:/admin/users/" + id;
    }

    @PostMapping("/admin/sign-in-locks/{lockId}/unlock")
    String unlock(@PathVariable long lockId) {
        throttle.unlock(lockId);
        return "redirect:/admin/users";
    }

    @PostMapping("/admin/users/{id}")
    String update(
            @PathVariable long id,
            @Valid @ModelAttribute("editForm") UpdateUser form,
            BindingResult errors,
            Model model) {
        return AdminForms.submit(
                errors, () -> accounts.updateUser(id, form), "redirect:/admin/users/" + id, () -> user(id, model));
    }

    @PostMapping("/admin/users/{id}/access")
    String access(@PathVariable long id, @RequestParam(required = false) Set<Long> clientIds) {
        accounts.setClientAccess(id, clientIds);
        return "redirect:/admin/users/" + id;
    }

    @PostMapping("/admin/users/{id}/password")
    String password(
            @PathVariable long id,
            @Valid @ModelAttribute("passwordForm") SetPassword form,
            BindingResult errors,
            Model model,
            RedirectAttributes flash) {
        flash.addFlashAttribute("saved", "password");
        return AdminForms.submit(
                errors,
                () -> accounts.setPassword(id, form.password()),
                "redirect:/admin/users/" + id,
                () -> user(id, AdminForms.rejected(model, errors)));
    }

    @PostMapping("/admin/users/{id}/api-tokens")
    String createToken(
            @PathVariable long id,
            @Valid @ModelAttribute("tokenForm") CreateApiToken form,
            BindingResult errors,
            Model model,
            RedirectAttributes flash) {
        if (errors.hasErrors()) {
            return user(id, AdminForms.rejected(model, errors));
        }
        // Shown once, on the page after the redirect; only its hash is stored.
        flash.addFlashAttribute(
                "newToken", accounts.createApiToken(id, form.name()).token());
        return "redirect:/admin/users/" + id;
    }

    @PostMapping("/admin/users/{id}/api-tokens/{tokenId}/revoke")
    String revokeToken(@PathVariable long id, @PathVariable long tokenId) {
        accounts.revokeApiToken(id, tokenId);
        return "redirect:/admin/users/" + id;
    }

    @GetMapping("/admin/teams")
    String teams(Model model) {
        if (!model.containsAttribute("teamForm")) {
            model.addAttribute("teamForm", new CreateTeam("", Set.of()));
        }
        model.addAttribute("teams", accounts.teams());
        model.addAttribute("users", accounts.users());
        return "admin/teams";
    }

    @PostMapping("/admin/teams")
    String createTeam(@Valid @ModelAttribute("teamForm") CreateTeam form, BindingResult errors, Model model) {
        return AdminForms.submit(errors, () -> accounts.createTeam(form), "redirect:/admin/teams", () -> teams(model));
    }

    @PostMapping("/admin/teams/{id}")
    String updateTeam(@PathVariable long id, @Valid UpdateTeam form, BindingResult errors, Model model) {
        return AdminForms.submit(
                errors,
                () -> accounts.updateTeam(
                        id, new UpdateTeam(form.name(), form.memberIds() == null ? Set.of() : form.memberIds())),
                "redirect:/admin/teams",
                () -> teams(AdminForms.rejected(model, errors)));
    }
}
