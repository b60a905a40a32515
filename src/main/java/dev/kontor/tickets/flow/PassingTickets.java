package dev.kontor.tickets.flow;

import java.util.HashSet;
import java.util.Set;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The tickets whose message pass runs on this thread, from the first step to the last (what an earlier step changes
 * on them is seen by the later ones in the same transaction), and those whose pass the current transaction queued
 * (a customer message stored). Read through {@link dev.kontor.tickets.MessageStep#passing}.
 */
public final class PassingTickets {

    private static final ThreadLocal<Set<Long>> CURRENT = ThreadLocal.withInitial(Set::of);
    private static final Object QUEUED = new Object();

    private PassingTickets() {}

    public static boolean contains(long ticketId) {
        if (CURRENT.get().contains(ticketId)) {
            return true;
        }
        @SuppressWarnings("unchecked")
        Set<Long> queued = TransactionSynchronizationManager.isSynchronizationActive()
                ? (Set<Long>) TransactionSynchronizationManager.getResource(QUEUED)
                : null;
        return queued != null && queued.contains(ticketId);
    }

    /**
     * The current transaction queued a message of the ticket for its pass: the pass follows the commit (also after
     * a crash), so until then a change the transaction makes is seen by the pass's steps.
     */
    static void queued(long ticketId) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        @SuppressWarnings("unchecked")
        Set<Long> queued = (Set<Long>) TransactionSynchronizationManager.getResource(QUEUED);
        if (queued == null) {
            Set<Long> fresh = new HashSet<>();
            TransactionSynchronizationManager.bindResource(QUEUED, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void suspend() {
                    TransactionSynchronizationManager.unbindResource(QUEUED);
                }

                @Override
                public void resume() {
                    TransactionSynchronizationManager.bindResource(QUEUED, fresh);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(QUEUED);
                }
            });
            queued = fresh;
        }
        queued.add(ticketId);
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
