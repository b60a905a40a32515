package dev.kontor.web;

import dev.kontor.accounts.CurrentUser;
import dev.kontor.accounts.TwoFactorManagement;
import dev.kontor.accounts.TwoFactorManagement.Outcome;
import dev.kontor.shared.InvalidInput;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The code page after the password, and each user's own page to set up, replace or turn off a second factor. */
@Controller
class TwoFactorController {

    private final TwoFactorManagement twoFactor;

    TwoFactorController(TwoFactorManagement twoFactor) {
        this.twoFactor = twoFactor;
    }

    @GetMapping("/login/two-factor")
    String codePage(HttpSession session) {
        return session.getAttribute(TwoFactorManagement.PENDING) == null ? "redirect:/" : "two-factor";
    }

    @PostMapping("/login/two-factor")
    String code(
            CurrentUser user,
            @RequestParam(defaultValue = "") String code,
            HttpServletRequest request,
            HttpSession session,
            Model model) {
        if (!(session.getAttribute(TwoFactorManagement.PENDING) instanceof String email)) {
            return "redirect:/";
        }
        Outcome outcome = twoFactor.signIn(user.id(), email, request.getRemoteAddr(), code);
        switch (outcome) {
            case PASSED -> {
                session.removeAttribute(TwoFactorManagement.PENDING);
                request.changeSessionId();
                return "redirect:/";
            }
            case LOCKED -> {
                session.invalidate();
                SecurityContextHolder.clearContext();
                return "redirect:/login?locked";
            }
            default -> {
                model.addAttribute("wrong", true);
                return "two-factor";
            }
        }
    }

    @GetMapping("/account/two-factor")
    String account(CurrentUser user, Model model) {
        model.addAttribute("status", twoFactor.status(user.id()));
        model.addAttribute("enrolment", twoFactor.enrolment(user.id()).orElse(null));
        return "account/two-factor";
    }

    @PostMapping("/account/two-factor/start")
    String start(CurrentUser user, Model model) {
        return attempt(() -> twoFactor.start(user.id()), "redirect:/account/two-factor", user, model);
    }

    @PostMapping("/account/two-factor/confirm")
    String confirm(
            CurrentUser user,
            @RequestParam(defaultValue = "") String code,
            HttpSession session,
            Model model,
            RedirectAttributes flash) {
        return attempt(
                () -> {
                    List<String> codes = twoFactor.confirm(user.id(), code);
                    session.removeAttribute(TwoFactorManagement.ENROL);
                    flash.addFlashAttribute("recoveryCodes", codes);
                    return codes;
                },
                "redirect:/account/two-factor",
                user,
                model);
    }

    @PostMapping("/account/two-factor/recovery-codes")
    String recoveryCodes(
            CurrentUser user, @RequestParam(defaultValue = "") String code, Model model, RedirectAttributes flash) {
        return attempt(
                () -> {
                    List<String> codes = twoFactor.replaceRecoveryCodes(user.id(), code);
                    flash.addFlashAttribute("recoveryCodes", codes);
                    return codes;
                },
                "redirect:/account/two-factor",
                user,
                model);
    }

    @PostMapping("/account/two-factor/disable")
    String disable(CurrentUser user, @RequestParam(defaultValue = "") String code, Model model) {
        return attempt(
                () -> {
                    twoFactor.disable(user.id(), code);
                    return null;
                },
                "redirect:/account/two-factor",
                user,
                model);
    }

    private String attempt(Supplier<?> action, String success, CurrentUser user, Model model) {
        try {
            action.get();
            return success;
        } catch (InvalidInput e) {
            model.addAttribute("codeError", e.errors().get(0).message());
            return account(user, model);
        }
    }
}
