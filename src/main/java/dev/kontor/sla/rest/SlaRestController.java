package dev.kontor.sla.rest;

import dev.kontor.accounts.CurrentUser;
import dev.kontor.shared.NotFound;
import dev.kontor.sla.SlaCalendarView;
import dev.kontor.sla.SlaManagement;
import dev.kontor.sla.SlaPolicyView;
import dev.kontor.sla.TicketSla;
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

/** SLA policies and calendars (admins) and a ticket's deadlines. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "SLA")
class SlaRestController {

    private final SlaManagement sla;

    SlaRestController(SlaManagement sla) {
        this.sla = sla;
    }

    @GetMapping("/tickets/{id}/sla")
    @Operation(summary = "The ticket's policy, running deadlines, pause, and for a cancellation the order's state")
    TicketSla ticketSla(CurrentUser user, @PathVariable long id) {
        return sla.ticketSla(id, user.scope());
    }

    @GetMapping("/sla/policies")
    List<SlaPolicyView> policies(CurrentUser user) {
        return sla.policies(user.scope());
    }

    @PostMapping("/sla/policies")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            summary = "Add a policy",
            description = "The first enabled policy of the client (by position) whose set conditions all hold applies."
                    + " clock: calendar (business hours of calendarId, or 24/7 without one) or marketplace (from the"
                    + " channel's own 'reply needed since').")
    SlaPolicyView create(@RequestBody SlaPolicyView p) {
        return sla.savePolicy(withId(p, null));
    }

    @PutMapping("/sla/policies/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    SlaPolicyView update(@PathVariable long id, @RequestBody SlaPolicyView p) {
        return sla.savePolicy(withId(p, id));
    }

    @DeleteMapping("/sla/policies/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasRole('ADMIN')")
    void delete(@PathVariable long id) {
        sla.deletePolicy(id);
    }

    @GetMapping("/sla/calendars")
    List<SlaCalendarView> calendars(CurrentUser user) {
        return sla.calendars(user.scope());
    }

    @PostMapping("/sla/calendars")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Add a business-hours calendar: hours like \"mon-fri 09:00-18:00; sat 10:00-14:00\"")
    SlaCalendarView createCalendar(@RequestBody SlaCalendarView c) {
        return sla.saveCalendar(
                new SlaCalendarView(null, c.clientId(), c.name(), c.timeZone(), c.hours(), c.holidays()));
    }

    @PutMapping("/sla/calendars/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    SlaCalendarView updateCalendar(@PathVariable long id, @RequestBody SlaCalendarView c) {
        return sla.saveCalendar(new SlaCalendarView(id, c.clientId(), c.name(), c.timeZone(), c.hours(), c.holidays()));
    }

    private static SlaPolicyView withId(SlaPolicyView p, Long id) {
        if (p == null) {
            throw new NotFound("policy");
        }
        return p.withId(id);
    }
}
