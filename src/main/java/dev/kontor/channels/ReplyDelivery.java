package dev.kontor.channels;

import java.time.Instant;

/** Where an agent's reply stands on its way out through its channel (e-mail, marketplace). */
public record ReplyDelivery(
        long messageId, State state, int attempts, String lastError, Instant sentAt, Instant nextAttemptAt) {

    public enum State {
        QUEUED,
        SENT,
        FAILED;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
