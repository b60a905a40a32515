package dev.kontor.sla;

import dev.kontor.orders.OrderEvents.OrderUpdated;
import dev.kontor.tickets.MessageStep;
import dev.kontor.tickets.TicketEvents.ChannelAttentionChanged;
import dev.kontor.tickets.TicketEvents.ChannelReplyRecorded;
import dev.kontor.tickets.TicketEvents.ReplyPosted;
import dev.kontor.tickets.TicketEvents.TicketPriorityChanged;
import dev.kontor.tickets.TicketEvents.TicketStatusChanged;
import dev.kontor.tickets.TicketEvents.TicketTagsChanged;
import dev.kontor.tickets.TicketEvents.TicketTriaged;
import dev.kontor.tickets.TicketQueries;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Every change that can move a clock recomputes the ticket's deadlines (from the publication registry). Which
 * changes those are is SLA's knowledge, so it lists them here: a reply (also one the channel reports), the status, tags and priority (policy
 * conditions), triage (category, orders) and the marketplace's own clock. A change the message pass makes
 * (triage's category, a rule's tags, priority or status) costs no registry entry and no second recompute: the
 * pass's SLA step ({@link SlaStep}) runs last, in the same transaction, and sees it.
 */
@Component
class SlaTriggers {

    /** A recompute after the change committed. */
    record RecomputeDue(long ticketId) {}

    private final SlaClocks clocks;
    private final TicketQueries tickets;
    private final ApplicationEventPublisher events;

    SlaTriggers(SlaClocks clocks, TicketQueries tickets, ApplicationEventPublisher events) {
        this.clocks = clocks;
        this.tickets = tickets;
        this.events = events;
    }

    @EventListener
    void on(ReplyPosted e) {
        due(e.ticketId());
    }

    @EventListener
    void on(ChannelReplyRecorded e) {
        due(e.ticketId());
    }

    @EventListener
    void on(TicketStatusChanged e) {
        due(e.ticketId());
    }

    @EventListener
    void on(TicketTagsChanged e) {
        due(e.ticketId());
    }

    @EventListener
    void on(TicketPriorityChanged e) {
        due(e.ticketId());
    }

    @EventListener
    void on(TicketTriaged e) {
        due(e.ticketId());
    }

    @EventListener
    void on(ChannelAttentionChanged e) {
        due(e.ticketId());
    }

    /** Runs in the changing transaction; the recompute itself after its commit. */
    private void due(long ticketId) {
        if (!MessageStep.passing(ticketId)) {
            events.publishEvent(new RecomputeDue(ticketId));
        }
    }

    @ApplicationModuleListener
    void on(RecomputeDue e) {
        clocks.recompute(e.ticketId());
    }

    /** Deadlines of the tickets about an order, recomputed after the order's change committed. */
    record OrderMoved(long clientId, String orderId) {}

    /**
     * An order shipped or changed its shipping deadline: the cancellation guard of its tickets moves. A ticket whose
     * pass is still to come (a marketplace's new thread, whose order is fetched right after it is stored) gets its
     * deadlines there, with the order; when every ticket about the order has one coming, nothing else is due.
     * Otherwise one registry entry per order recomputes its tickets after the order's transaction commits (many
     * tickets may be about one order).
     */
    @EventListener
    void on(OrderUpdated e) {
        boolean due = tickets.unresolvedAbout(e.clientId(), e.orderId()).stream()
                .anyMatch(ticketId -> !tickets.passFollows(ticketId));
        if (due) {
            events.publishEvent(new OrderMoved(e.clientId(), e.orderId()));
        }
    }

    @ApplicationModuleListener
    void on(OrderMoved e) {
        tickets.unresolvedAbout(e.clientId(), e.orderId()).forEach(clocks::recompute);
    }
}
