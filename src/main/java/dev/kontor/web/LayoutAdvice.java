package dev.kontor.web;

import dev.kontor.accounts.CurrentUser;
import dev.kontor.accounts.SignedInUser;
import dev.kontor.routing.RoutingManagement;
import dev.kontor.rules.RuleManagement;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts what the layout needs (the signed-in user, htmx or not) into every page's model. */
@ControllerAdvice(annotations = Controller.class)
class LayoutAdvice {

    private final SignedInUser signedIn;
    private final RoutingManagement routing;
    private final RuleManagement rules;

    LayoutAdvice(SignedInUser signedIn, RoutingManagement routing, RuleManagement rules) {
        this.signedIn = signedIn;
        this.routing = routing;
        this.rules = rules;
    }

    /** The signed-in agent's status (online, away, offline), for the switch in the top bar. */
    @ModelAttribute("myStatus")
    String myStatus(HttpServletRequest request) {
        if (!fullPage(request)) {
            return null;
        }
        return signedIn.current().map(u -> routing.status(u.id())).orElse(null);
    }

    @ModelAttribute("unreadNotifications")
    int unreadNotifications(HttpServletRequest request) {
        if (!fullPage(request)) {
            return 0;
        }
        return signedIn.current()
                .map(u -> rules.unreadNotifications(u.id(), u.scope()))
                .orElse(0);
    }

    /**
     * Whether the response is a whole page with the top bar: not an htmx fragment and not the REST API (whose
     * controllers this advice also reaches, and whose clients never see the bar).
     */
    private static boolean fullPage(HttpServletRequest request) {
        return request.getHeader("HX-Request") == null
                && !request.getRequestURI().startsWith("/api/");
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
