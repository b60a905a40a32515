package dev.kontor.sla;

import dev.kontor.tickets.TicketEvents.ClockMoved;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Every change that can move a clock recomputes the ticket's deadlines (from the publication registry). */
@Component
class SlaTriggers {

    private final SlaClocks clocks;

    SlaTriggers(SlaClocks clocks) {
        this.clocks = clocks;
    }

    @ApplicationModuleListener
    void on(ClockMoved e) {
        clocks.recompute(e.ticketId());
    }
}
