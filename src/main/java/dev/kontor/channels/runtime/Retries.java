package dev.kontor.channels.runtime;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionTemplate;

/** How channels retry: growing delays, and outboxes drained one locked row per transaction. */
public final class Retries {

    private Retries() {}

    /** {@code first}, doubling with each attempt, at most {@code max}. */
    public static Duration delay(int attempts, Duration first, Duration max) {
        Duration d = first.multipliedBy(1L << Math.min(20, Math.max(0, attempts - 1)));
        return d.compareTo(max) > 0 ? max : d;
    }

    /**
     * Works through due rows one at a time, each in its own transaction that holds the row ({@code nextDue} locks
     * it with {@code FOR UPDATE SKIP LOCKED}, so two nodes never take the same one), at most {@code limit} per call.
     * Returns how many were attempted.
     */
    public static <T> int drain(TransactionTemplate transactions, int limit, Supplier<T> nextDue, Consumer<T> attempt) {
        int tried = 0;
        while (tried < limit) {
            Boolean any = transactions.execute(tx -> {
                T due = nextDue.get();
                if (due == null) {
                    return false;
                }
                attempt.accept(due);
                return true;
            });
            if (!Boolean.TRUE.equals(any)) {
                break;
            }
            tried++;
        }
        return tried;
    }
}
