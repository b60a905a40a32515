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
 * from the pass. The hand-outs the runs ask for wait for {@link HandOutStep}, after the pass's last step: the batch
 * then holds its teams' routing rows only from there to its commit, and takes them in a fixed order.
 */
@Component
@Order(20)
class RulesStep implements MessageStep {

    private final RuleEngine engine;
    private final PassHandOuts handOuts;

    RulesStep(RuleEngine engine, PassHandOuts handOuts) {
        this.engine = engine;
        this.handOuts = handOuts;
    }

    @Override
    public void process(List<ReceivedMessage> batch) {
        RuleEngine.HandOuts pending = handOuts.begin();
        for (ReceivedMessage m : batch) {
            Set<Trigger> triggers = m.opening()
                    ? EnumSet.of(Trigger.TICKET_CREATED, Trigger.MESSAGE_RECEIVED)
                    : EnumSet.of(Trigger.MESSAGE_RECEIVED);
            engine.run(m.ticketId(), triggers, new Facts.Context(List.of(), null, m.messageId(), m.text()), pending);
        }
    }

    /**
     * The hand-outs of the batch's rule runs, after the SLA step (handing a ticket to an agent moves no clock), in
     * the order of the teams' ids.
     */
    @Component
    @Order(40)
    static class HandOutStep implements MessageStep {

        private final RuleEngine engine;
        private final PassHandOuts handOuts;

        HandOutStep(RuleEngine engine, PassHandOuts handOuts) {
            this.engine = engine;
            this.handOuts = handOuts;
        }

        @Override
        public void process(List<ReceivedMessage> batch) {
            engine.handOut(handOuts.end());
        }
    }

    /**
     * The hand-outs waiting between the rules step and the hand-out step of the batch this thread passes. A batch
     * that failed before its hand-outs leaves them behind; the next batch on the thread starts afresh.
     */
    @Component
    static class PassHandOuts {

        private final ThreadLocal<RuleEngine.HandOuts> current = new ThreadLocal<>();

        RuleEngine.HandOuts begin() {
            RuleEngine.HandOuts h = new RuleEngine.HandOuts();
            current.set(h);
            return h;
        }

        RuleEngine.HandOuts end() {
            RuleEngine.HandOuts h = current.get();
            current.remove();
            return h == null ? new RuleEngine.HandOuts() : h;
        }
    }
}
