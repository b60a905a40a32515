package dev.kontor.tickets.domain;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends ticket changes as PostgreSQL NOTIFY inside the transaction that makes them, so they are delivered on commit
 * and never for a rolled-back change; {@code TicketChangeFeed} listens on every node. The changes of one transaction
 * go out in one statement just before it commits (a batch of the message pass changes each of its tickets several
 * times), in the order they were first made, each once.
 */
@Repository
public class ChangeNotices {

    public static final String CHANNEL = "kontor_ticket_changes";

    private final DSLContext db;

    ChangeNotices(DSLContext db) {
        this.db = db;
    }

    /** {@code kind}: "created", "updated" or "message". */
    public void announce(long ticketId, long clientId, String kind) {
        String payload = ticketId + ":" + clientId + ":" + kind;
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            send(List.of(payload));
            return;
        }
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new Pending();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        pending.payloads.add(payload);
    }

    private void send(Collection<String> payloads) {
        db.execute(
                "select pg_notify(?, p) from unnest(?::text[]) with ordinality as n(p, i) order by i",
                CHANNEL,
                payloads.toArray(String[]::new));
    }

    private final class Pending implements TransactionSynchronization {

        final Set<String> payloads = new LinkedHashSet<>();

        @Override
        public void beforeCommit(boolean readOnly) {
            if (!payloads.isEmpty()) {
                send(payloads);
                payloads.clear();
            }
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(ChangeNotices.this);
        }
    }
}
