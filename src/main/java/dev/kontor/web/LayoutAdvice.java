package dev.kontor.web;

import dev.kontor.accounts.AccountManagement;
import dev.kontor.accounts.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts what the layout needs (the signed-in user, htmx or not) into every page's model. */
@ControllerAdvice(annotations = Controller.class)
class LayoutAdvice {

    private final AccountManagement accounts;

    LayoutAdvice(AccountManagement accounts) {
        this.accounts = accounts;
    }

    @ModelAttribute("me")
    CurrentUser me() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.getName().matches("\\d+")) {
            return null;
        }
        return accounts.currentUser(Long.parseLong(auth.getName())).orElse(null);
    }

    @ModelAttribute("htmx")
    boolean htmx(HttpServletRequest request) {
        return request.getHeader("HX-Request") != null;
    }
}
