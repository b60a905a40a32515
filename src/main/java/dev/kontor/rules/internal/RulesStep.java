package dev.kontor.rules.internal;

import dev.kontor.tickets.MessageStep;
import dev.kontor.tickets.ReceivedMessage;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The rules' step in a customer message's pass, after triage: the event rules of "ticket created" (for the message
 * that opened the ticket) and "message received" run once per message, in message order, with the message's text
 * from the pass.
 */
@Component
@Order(20)
class RulesStep implements MessageStep {

    private final RuleEngine engine;

    RulesStep(RuleEngine engine) {
        this.engine = engine;
    }

    @Override
    public void process(List<ReceivedMessage> batch) {
        for (ReceivedMessage m : batch) {
            Set<Trigger> triggers = m.opening()
                    ? EnumSet.of(Trigger.TICKET_CREATED, Trigger.MESSAGE_RECEIVED)
                    : EnumSet.of(Trigger.MESSAGE_RECEIVED);
            engine.run(m.ticketId(), triggers, new Facts.Context(List.of(), null, m.messageId(), m.text()));
        }
    }
}
