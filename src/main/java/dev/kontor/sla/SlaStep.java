package dev.kontor.sla;

import dev.kontor.tickets.MessageStep;
import dev.kontor.tickets.ReceivedMessage;
import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The last step of a customer message's pass: once triage and rules have set category, priority, tags and status,
 * each ticket of the batch gets its deadlines, once.
 */
@Component
@Order(30)
class SlaStep implements MessageStep {

    private final SlaClocks clocks;

    SlaStep(SlaClocks clocks) {
        this.clocks = clocks;
    }

    @Override
    public void process(List<ReceivedMessage> batch) {
        batch.stream().map(ReceivedMessage::ticketId).distinct().forEach(clocks::recompute);
    }
}
