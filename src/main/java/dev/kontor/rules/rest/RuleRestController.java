package dev.kontor.rules.rest;

import dev.kontor.accounts.CurrentUser;
import dev.kontor.rules.Notification;
import dev.kontor.rules.RuleFiring;
import dev.kontor.rules.RuleManagement;
import dev.kontor.rules.RuleTest;
import dev.kontor.rules.RuleView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Rules, their test against recent tickets, what fired on a ticket, and the notifications rules send. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Rules")
class RuleRestController {

    private final RuleManagement rules;

    RuleRestController(RuleManagement rules) {
        this.rules = rules;
    }

    /** A rule as sent: position, enabled and stopProcessing may be left out (100, true, false). */
    record RuleRequest(
            Long clientId,
            String name,
            String kind,
            Integer position,
            Boolean enabled,
            List<String> triggers,
            String match,
            List<RuleView.Condition> conditions,
            List<RuleView.Action> actions,
            Boolean stopProcessing) {

        RuleView toView(Long id) {
            return new RuleView(
                    id,
                    clientId,
                    name,
                    kind,
                    position == null ? 100 : position,
                    enabled == null || enabled,
                    triggers,
                    match,
                    conditions,
                    actions,
                    Boolean.TRUE.equals(stopProcessing),
                    null);
        }
    }

    @GetMapping("/rules")
    @PreAuthorize("hasRole('ADMIN')")
    List<RuleView> rules() {
        return rules.rules();
    }

    @GetMapping("/rules/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    RuleView rule(@PathVariable long id) {
        return rules.rule(id);
    }

    @PostMapping("/rules")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            summary = "Add a rule",
            description = "kind: event (runs on triggers: ticket_created, message_received, agent_replied,"
                    + " status_changed, tag_added, sla_warning, sla_breached, order_state_changed) or time (checked"
                    + " every minute, fires once per ticket and episode). Rules run by position; stopProcessing ends"
                    + " the run. Conditions {field, op, value} (match all or any); actions {type, value, option}."
                    + " References accept ids or names; they are stored as ids.")
    RuleView create(@RequestBody RuleRequest rule) {
        return rules.save(rule.toView(null));
    }

    @PutMapping("/rules/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    RuleView update(@PathVariable long id, @RequestBody RuleRequest rule) {
        return rules.save(rule.toView(id));
    }

    @DeleteMapping("/rules/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasRole('ADMIN')")
    void delete(@PathVariable long id) {
        rules.delete(id);
    }

    @PostMapping("/rules/test")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Which recent tickets the rule's conditions match now; nothing is saved or changed")
    RuleTest test(CurrentUser user, @RequestBody RuleRequest rule) {
        return rules.test(rule.toView(null), user.scope());
    }

    @GetMapping("/tickets/{id}/rule-firings")
    @Operation(summary = "Which rules fired on the ticket, on what trigger, and what each action did")
    List<RuleFiring> firings(CurrentUser user, @PathVariable long id) {
        return rules.firings(id, user.scope());
    }

    @GetMapping("/me/notifications")
    List<Notification> notifications(CurrentUser user) {
        return rules.notifications(user.id(), user.scope(), 100);
    }

    @PostMapping("/me/notifications/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void read(CurrentUser user) {
        rules.markNotificationsRead(user.id(), user.scope());
    }
}
