package dev.kontor.sla;

import dev.kontor.orders.OrderEvents.OrderUpdated;
import dev.kontor.tickets.TicketEvents.ChannelAttentionChanged;
import dev.kontor.tickets.TicketEvents.ReplyPosted;
import dev.kontor.tickets.TicketEvents.TicketPriorityChanged;
import dev.kontor.tickets.TicketEvents.TicketStatusChanged;
import dev.kontor.tickets.TicketEvents.TicketTagsChanged;
import dev.kontor.tickets.TicketEvents.TicketTriaged;
import dev.kontor.tickets.TicketQueries;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Every change that can move a clock recomputes the ticket's deadlines (from the publication registry). Which
 * changes those are is SLA's knowledge, so it lists them here: a reply, the status, tags and priority (policy
 * conditions), triage (category, orders) and the marketplace's own clock. A customer's message is handled in its
 * pass after ingest ({@link SlaStep}).
 */
@Component
class SlaTriggers {

    private final SlaClocks clocks;
    private final TicketQueries tickets;

    SlaTriggers(SlaClocks clocks, TicketQueries tickets) {
        this.clocks = clocks;
        this.tickets = tickets;
    }

    @ApplicationModuleListener
    void on(ReplyPosted e) {
        clocks.recompute(e.ticketId());
    }

    @ApplicationModuleListener
    void on(TicketStatusChanged e) {
        clocks.recompute(e.ticketId());
    }

    @ApplicationModuleListener
    void on(TicketTagsChanged e) {
        clocks.recompute(e.ticketId());
    }

    @ApplicationModuleListener
    void on(TicketPriorityChanged e) {
        clocks.recompute(e.ticketId());
    }

    @ApplicationModuleListener
    void on(TicketTriaged e) {
        clocks.recompute(e.ticketId());
    }

    @ApplicationModuleListener
    void on(ChannelAttentionChanged e) {
        clocks.recompute(e.ticketId());
    }

    /** An order shipped or changed its shipping deadline: the cancellation guard of its tickets moves. */
    @ApplicationModuleListener
    void on(OrderUpdated e) {
        tickets.unresolvedAbout(e.clientId(), e.orderId()).forEach(clocks::recompute);
    }
}
