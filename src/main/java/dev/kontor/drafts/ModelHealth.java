package dev.kontor.drafts;

import java.time.Instant;

/** How the install's model has been answering: counts, the last success, the last failure and why. */
public record ModelHealth(
        long successes,
        long failures,
        Instant lastSuccessAt,
        Instant lastFailureAt,
        String lastFailure,
        String lastFailureDetail) {}
