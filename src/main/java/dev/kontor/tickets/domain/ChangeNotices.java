package dev.kontor.tickets.domain;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/**
 * Sends a ticket change as a PostgreSQL NOTIFY inside the transaction that makes it, so it is delivered on commit
 * and never for a rolled-back change; {@code TicketChangeFeed} listens on every node.
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
        db.execute("select pg_notify(?, ?)", CHANNEL, ticketId + ":" + clientId + ":" + kind);
    }
}
