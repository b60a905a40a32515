package dev.kontor.shared;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reference data (teams, users, policies, settings) read once per batch instead of once per item. A batch (the
 * message pass's) opens a scope on its thread; inside it, {@link #remember} returns what an earlier call with the
 * same key loaded. Only data the batch does not change itself may be remembered. A scope lasts one batch, that is
 * one transaction: a change another node commits meanwhile is seen by the next batch, as it would be after a
 * longer transaction. Outside a scope every call loads.
 */
public final class BatchMemo {

    private static final ThreadLocal<Map<Object, Object>> SCOPE = new ThreadLocal<>();

    private BatchMemo() {}

    /** Runs {@code work} in a fresh scope (a nested call gets its own and restores the outer one). */
    public static void during(Runnable work) {
        Map<Object, Object> outer = SCOPE.get();
        SCOPE.set(new HashMap<>());
        try {
            work.run();
        } finally {
            if (outer == null) {
                SCOPE.remove();
            } else {
                SCOPE.set(outer);
            }
        }
    }

    /**
     * What {@code load} returned for {@code key} earlier in this scope, or its answer now. {@code key} must say
     * what is loaded and from what (e.g. {@code List.of("accounts.team", id)}); the value must not be changed by
     * its users.
     */
    @SuppressWarnings("unchecked")
    public static <T> T remember(Object key, Supplier<T> load) {
        Map<Object, Object> memo = SCOPE.get();
        if (memo == null) {
            return load.get();
        }
        if (memo.containsKey(key)) {
            return (T) memo.get(key);
        }
        T value = load.get();
        memo.put(key, value);
        return value;
    }

    /** Drops what this scope remembered, after the batch changed reference data itself. */
    public static void forget() {
        Map<Object, Object> memo = SCOPE.get();
        if (memo != null) {
            memo.clear();
        }
    }
}
