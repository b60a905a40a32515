package dev.kontor.tickets;

import dev.kontor.tickets.flow.FlowQueue;
import java.time.Clock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The pass after ingest as admins see it: how much waits, which messages fail and why, and "try again now" for
 * messages waiting out a backoff (after the cause was fixed). Admin-only: the failing list names tickets of every
 * client.
 */
@Service
public class MessageFlowManagement {

    private final FlowQueue queue;
    private final Clock clock;

    MessageFlowManagement(FlowQueue queue, Clock clock) {
        this.queue = queue;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public MessageFlowStatus status(int limit) {
        return queue.status(Math.max(1, Math.min(limit, 500)));
    }

    /** Returns how many failing messages are due now; the workers pick them up within a poll. */
    @Transactional
    public int retryNow() {
        return queue.retryNow(clock.instant());
    }
}
