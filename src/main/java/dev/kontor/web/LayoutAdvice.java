package dev.kontor.web;

import dev.kontor.accounts.CurrentUser;
import dev.kontor.accounts.SignedInUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts what the layout needs (the signed-in user, htmx or not) into every page's model. */
@ControllerAdvice(annotations = Controller.class)
class LayoutAdvice {

    private final SignedInUser signedIn;

    LayoutAdvice(SignedInUser signedIn) {
        this.signedIn = signedIn;
    }

    @ModelAttribute("me")
    CurrentUser me() {
        return signedIn.current().orElse(null);
    }

    @ModelAttribute("htmx")
    boolean htmx(HttpServletRequest request) {
        return request.getHeader("HX-Request") != null;
    }
}
