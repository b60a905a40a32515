package dev.kontor.sla;

import dev.kontor.orders.OrderEvents.OrderUpdated;
import dev.kontor.tickets.TicketEvents.ClockMoved;
import dev.kontor.tickets.TicketManagement;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Every change that can move a clock recomputes the ticket's deadlines (from the publication registry). */
@Component
class SlaTriggers {

    private final SlaClocks clocks;
    private final TicketManagement tickets;

    SlaTriggers(SlaClocks clocks, TicketManagement tickets) {
        this.clocks = clocks;
        this.tickets = tickets;
    }

    @ApplicationModuleListener
    void on(ClockMoved e) {
        clocks.recompute(e.ticketId());
    }

    /** An order shipped or changed its shipping deadline: the cancellation guard of its tickets moves. */
    @ApplicationModuleListener
    void on(OrderUpdated e) {
        tickets.unresolvedAbout(e.clientId(), e.orderId()).forEach(clocks::recompute);
    }
}
