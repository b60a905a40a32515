package dev.kontor.tickets.domain;

import dev.kontor.tickets.db.tables.records.TicketRecord;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The ticket rows the current transaction holds locked (selected for update, inserted or updated by it), as it last
 * wrote them: no other transaction can change them until it ends, so a second load costs no query. The message
 * pass changes each ticket of a batch in several steps (triage, rules, SLA, hand-out), each loading it again.
 * Rolled back to a savepoint, the transaction forgets them all (the rows may be older again); writes that bypass
 * {@link TicketRepository} forget them too. The rows are never handed out: every load builds a new aggregate or view.
 */
final class LockedTickets implements TransactionSynchronization {

    private final Map<Long, TicketRecord> rows = new HashMap<>();

    private LockedTickets() {}

    static Optional<TicketRecord> get(long ticketId) {
        LockedTickets current = current(false);
        return current == null ? Optional.empty() : Optional.ofNullable(current.rows.get(ticketId));
    }

    /** Remembers a row this transaction locked or wrote; outside a transaction nothing is remembered. */
    static void held(TicketRecord row) {
        LockedTickets current = current(true);
        if (current != null) {
            current.rows.put(row.getId(), row);
        }
    }

    /** After a write that did not go through the repository. */
    static void forgetAll() {
        LockedTickets current = current(false);
        if (current != null) {
            current.rows.clear();
        }
    }

    private static LockedTickets current(boolean create) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()) {
            return null;
        }
        LockedTickets current = (LockedTickets) TransactionSynchronizationManager.getResource(LockedTickets.class);
        if (current == null && create) {
            current = new LockedTickets();
            TransactionSynchronizationManager.bindResource(LockedTickets.class, current);
            TransactionSynchronizationManager.registerSynchronization(current);
        }
        return current;
    }

    @Override
    public void savepointRollback(Object savepoint) {
        rows.clear();
    }

    @Override
    public void suspend() {
        TransactionSynchronizationManager.unbindResource(LockedTickets.class);
    }

    @Override
    public void resume() {
        TransactionSynchronizationManager.bindResource(LockedTickets.class, this);
    }

    @Override
    public void afterCompletion(int status) {
        TransactionSynchronizationManager.unbindResourceIfPossible(LockedTickets.class);
    }
}
