package dev.kontor.rules.internal;

import static dev.kontor.rules.db.Tables.FIRING;

import dev.kontor.rules.db.tables.records.FiringRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The record of what each rule did, written once: an event rule's firing collects its outcomes while its actions
 * and its hand-out run, and the transaction's firings are inserted together just before it commits (they used to
 * be inserted, completed and appended to, three writes each). A time rule's firing is inserted at once: its unique
 * row is what decides between nodes which one fires.
 */
@Component
public class Firings {

    /** One firing: its row's values, and its id once written. */
    static final class Firing {
        private Long id;
        private final long ruleId;
        private final String ruleName;
        private final long ticketId;
        private final long clientId;
        private final String trigger;
        private final String episode;
        private final Instant firedAt;
        private final List<String> outcomes = new ArrayList<>();

        Firing(
                long ruleId,
                String ruleName,
                long ticketId,
                long clientId,
                String trigger,
                String episode,
                Instant firedAt) {
            this.ruleId = ruleId;
            this.ruleName = ruleName;
            this.ticketId = ticketId;
            this.clientId = clientId;
            this.trigger = trigger;
            this.episode = episode;
            this.firedAt = firedAt;
        }
    }

    private final DSLContext db;

    Firings(DSLContext db) {
        this.db = db;
    }

    /** An event rule fired: recorded with the transaction's other firings before it commits. */
    Firing fired(Firing firing) {
        Pending pending = pending(true);
        if (pending == null) {
            insert(List.of(firing));
        } else {
            pending.firings.add(firing);
        }
        return firing;
    }

    /**
     * A time rule fired in this episode, unless another node's firing of it came first: then empty. Written at once.
     */
    java.util.Optional<Firing> firedOnce(Firing firing) {
        firing.id = db.insertInto(FIRING)
                .set(row(firing))
                .onConflictDoNothing()
                .returning(FIRING.ID)
                .fetchOptional(FIRING.ID)
                .orElse(null);
        return firing.id == null ? java.util.Optional.empty() : java.util.Optional.of(firing);
    }

    /** What the firing's actions (or its hand-out, later) did. */
    void add(Firing firing, List<String> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        firing.outcomes.addAll(outcomes);
        if (firing.id != null) {
            db.update(FIRING)
                    .set(
                            FIRING.OUTCOMES,
                            DSL.field(
                                    "{0} || {1}",
                                    String[].class, FIRING.OUTCOMES, DSL.val(outcomes.toArray(String[]::new))))
                    .where(FIRING.ID.eq(firing.id))
                    .execute();
        }
    }

    /** How often the rule fired on the ticket since then, counting this transaction's firings not yet written. */
    int since(long ruleId, long ticketId, Instant since) {
        Pending pending = pending(false);
        long unwritten = pending == null
                ? 0
                : pending.firings.stream()
                        .filter(f -> f.ruleId == ruleId && f.ticketId == ticketId && f.firedAt.isAfter(since))
                        .count();
        return (int) unwritten
                + db.fetchCount(
                        FIRING,
                        FIRING.RULE_ID
                                .eq(ruleId)
                                .and(FIRING.TICKET_ID.eq(ticketId))
                                .and(FIRING.FIRED_AT.gt(since)));
    }

    /** Writes this transaction's firings now: for a read of the firings inside it. */
    public void write() {
        Pending pending = pending(false);
        if (pending != null) {
            pending.write();
        }
    }

    /** This transaction's unwritten firings; null outside a transaction (each firing is then written at once). */
    private Pending pending(boolean create) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()) {
            return null;
        }
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending == null && create) {
            pending = new Pending();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        return pending;
    }

    private FiringRecord row(Firing f) {
        FiringRecord r = db.newRecord(FIRING);
        r.setRuleId(f.ruleId);
        r.setRuleName(f.ruleName);
        r.setTicketId(f.ticketId);
        r.setClientId(f.clientId);
        r.setTrigger(f.trigger);
        r.setEpisode(f.episode);
        r.setOutcomes(f.outcomes.toArray(String[]::new));
        r.setFiredAt(f.firedAt);
        return r;
    }

    private void insert(List<Firing> firings) {
        var insert = db.insertInto(
                FIRING,
                FIRING.RULE_ID,
                FIRING.RULE_NAME,
                FIRING.TICKET_ID,
                FIRING.CLIENT_ID,
                FIRING.TRIGGER,
                FIRING.EPISODE,
                FIRING.OUTCOMES,
                FIRING.FIRED_AT);
        for (Firing f : firings) {
            insert = insert.values(
                    f.ruleId,
                    f.ruleName,
                    f.ticketId,
                    f.clientId,
                    f.trigger,
                    f.episode,
                    f.outcomes.toArray(String[]::new),
                    f.firedAt);
        }
        List<Long> ids = insert.returning(FIRING.ID).fetch(FIRING.ID);
        // PostgreSQL returns a multi-row insert's rows in the order of its values.
        for (int i = 0; i < firings.size(); i++) {
            firings.get(i).id = ids.get(i);
        }
    }

    /** The firings one transaction has not written yet. */
    private final class Pending implements TransactionSynchronization {

        private record Mark(Object savepoint, int firings, List<Integer> outcomes) {}

        private final List<Firing> firings = new ArrayList<>();
        private final List<Mark> marks = new ArrayList<>();

        void write() {
            if (!firings.isEmpty()) {
                List<Firing> out = List.copyOf(firings);
                firings.clear();
                insert(out);
            }
        }

        @Override
        public void savepoint(Object savepoint) {
            marks.add(new Mark(
                    savepoint,
                    firings.size(),
                    firings.stream().map(f -> f.outcomes.size()).toList()));
        }

        @Override
        public void savepointRollback(Object savepoint) {
            for (int i = marks.size() - 1; i >= 0; i--) {
                Mark m = marks.get(i);
                if (m.savepoint() == savepoint) {
                    // What was recorded after the savepoint did not happen.
                    firings.subList(Math.min(m.firings(), firings.size()), firings.size())
                            .clear();
                    for (int f = 0; f < firings.size() && f < m.outcomes().size(); f++) {
                        List<String> outcomes = firings.get(f).outcomes;
                        outcomes.subList(Math.min(m.outcomes().get(f), outcomes.size()), outcomes.size())
                                .clear();
                    }
                    marks.subList(i, marks.size()).clear();
                    return;
                }
            }
            // A savepoint taken before this transaction's first firing: none of them happened.
            firings.clear();
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
            TransactionSynchronizationManager.unbindResource(Firings.this);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(Firings.this, this);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(Firings.this);
        }
    }
}
