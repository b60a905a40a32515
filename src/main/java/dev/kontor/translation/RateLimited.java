package dev.kontor.translation;

import java.time.Duration;
import java.util.Optional;

/** Too many requests (HTTP 429, Amazon throttling): wait {@link #retryAfter()} when given, else back off. */
public final class RateLimited extends TranslationFailed {

    private final Duration retryAfter;

    public RateLimited(String provider, Duration retryAfter) {
        super(provider, "rate limited" + (retryAfter == null ? "" : ", retry after " + retryAfter), null);
        this.retryAfter = retryAfter;
    }

    @Override
    public boolean retryable() {
        return true;
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
