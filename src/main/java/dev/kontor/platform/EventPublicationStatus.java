package dev.kontor.platform;

import java.time.Instant;
import java.util.List;

/**
 * The event publication registry as admins see it: how many publications wait in each state (completed ones are
 * deleted), and the failed ones, oldest first, with the listener that failed and when it is tried again.
 */
public record EventPublicationStatus(
        long published, long processing, long resubmitted, long failed, List<Failed> failing) {

    /** {@code listener}: the method that failed (module, class and method). */
    public record Failed(
            String id,
            String listener,
            String eventType,
            Instant publishedAt,
            int attempts,
            Instant lastTriedAt,
            Instant nextTryAt) {}
}
