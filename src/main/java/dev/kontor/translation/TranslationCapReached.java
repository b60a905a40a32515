package dev.kontor.translation;

import java.time.Duration;
import java.util.Optional;

/**
 * The client's monthly character cap would be passed by this request: nothing is sent to any provider until the
 * next month (or until an admin raises the cap).
 */
public final class TranslationCapReached extends TranslationFailed {

    private final long cap;
    private final long used;
    private final Duration untilNextMonth;

    public TranslationCapReached(long clientId, long cap, long used, Duration untilNextMonth) {
        super("none", "client " + clientId + " has used " + used + " of its " + cap + " characters this month", null);
        this.cap = cap;
        this.used = used;
        this.untilNextMonth = untilNextMonth;
    }

    public long cap() {
        return cap;
    }

    public long used() {
        return used;
    }

    @Override
    public boolean retryable() {
        return false;
    }

    /** When the next month starts and the count begins again. */
    @Override
    public Optional<Duration> retryAfter() {
        return Optional.of(untilNextMonth);
    }
}
