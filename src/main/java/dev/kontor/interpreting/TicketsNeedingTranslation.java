package dev.kontor.interpreting;

import dev.kontor.tickets.MessageStep;
import dev.kontor.tickets.ReceivedMessage;
import dev.kontor.tickets.TicketEvents.TicketAssigned;
import dev.kontor.tickets.TicketEvents.TicketTriaged;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Queues translations as soon as a ticket reaches an agent who does not read its language, and again when its
 * language becomes known or the customer writes more: the agent opens it already translated. A customer message is
 * taken in its pass, after the hand-outs (so its triaged language and its new assignee count), in the pass's
 * transaction. A change outside a pass (an agent takes the ticket, corrects its language) queues through the
 * publication registry, so a crash between the change and the queueing loses nothing.
 */
@Component
@Order(50)
class TicketsNeedingTranslation implements MessageStep {

    /** A preparation after a change outside a pass committed. */
    record PreparationDue(long ticketId) {}

    private final MessageTranslations translations;
    private final ApplicationEventPublisher events;

    TicketsNeedingTranslation(MessageTranslations translations, ApplicationEventPublisher events) {
        this.translations = translations;
        this.events = events;
    }

    @Override
    public void process(List<ReceivedMessage> batch) {
        batch.stream().map(ReceivedMessage::ticketId).distinct().forEach(translations::prepareForAssignee);
    }

    @EventListener
    void on(TicketAssigned event) {
        if (event.assigneeId() != null) {
            due(event.ticketId());
        }
    }

    @EventListener
    void on(TicketTriaged event) {
        due(event.ticketId());
    }

    /** Runs in the changing transaction; the preparation itself after its commit. */
    private void due(long ticketId) {
        if (!MessageStep.passing(ticketId)) {
            events.publishEvent(new PreparationDue(ticketId));
        }
    }

    @ApplicationModuleListener
    void on(PreparationDue due) {
        translations.prepareForAssignee(due.ticketId());
    }
}
