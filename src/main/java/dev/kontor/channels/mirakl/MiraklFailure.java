package dev.kontor.channels.mirakl;

import java.time.Duration;

/**
 * A call to a Mirakl instance that did not succeed, classified by what the connector should do next: stop until
 * the key is fixed, wait as told, back off, or show the marketplace's refusal.
 */
class MiraklFailure extends RuntimeException {

    enum Kind {
        /** 401/403: the key is wrong or revoked; polling stops until an admin changes it. */
        UNAUTHORIZED,
        /** 429: wait for {@link #retryAfter()}. */
        RATE_LIMITED,
        /** 5xx, timeouts, connection errors: back off and try again. */
        UNAVAILABLE,
        /** 404 on the thing asked for. */
        NOT_FOUND,
        /** Another 4xx: the marketplace refused the request; its message says why. */
        REJECTED
    }

    private final Kind kind;
    private final int status;
    private final Duration retryAfter;

    MiraklFailure(Kind kind, int status, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    Kind kind() {
        return kind;
    }

    int status() {
        return status;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
