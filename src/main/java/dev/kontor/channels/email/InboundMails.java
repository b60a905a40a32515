package dev.kontor.channels.email;

import static dev.kontor.channels.db.Tables.INBOUND_MAIL;

import java.time.Clock;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** Raw fetched messages: stored before anything parses them, so a crash or a parser bug loses nothing. */
@Component
class InboundMails {

    private final DSLContext db;
    private final Clock clock;

    InboundMails(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A message as fetched from the server, before any parsing. */
    record Fetched(long uid, String dedupeKey, byte[] raw, long size, boolean oversized) {}

    /** Stores what is new; a message seen before (same UID, or same Message-ID) is skipped. Returns how many. */
    int store(long mailboxId, long uidValidity, List<Fetched> messages) {
        int stored = 0;
        for (Fetched m : messages) {
            stored += db.insertInto(INBOUND_MAIL)
                    .set(INBOUND_MAIL.MAILBOX_ID, mailboxId)
                    .set(INBOUND_MAIL.UID_VALIDITY, uidValidity)
                    .set(INBOUND_MAIL.UID, m.uid())
                    .set(INBOUND_MAIL.DEDUPE_KEY, m.dedupeKey())
                    .set(INBOUND_MAIL.RAW, m.raw())
                    .set(INBOUND_MAIL.SIZE, m.size())
                    .set(INBOUND_MAIL.OVERSIZED, m.oversized())
                    .set(INBOUND_MAIL.STATUS, "new")
                    .set(INBOUND_MAIL.FETCHED_AT, clock.instant())
                    .onConflictDoNothing()
                    .execute();
        }
        return stored;
    }

    List<Long> pending(long mailboxId, int limit) {
        return db.select(INBOUND_MAIL.ID)
                .from(INBOUND_MAIL)
                .where(INBOUND_MAIL.STATUS.eq("new").and(INBOUND_MAIL.MAILBOX_ID.eq(mailboxId)))
                .orderBy(INBOUND_MAIL.ID)
                .limit(limit)
                .fetch(INBOUND_MAIL.ID);
    }
}
