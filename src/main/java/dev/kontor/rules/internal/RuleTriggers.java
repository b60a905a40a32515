package dev.kontor.rules.internal;

import dev.kontor.orders.OrderEvents.OrderUpdated;
import dev.kontor.shared.ClientScope;
import dev.kontor.sla.SlaEvents.SlaBreached;
import dev.kontor.sla.SlaEvents.SlaWarningRaised;
import dev.kontor.tickets.TicketEvents.ReplyPosted;
import dev.kontor.tickets.TicketEvents.TicketStatusChanged;
import dev.kontor.tickets.TicketEvents.TicketTagsChanged;
import dev.kontor.tickets.TicketManagement;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Turns events into rule runs, from the publication registry (a crash in between runs them after the restart). A
 * customer message is not an event here: rules take it in its pass after ingest ({@link RulesStep}), once triage
 * has set its language, category and order references.
 */
@Component
class RuleTriggers {

    private static final Set<String> FREEING = Set.of("pending", "on_hold", "solved", "closed");

    private final RuleEngine engine;
    private final TicketManagement tickets;
    private final Queues queues;

    RuleTriggers(RuleEngine engine, TicketManagement tickets, Queues queues) {
        this.engine = engine;
        this.tickets = tickets;
        this.queues = queues;
    }

    @ApplicationModuleListener
    void on(ReplyPosted e) {
        if (e.authorId() != null) {
            engine.run(e.ticketId(), EnumSet.of(Trigger.AGENT_REPLIED), Facts.Context.none());
        }
    }

    /** A status change runs rules; an agent's ticket leaving "open" frees capacity for the team's queue. */
    @ApplicationModuleListener
    void on(TicketStatusChanged e) {
        engine.run(e.ticketId(), EnumSet.of(Trigger.STATUS_CHANGED), Facts.Context.none());
        if (FREEING.contains(e.to())) {
            tickets.find(e.ticketId(), ClientScope.everything())
                    .map(t -> t.assigneeId())
                    .ifPresent(queues::agentFreed);
        }
    }

    @ApplicationModuleListener
    void on(TicketTagsChanged e) {
        if (!e.added().isEmpty()) {
            engine.run(e.ticketId(), EnumSet.of(Trigger.TAG_ADDED), new Facts.Context(e.added(), null, null));
        }
    }

    @ApplicationModuleListener
    void on(SlaWarningRaised e) {
        engine.run(e.ticketId(), EnumSet.of(Trigger.SLA_WARNING), new Facts.Context(List.of(), e.metric(), null));
    }

    @ApplicationModuleListener
    void on(SlaBreached e) {
        engine.run(e.ticketId(), EnumSet.of(Trigger.SLA_BREACHED), new Facts.Context(List.of(), e.metric(), null));
    }

    @ApplicationModuleListener
    void on(OrderUpdated e) {
        for (Long ticketId : tickets.unresolvedAbout(e.clientId(), e.orderId())) {
            engine.run(ticketId, EnumSet.of(Trigger.ORDER_STATE_CHANGED), Facts.Context.none());
        }
    }
}
