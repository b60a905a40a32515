package dev.kontor.tickets;

import java.time.Instant;
import java.util.List;

/**
 * How the pass after ingest is doing, for admins: messages waiting, since when the oldest waits, and those whose
 * pass failed (with the error, the number of attempts and when it is tried again).
 */
public record MessageFlowStatus(long waiting, Instant oldestWaitingSince, List<Failing> failing) {

    public record Failing(
            long messageId, long ticketId, long ticketNumber, int attempts, Instant nextAttemptAt, String error) {}
}
