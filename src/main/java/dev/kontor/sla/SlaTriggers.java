package dev.kontor.sla;

import dev.kontor.orders.OrderEvents.OrderUpdated;
import dev.kontor.tickets.MessageStep;
import dev.kontor.tickets.TicketEvents.ClockMoved;
import dev.kontor.tickets.TicketManagement;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Every change that can move a clock recomputes the ticket's deadlines (from the publication registry), except a
 * change the message pass makes (triage's category, a rule's tags, priority or status): the pass's SLA step runs
 * last, in the same transaction, and sees it, so such changes cost no registry entry and no second recompute.
 */
@Component
class SlaTriggers {

    /** A recompute after the change committed. */
    record RecomputeDue(long ticketId) {}

    private final SlaClocks clocks;
    private final TicketManagement tickets;
    private final ApplicationEventPublisher events;

    SlaTriggers(SlaClocks clocks, TicketManagement tickets, ApplicationEventPublisher events) {
        this.clocks = clocks;
        this.tickets = tickets;
        this.events = events;
    }

    @EventListener
    void on(ClockMoved e) {
        if (!MessageStep.passing(e.ticketId())) {
            events.publishEvent(new RecomputeDue(e.ticketId()));
        }
    }

    @ApplicationModuleListener
    void on(RecomputeDue e) {
        clocks.recompute(e.ticketId());
    }

    /** An order shipped or changed its shipping deadline: the cancellation guard of its tickets moves. */
    @ApplicationModuleListener
    void on(OrderUpdated e) {
        tickets.unresolvedAbout(e.clientId(), e.orderId()).forEach(clocks::recompute);
    }
}
