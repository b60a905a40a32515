package dev.kontor.triage;

import dev.kontor.tickets.MessageStep;
import dev.kontor.tickets.ReceivedMessage;
import dev.kontor.tickets.TicketManagement;
import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The first step of a customer message's pass: its language, category and order references go onto the ticket
 * (an agent's correction stays; the subject counts for the message that opened the ticket only).
 */
@Component
@Order(10)
class TriageStep implements MessageStep {

    private final Triage triage;
    private final TicketManagement tickets;

    TriageStep(Triage triage, TicketManagement tickets) {
        this.triage = triage;
        this.tickets = tickets;
    }

    @Override
    public void process(List<ReceivedMessage> batch) {
        for (ReceivedMessage m : batch) {
            TriageResult r = triage.analyze(m.clientId(), m.opening() ? m.subject() : null, m.text());
            // "unknown" never overwrites a language the ticket has (the aggregate keeps it).
            tickets.triaged(m.ticketId(), r.language(), r.category().key(), r.orderRefs());
        }
    }
}
