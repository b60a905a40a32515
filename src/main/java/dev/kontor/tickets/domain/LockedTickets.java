package dev.kontor.tickets.domain;

import static dev.kontor.tickets.db.Tables.TICKET;

import dev.kontor.tickets.db.tables.records.TicketRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The ticket rows the current transaction holds locked (selected for update, inserted or changed by it), as it last
 * changed them. No other transaction can change them until it ends, so a second load costs no query, and a change
 * is written once, just before the commit or before the next query that reads tickets ({@link #writeChanges}), however
 * often the transaction changed the ticket: the message pass changes each ticket of a batch in several steps
 * (triage, rules, SLA, hand-out), and every write of a row the transaction already wrote also re-checks its foreign
 * keys. Rolled back to a savepoint, the transaction gets back the rows it held at the savepoint. The rows are never
 * handed out: every load builds a new aggregate or view.
 */
final class LockedTickets implements TransactionSynchronization {

    private record Mark(Object savepoint, Map<Long, TicketRecord> rows, Set<Long> changed) {}

    private final DSLContext db;
    private final Map<Long, TicketRecord> rows = new HashMap<>();
    private final Set<Long> changed = new LinkedHashSet<>();
    private final List<Mark> marks = new ArrayList<>();

    private LockedTickets(DSLContext db) {
        this.db = db;
    }

    static Optional<TicketRecord> get(long ticketId) {
        LockedTickets current = current(null);
        return current == null ? Optional.empty() : Optional.ofNullable(current.rows.get(ticketId));
    }

    /** Remembers a row this transaction locked or wrote. */
    static void held(DSLContext db, TicketRecord row) {
        LockedTickets current = current(db);
        if (current != null) {
            current.rows.put(row.getId(), row);
        }
    }

    /**
     * Takes a changed row of a ticket this transaction holds, to write it later; false outside a transaction or for
     * a ticket it does not hold (the caller writes it now).
     */
    static boolean change(TicketRecord row) {
        LockedTickets current = current(null);
        if (current == null || !current.rows.containsKey(row.getId())) {
            return false;
        }
        current.rows.put(row.getId(), row);
        current.changed.add(row.getId());
        return true;
    }

    /**
     * The rows this transaction changed and has not written yet, by ticket id: a query that can count them itself
     * (reading the others from the table) need not write them first.
     */
    static Map<Long, TicketRecord> unwritten() {
        LockedTickets current = current(null);
        if (current == null || current.changed.isEmpty()) {
            return Map.of();
        }
        Map<Long, TicketRecord> out = new HashMap<>();
        current.changed.forEach(id -> out.put(id, current.rows.get(id)));
        return out;
    }

    /** Writes the changes waiting in this transaction; every query that reads ticket rows calls it first. */
    static void writeChanges() {
        LockedTickets current = current(null);
        if (current != null) {
            current.write();
        }
    }

    /** After a write that did not go through the repository: writes what waits and forgets every row. */
    static void forgetAll() {
        LockedTickets current = current(null);
        if (current != null) {
            current.write();
            current.rows.clear();
        }
    }

    private void write() {
        if (changed.isEmpty()) {
            return;
        }
        List<Query> updates = new ArrayList<>(changed.size());
        for (Long id : changed) {
            updates.add(db.update(TICKET)
                    .set(TicketRepository.aggregateValues(rows.get(id)))
                    .set(TICKET.VERSION, TICKET.VERSION.plus(1))
                    .where(TICKET.ID.eq(id)));
        }
        changed.clear();
        if (updates.size() == 1) {
            updates.get(0).execute();
        } else {
            db.batch(updates).execute();
        }
    }

    private static LockedTickets current(DSLContext create) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()) {
            return null;
        }
        LockedTickets current = (LockedTickets) TransactionSynchronizationManager.getResource(LockedTickets.class);
        if (current == null && create != null) {
            current = new LockedTickets(create);
            TransactionSynchronizationManager.bindResource(LockedTickets.class, current);
            TransactionSynchronizationManager.registerSynchronization(current);
        }
        return current;
    }

    @Override
    public void savepoint(Object savepoint) {
        marks.add(new Mark(savepoint, new HashMap<>(rows), new LinkedHashSet<>(changed)));
    }

    @Override
    public void savepointRollback(Object savepoint) {
        for (int i = marks.size() - 1; i >= 0; i--) {
            Mark m = marks.get(i);
            if (m.savepoint() == savepoint) {
                rows.clear();
                rows.putAll(m.rows());
                changed.clear();
                changed.addAll(m.changed());
                marks.subList(i, marks.size()).clear();
                return;
            }
        }
        // A savepoint taken before this transaction held any ticket: nothing it holds now is known to be current.
        rows.clear();
        changed.clear();
    }

    @Override
    public void flush() {
        write();
    }

    @Override
    public void beforeCommit(boolean readOnly) {
        write();
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
