package dev.kontor.interpreting;

import java.time.Instant;

/**
 * A customer message in another language, as stored. {@code status} pending (queued or waiting to retry, {@code
 * error} then says why the last try failed), ok, or failed (the provider refused for good; an agent may retry).
 * {@code sourceLanguage}: what the provider detected or was told.
 */
public record MessageTranslationView(
        long messageId,
        long ticketId,
        String targetLanguage,
        Status status,
        String text,
        String sourceLanguage,
        String provider,
        String error,
        int attempts,
        Instant updatedAt) {

    public enum Status {
        PENDING,
        OK,
        FAILED;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean ok() {
        return status == Status.OK;
    }

    public boolean failed() {
        return status == Status.FAILED;
    }

    public boolean pending() {
        return status == Status.PENDING;
    }
}
