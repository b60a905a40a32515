package dev.kontor.channels.email;

import static dev.kontor.channels.db.Tables.INBOUND_MAIL;
import static dev.kontor.channels.db.Tables.SKIPPED_MAIL;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
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

    /**
     * Stores what is new; returns how many. The same server message fetched again (same UID, after an interrupted
     * fetch) is not a new mail; a byte-identical copy under another UID (a resend, a re-read folder) is skipped and
     * recorded with the mail it duplicates, so no skipped mail goes uncounted.
     */
    int store(long mailboxId, long uidValidity, List<Fetched> messages) {
        int stored = 0;
        for (Fetched m : messages) {
            int inserted = db.insertInto(INBOUND_MAIL)
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
            stored += inserted;
            if (inserted == 0) {
                skipIfCopy(mailboxId, uidValidity, m);
            }
        }
        return stored;
    }

    private void skipIfCopy(long mailboxId, long uidValidity, Fetched m) {
        if (db.fetchExists(
                INBOUND_MAIL,
                INBOUND_MAIL.MAILBOX_ID.eq(mailboxId),
                INBOUND_MAIL.UID_VALIDITY.eq(uidValidity),
                INBOUND_MAIL.UID.eq(m.uid()))) {
            return; // this very message is stored already
        }
        Long original = db.select(INBOUND_MAIL.ID)
                .from(INBOUND_MAIL)
                .where(INBOUND_MAIL.MAILBOX_ID.eq(mailboxId).and(INBOUND_MAIL.DEDUPE_KEY.eq(m.dedupeKey())))
                .fetchOne(INBOUND_MAIL.ID);
        if (original == null) {
            return; // stored under its UID by a concurrent fetch that has just committed
        }
        db.insertInto(SKIPPED_MAIL)
                .set(SKIPPED_MAIL.MAILBOX_ID, mailboxId)
                .set(SKIPPED_MAIL.UID_VALIDITY, uidValidity)
                .set(SKIPPED_MAIL.UID, m.uid())
                .set(SKIPPED_MAIL.REASON, "identical")
                .set(SKIPPED_MAIL.DUPLICATE_OF, original)
                .set(SKIPPED_MAIL.SKIPPED_AT, clock.instant())
                .onConflictDoNothing()
                .execute();
    }

    /** How many mails of the mailbox were skipped, by reason. */
    Map<String, Integer> skipped(long mailboxId) {
        return db.select(SKIPPED_MAIL.REASON, DSL.count())
                .from(SKIPPED_MAIL)
                .where(SKIPPED_MAIL.MAILBOX_ID.eq(mailboxId))
                .groupBy(SKIPPED_MAIL.REASON)
                .fetchMap(SKIPPED_MAIL.REASON, DSL.count());
    }

    /** A stored mail waiting to be processed, with who sent it as far as its first header lines tell. */
    record Pending(long id, String sender) {}

    private static final java.util.regex.Pattern FROM_LINE =
            java.util.regex.Pattern.compile("(?im)^from:[^\\n]*?([A-Za-z0-9._%+'=-]+@[A-Za-z0-9.-]+)");

    /** New mail of every mailbox after {@code afterId}, oldest first; the sender read from the first 8 KB only. */
    List<Pending> pendingAll(long afterId, int limit) {
        var head = DSL.field("substring({0} from 1 for 8192)", byte[].class, INBOUND_MAIL.RAW);
        return db.select(INBOUND_MAIL.ID, head)
                .from(INBOUND_MAIL)
                .where(INBOUND_MAIL.STATUS.eq("new").and(INBOUND_MAIL.ID.gt(afterId)))
                .orderBy(INBOUND_MAIL.ID)
                .limit(limit)
                .fetch(r -> {
                    var m = FROM_LINE.matcher(new String(r.value2(), java.nio.charset.StandardCharsets.ISO_8859_1));
                    return new Pending(
                            r.value1(),
                            m.find() ? m.group(1).toLowerCase(java.util.Locale.ROOT) : "mail:" + r.value1());
                });
    }

    /** How many of the mailbox's stored mails wait to be processed. */
    int backlog(long mailboxId) {
        return db.fetchCount(INBOUND_MAIL, INBOUND_MAIL.MAILBOX_ID.eq(mailboxId).and(INBOUND_MAIL.STATUS.eq("new")));
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
