package dev.kontor.tickets.flow;

import java.util.Set;

/**
 * The tickets whose message pass runs on this thread, from the first step to the last: what an earlier step changes
 * on them is seen by the later ones in the same transaction. Read through {@link
 * dev.kontor.tickets.MessageStep#passing}.
 */
public final class PassingTickets {

    private static final ThreadLocal<Set<Long>> CURRENT = ThreadLocal.withInitial(Set::of);

    private PassingTickets() {}

    public static boolean contains(long ticketId) {
        return CURRENT.get().contains(ticketId);
    }

    static void during(Set<Long> ticketIds, Runnable pass) {
        CURRENT.set(Set.copyOf(ticketIds));
        try {
            pass.run();
        } finally {
            CURRENT.remove();
        }
    }
}
