package dev.kontor.simulator;

import java.time.Duration;

/** Faults a test injects: the next requests are rate limited or fail, or every answer is slow. */
public final class Faults {

    private int rateLimited;
    private int retryAfterSeconds;
    private int failing;
    private int failStatus;
    private Duration delay = Duration.ZERO;

    /** The next {@code times} requests answer 429 with {@code Retry-After: seconds}. */
    public synchronized Faults rateLimit(int times, int seconds) {
        rateLimited = times;
        retryAfterSeconds = seconds;
        return this;
    }

    /** The next {@code times} requests answer {@code status} (e.g. 500) with an error body. */
    public synchronized Faults fail(int times, int status) {
        failing = times;
        failStatus = status;
        return this;
    }

    /** Every answer waits this long first. */
    public synchronized Faults delay(Duration delay) {
        this.delay = delay;
        return this;
    }

    public synchronized void clear() {
        rateLimited = 0;
        failing = 0;
        delay = Duration.ZERO;
    }

    synchronized Duration delay() {
        return delay;
    }

    /** The fault for this request, if any: {status, retryAfterSeconds or -1}. */
    synchronized int[] take() {
        if (rateLimited > 0) {
            rateLimited--;
            return new int[] {429, retryAfterSeconds};
        }
        if (failing > 0) {
            failing--;
            return new int[] {failStatus, -1};
        }
        return null;
    }
}
