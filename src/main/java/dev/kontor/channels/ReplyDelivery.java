package dev.kontor.channels;

import java.time.Instant;

/**
 * Where an agent's reply stands on its way out through its channel (e-mail, marketplace). {@code permanent}: the
 * receiving side refused it for good (no retry helps); a queued reply with a {@code lastError} hit a temporary
 * problem and is tried again at {@code nextAttemptAt}.
 */
public record ReplyDelivery(
        long messageId,
        State state,
        int attempts,
        String lastError,
        Instant sentAt,
        Instant nextAttemptAt,
        boolean permanent) {

    public ReplyDelivery(
            long messageId, State state, int attempts, String lastError, Instant sentAt, Instant nextAttemptAt) {
        this(messageId, state, attempts, lastError, sentAt, nextAttemptAt, false);
    }

    /** The last attempt failed for a reason that may pass; another attempt follows. */
    public boolean retrying() {
        return state == State.QUEUED && lastError != null;
    }

    public enum State {
        QUEUED,
        SENT,
        FAILED;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
