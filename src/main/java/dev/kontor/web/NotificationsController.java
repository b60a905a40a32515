package dev.kontor.web;

import dev.kontor.accounts.CurrentUser;
import dev.kontor.routing.RoutingManagement;
import dev.kontor.rules.RuleManagement;
import dev.kontor.shared.InvalidInput;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/** The signed-in user's notifications from rules, and their own status switch in the top bar. */
@Controller
class NotificationsController {

    private final RuleManagement rules;
    private final RoutingManagement routing;

    NotificationsController(RuleManagement rules, RoutingManagement routing) {
        this.rules = rules;
        this.routing = routing;
    }

    /** Shows the latest notifications; seeing them marks them read. */
    @GetMapping("/notifications")
    String notifications(CurrentUser me, Model model) {
        model.addAttribute("notifications", rules.notifications(me.id(), me.scope(), 100));
        rules.markNotificationsRead(me.id(), me.scope());
        model.addAttribute("unreadNotifications", 0); // the top bar counted them before this page read them
        return "notifications";
    }

    @PostMapping("/me/status")
    Object status(
            CurrentUser me,
            @RequestParam String status,
            @RequestHeader(name = "HX-Request", required = false) String htmx) {
        try {
            routing.setStatus(me.id(), status, false);
        } catch (InvalidInput e) {
            return ResponseEntity.unprocessableEntity().build();
        }
        return htmx != null ? ResponseEntity.noContent().build() : "redirect:/inbox";
    }
}
