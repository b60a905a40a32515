package dev.kontor.interpreting;

import dev.kontor.tickets.TicketEvents.MessageReceived;
import dev.kontor.tickets.TicketEvents.TicketAssigned;
import dev.kontor.tickets.TicketEvents.TicketTriaged;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Queues translations as soon as a ticket reaches an agent who does not read its language, and again when its
 * language becomes known or the customer writes more: the agent opens it already translated. Listeners run from
 * the publication registry, so a crash between the event and the queueing loses nothing.
 */
@Component
class TicketsNeedingTranslation {

    private final MessageTranslations translations;

    TicketsNeedingTranslation(MessageTranslations translations) {
        this.translations = translations;
    }

    @ApplicationModuleListener
    void on(TicketAssigned event) {
        if (event.assigneeId() != null) {
            translations.prepareForAssignee(event.ticketId());
        }
    }

    @ApplicationModuleListener
    void on(TicketTriaged event) {
        translations.prepareForAssignee(event.ticketId());
    }

    @ApplicationModuleListener
    void on(MessageReceived event) {
        translations.prepareForAssignee(event.ticketId());
    }
}
