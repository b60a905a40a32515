package dev.kontor.interpreting.internal;

import static dev.kontor.interpreting.db.Tables.MESSAGE_TRANSLATION;

import dev.kontor.interpreting.MessageTranslationView;
import dev.kontor.interpreting.MessageTranslationView.Status;
import dev.kontor.interpreting.db.tables.records.MessageTranslationRecord;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** The stored translations of messages; pending rows are the background work list. */
@Repository
public class MessageTranslationRepository {

    private final DSLContext db;

    MessageTranslationRepository(DSLContext db) {
        this.db = db;
    }

    /** A translation to make: which message, for which client, into which language. */
    public record Work(long messageId, long ticketId, long clientId, String targetLanguage, int attempts) {}

    /** Queues a translation unless one exists (made, failed or queued already); true when it queued one. */
    public boolean queue(long messageId, long ticketId, long clientId, String target, Instant now) {
        return db.insertInto(MESSAGE_TRANSLATION)
                        .set(MESSAGE_TRANSLATION.MESSAGE_ID, messageId)
                        .set(MESSAGE_TRANSLATION.TICKET_ID, ticketId)
                        .set(MESSAGE_TRANSLATION.CLIENT_ID, clientId)
                        .set(MESSAGE_TRANSLATION.TARGET_LANGUAGE, target)
                        .set(MESSAGE_TRANSLATION.STATUS, Status.PENDING.key())
                        .set(MESSAGE_TRANSLATION.NEXT_ATTEMPT_AT, now)
                        .set(MESSAGE_TRANSLATION.CREATED_AT, now)
                        .set(MESSAGE_TRANSLATION.UPDATED_AT, now)
                        .onConflict(MESSAGE_TRANSLATION.MESSAGE_ID, MESSAGE_TRANSLATION.TARGET_LANGUAGE)
                        .doNothing()
                        .execute()
                > 0;
    }

    /**
     * Takes up to {@code limit} due translations and leases them until {@code leaseUntil}: another node skips them,
     * and a node that dies mid-call leaves them to be taken again when the lease ends.
     */
    public List<Work> claimDue(Instant now, Instant leaseUntil, int limit) {
        var due = db.select(MESSAGE_TRANSLATION.ID)
                .from(MESSAGE_TRANSLATION)
                .where(MESSAGE_TRANSLATION.STATUS.eq(Status.PENDING.key()))
                .and(MESSAGE_TRANSLATION.NEXT_ATTEMPT_AT.le(now))
                .orderBy(MESSAGE_TRANSLATION.NEXT_ATTEMPT_AT)
                .limit(limit)
                .forUpdate()
                .skipLocked()
                .fetch(MESSAGE_TRANSLATION.ID);
        if (due.isEmpty()) {
            return List.of();
        }
        return db.update(MESSAGE_TRANSLATION)
                .set(MESSAGE_TRANSLATION.NEXT_ATTEMPT_AT, leaseUntil)
                .set(MESSAGE_TRANSLATION.ATTEMPTS, MESSAGE_TRANSLATION.ATTEMPTS.plus(1))
                .where(MESSAGE_TRANSLATION.ID.in(due))
                .returning()
                .fetch(r -> new Work(
                        r.getMessageId(), r.getTicketId(), r.getClientId(), r.getTargetLanguage(), r.getAttempts()));
    }

    /** Takes one translation for a request made now (an agent's retry or an API call); counts the try. */
    public void startAttempt(long messageId, long ticketId, long clientId, String target, Instant now) {
        queue(messageId, ticketId, clientId, target, now);
        db.update(MESSAGE_TRANSLATION)
                .set(MESSAGE_TRANSLATION.ATTEMPTS, MESSAGE_TRANSLATION.ATTEMPTS.plus(1))
                .set(MESSAGE_TRANSLATION.STATUS, Status.PENDING.key())
                .set(MESSAGE_TRANSLATION.NEXT_ATTEMPT_AT, now.plusSeconds(300))
                .set(MESSAGE_TRANSLATION.UPDATED_AT, now)
                .where(MESSAGE_TRANSLATION.MESSAGE_ID.eq(messageId))
                .and(MESSAGE_TRANSLATION.TARGET_LANGUAGE.eq(target))
                .execute();
    }

    public void succeeded(long messageId, String target, String text, String source, String provider, Instant now) {
        db.update(MESSAGE_TRANSLATION)
                .set(MESSAGE_TRANSLATION.STATUS, Status.OK.key())
                .set(MESSAGE_TRANSLATION.TEXT, text)
                .set(MESSAGE_TRANSLATION.SOURCE_LANGUAGE, source)
                .set(MESSAGE_TRANSLATION.PROVIDER, provider)
                .setNull(MESSAGE_TRANSLATION.ERROR)
                .setNull(MESSAGE_TRANSLATION.NEXT_ATTEMPT_AT)
                .set(MESSAGE_TRANSLATION.UPDATED_AT, now)
                .where(MESSAGE_TRANSLATION.MESSAGE_ID.eq(messageId))
                .and(MESSAGE_TRANSLATION.TARGET_LANGUAGE.eq(target))
                .execute();
    }

    /** A failed try: {@code retryAt} null marks it failed for good, else it is tried again then. */
    public void failed(long messageId, String target, String provider, String error, Instant retryAt, Instant now) {
        db.update(MESSAGE_TRANSLATION)
                .set(MESSAGE_TRANSLATION.STATUS, retryAt == null ? Status.FAILED.key() : Status.PENDING.key())
                .set(MESSAGE_TRANSLATION.PROVIDER, provider)
                .set(MESSAGE_TRANSLATION.ERROR, error)
                .set(MESSAGE_TRANSLATION.NEXT_ATTEMPT_AT, retryAt)
                .set(MESSAGE_TRANSLATION.UPDATED_AT, now)
                .where(MESSAGE_TRANSLATION.MESSAGE_ID.eq(messageId))
                .and(MESSAGE_TRANSLATION.TARGET_LANGUAGE.eq(target))
                .execute();
    }

    public Optional<MessageTranslationView> find(long messageId, String target) {
        return db.selectFrom(MESSAGE_TRANSLATION)
                .where(MESSAGE_TRANSLATION.MESSAGE_ID.eq(messageId))
                .and(MESSAGE_TRANSLATION.TARGET_LANGUAGE.eq(target))
                .fetchOptional(MessageTranslationRepository::view);
    }

    public List<MessageTranslationView> ofMessages(Collection<Long> messageIds) {
        if (messageIds.isEmpty()) {
            return List.of();
        }
        return db.selectFrom(MESSAGE_TRANSLATION)
                .where(MESSAGE_TRANSLATION.MESSAGE_ID.in(messageIds))
                .orderBy(MESSAGE_TRANSLATION.MESSAGE_ID, MESSAGE_TRANSLATION.TARGET_LANGUAGE)
                .fetch(MessageTranslationRepository::view);
    }

    private static MessageTranslationView view(MessageTranslationRecord r) {
        return new MessageTranslationView(
                r.getMessageId(),
                r.getTicketId(),
                r.getTargetLanguage(),
                Status.valueOf(r.getStatus().toUpperCase(java.util.Locale.ROOT)),
                r.getText(),
                r.getSourceLanguage(),
                r.getProvider(),
                r.getError(),
                r.getAttempts(),
                r.getUpdatedAt());
    }
}
