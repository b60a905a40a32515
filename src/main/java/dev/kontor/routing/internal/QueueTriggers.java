package dev.kontor.routing.internal;

import dev.kontor.shared.ClientScope;
import dev.kontor.tickets.TicketEvents.TicketStatusChanged;
import dev.kontor.tickets.TicketQueries;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * An agent whose ticket stops being open may take another: the ticket's change is looked at in the transaction that
 * publishes it, and the hand-out goes to the publication registry (a crash in between offers the queue after the
 * restart) and runs once that transaction committed, when the agent's load has dropped.
 */
@Component
class QueueTriggers {

    private static final Set<String> FREEING = Set.of("pending", "on_hold", "solved", "closed");

    /** An agent's ticket left "open": the team's queue may hand them another. */
    record AgentFreed(long userId) {}

    private final TicketQueries tickets;
    private final Queues queues;
    private final ApplicationEventPublisher events;

    QueueTriggers(TicketQueries tickets, Queues queues, ApplicationEventPublisher events) {
        this.tickets = tickets;
        this.queues = queues;
        this.events = events;
    }

    @EventListener
    void on(TicketStatusChanged e) {
        if (FREEING.contains(e.to())) {
            tickets.find(e.ticketId(), ClientScope.everything())
                    .map(t -> t.assigneeId())
                    .ifPresent(user -> events.publishEvent(new AgentFreed(user)));
        }
    }

    @ApplicationModuleListener
    void on(AgentFreed e) {
        queues.agentFreed(e.userId());
    }
}
