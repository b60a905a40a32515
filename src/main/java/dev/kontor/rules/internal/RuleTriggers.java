package dev.kontor.rules.internal;

import dev.kontor.orders.OrderEvents.OrderUpdated;
import dev.kontor.sla.SlaEvents.SlaBreached;
import dev.kontor.sla.SlaEvents.SlaWarningRaised;
import dev.kontor.tickets.TicketEvents.ReplyPosted;
import dev.kontor.tickets.TicketEvents.TicketStatusChanged;
import dev.kontor.tickets.TicketEvents.TicketTagsChanged;
import dev.kontor.tickets.TicketQueries;
import java.util.EnumSet;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Turns events into rule runs. Ticket events are looked at in the transaction that publishes them, and only when an
 * enabled rule of the ticket's client listens for that trigger does a run go to the publication registry (a crash in
 * between runs it after the restart), so the many changes no rule cares about cost no registry entry and no
 * transaction. A customer message is not an event here: rules take it in its pass after ingest ({@link
 * RulesStep}), once triage has set its language, category and order references.
 */
@Component
class RuleTriggers {

    /** A run some rule waits for; {@code addedTags} for "tag added". */
    record RunDue(long ticketId, String trigger, List<String> addedTags) {}

    private final RuleEngine engine;
    private final RuleBook book;
    private final TicketQueries tickets;
    private final ApplicationEventPublisher events;

    RuleTriggers(RuleEngine engine, RuleBook book, TicketQueries tickets, ApplicationEventPublisher events) {
        this.engine = engine;
        this.book = book;
        this.tickets = tickets;
        this.events = events;
    }

    @EventListener
    void on(ReplyPosted e) {
        if (e.authorId() != null) {
            due(e.ticketId(), e.clientId(), Trigger.AGENT_REPLIED, List.of());
        }
    }

    @EventListener
    void on(TicketStatusChanged e) {
        due(e.ticketId(), e.clientId(), Trigger.STATUS_CHANGED, List.of());
    }

    @EventListener
    void on(TicketTagsChanged e) {
        if (!e.added().isEmpty()) {
            due(e.ticketId(), e.clientId(), Trigger.TAG_ADDED, e.added());
        }
    }

    private void due(long ticketId, long clientId, Trigger trigger, List<String> addedTags) {
        if (wanted(clientId, trigger)) {
            events.publishEvent(new RunDue(ticketId, trigger.key(), addedTags));
        }
    }

    private boolean wanted(long clientId, Trigger trigger) {
        return book.rules().stream()
                .anyMatch(
                        r -> !r.timeRule() && r.serves(clientId) && r.triggers().contains(trigger));
    }

    @ApplicationModuleListener
    void on(RunDue e) {
        Trigger trigger = Trigger.fromKey(e.trigger()).orElseThrow();
        engine.run(e.ticketId(), EnumSet.of(trigger), new Facts.Context(e.addedTags(), null, null));
    }

    @ApplicationModuleListener
    void on(SlaWarningRaised e) {
        engine.run(e.ticketId(), EnumSet.of(Trigger.SLA_WARNING), new Facts.Context(List.of(), e.metric(), null));
    }

    @ApplicationModuleListener
    void on(SlaBreached e) {
        engine.run(e.ticketId(), EnumSet.of(Trigger.SLA_BREACHED), new Facts.Context(List.of(), e.metric(), null));
    }

    /** The order-change rules of the tickets about an order, after the order's change committed. */
    record OrderRunsDue(long clientId, String orderId) {}

    /** Only when a rule of the client listens for order changes does the order get one registry entry. */
    @EventListener
    void on(OrderUpdated e) {
        if (wanted(e.clientId(), Trigger.ORDER_STATE_CHANGED)) {
            events.publishEvent(new OrderRunsDue(e.clientId(), e.orderId()));
        }
    }

    @ApplicationModuleListener
    void on(OrderRunsDue e) {
        for (Long ticketId : tickets.unresolvedAbout(e.clientId(), e.orderId())) {
            engine.run(ticketId, EnumSet.of(Trigger.ORDER_STATE_CHANGED), Facts.Context.none());
        }
    }
}
