package dev.kontor.tickets.domain;

import static dev.kontor.tickets.db.Tables.ATTACHMENT;
import static dev.kontor.tickets.db.Tables.MESSAGE;
import static dev.kontor.tickets.db.Tables.TICKET;

import dev.kontor.tickets.AttachmentContent;
import dev.kontor.tickets.MessageKind;
import dev.kontor.tickets.MessageView;
import dev.kontor.tickets.MessageView.AttachmentView;
import dev.kontor.tickets.TicketCommands.NewAttachment;
import dev.kontor.tickets.db.tables.records.MessageRecord;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Stores and reads a ticket's messages (customer messages, replies, notes) and their attachments. */
@Repository
public class MessageRepository {

    private final DSLContext db;

    MessageRepository(DSLContext db) {
        this.db = db;
    }

    /** A message to store; {@code authorUserId} for the team's, {@code authorCustomerId} for the customer's. */
    public record NewMessage(
            long ticketId,
            long channelId,
            MessageKind kind,
            Long authorUserId,
            Long authorCustomerId,
            String authorName,
            String text,
            String html,
            String externalId,
            Instant at,
            List<NewAttachment> files,
            boolean automated,
            String language,
            String originalText,
            String originalLanguage) {

        /** A message stored as it was written. */
        public NewMessage(
                long ticketId,
                long channelId,
                MessageKind kind,
                Long authorUserId,
                Long authorCustomerId,
                String authorName,
                String text,
                String html,
                String externalId,
                Instant at,
                List<NewAttachment> files,
                boolean automated) {
            this(
                    ticketId,
                    channelId,
                    kind,
                    authorUserId,
                    authorCustomerId,
                    authorName,
                    text,
                    html,
                    externalId,
                    at,
                    files,
                    automated,
                    null,
                    null,
                    null);
        }
    }

    /** The message a channel delivered under this external id (ticket id, message id), if it did. */
    public record Seen(long ticketId, long messageId) {}

    /**
     * Takes a lock on the channel's external id until the transaction ends (a retried delivery racing its first
     * try waits), then answers whether it was stored already.
     */
    public Optional<Seen> lockDelivery(long channelId, String externalId) {
        db.execute("select pg_advisory_xact_lock(hashtext(?))", channelId + "/" + externalId);
        return db.select(MESSAGE.TICKET_ID, MESSAGE.ID)
                .from(MESSAGE)
                .where(MESSAGE.CHANNEL_ID.eq(channelId).and(MESSAGE.EXTERNAL_ID.eq(externalId)))
                .fetchOptional(r -> new Seen(r.value1(), r.value2()));
    }

    public long insert(NewMessage m) {
        long id = db.insertInto(MESSAGE)
                .set(MESSAGE.TICKET_ID, m.ticketId())
                .set(MESSAGE.CHANNEL_ID, m.channelId())
                .set(MESSAGE.KIND, m.kind().key())
                .set(MESSAGE.AUTHOR_USER_ID, m.authorUserId())
                .set(MESSAGE.AUTHOR_CUSTOMER_ID, m.authorCustomerId())
                .set(MESSAGE.AUTHOR_NAME, m.authorName() == null ? "" : m.authorName())
                .set(MESSAGE.BODY_TEXT, m.text() == null ? "" : m.text())
                .set(MESSAGE.BODY_HTML, m.html())
                .set(MESSAGE.EXTERNAL_ID, m.externalId())
                .set(MESSAGE.CREATED_AT, m.at())
                .set(MESSAGE.AUTOMATED, m.automated())
                .set(MESSAGE.LANGUAGE, m.language())
                .set(MESSAGE.ORIGINAL_TEXT, m.originalText())
                .set(MESSAGE.ORIGINAL_LANGUAGE, m.originalLanguage())
                .returning(MESSAGE.ID)
                .fetchOne(MESSAGE.ID);
        for (NewAttachment file : m.files() == null ? List.<NewAttachment>of() : m.files()) {
            db.insertInto(ATTACHMENT)
                    .set(ATTACHMENT.MESSAGE_ID, id)
                    .set(ATTACHMENT.FILENAME, safeFilename(file.filename()))
                    .set(
                            ATTACHMENT.CONTENT_TYPE,
                            file.contentType() == null || file.contentType().isBlank()
                                    ? "application/octet-stream"
                                    : file.contentType())
                    .set(ATTACHMENT.SIZE_BYTES, (long) file.content().length)
                    .set(ATTACHMENT.SHA256, sha256(file.content()))
                    .set(ATTACHMENT.CONTENT, file.content())
                    .execute();
        }
        return id;
    }

    public Optional<MessageView> byId(long messageId) {
        return db.selectFrom(MESSAGE)
                .where(MESSAGE.ID.eq(messageId))
                .fetchOptional(r -> toView(r, attachmentsOf(messageId)));
    }

    /** The ticket's conversation in order, with its attachments' descriptions. */
    public List<MessageView> conversation(long ticketId) {
        Map<Long, List<AttachmentView>> files = db.select(
                        ATTACHMENT.ID,
                        ATTACHMENT.MESSAGE_ID,
                        ATTACHMENT.FILENAME,
                        ATTACHMENT.CONTENT_TYPE,
                        ATTACHMENT.SIZE_BYTES)
                .from(ATTACHMENT)
                .join(MESSAGE)
                .on(MESSAGE.ID.eq(ATTACHMENT.MESSAGE_ID))
                .where(MESSAGE.TICKET_ID.eq(ticketId))
                .orderBy(ATTACHMENT.ID)
                .fetchGroups(
                        ATTACHMENT.MESSAGE_ID, r -> new AttachmentView(r.value1(), r.value3(), r.value4(), r.value5()));
        return db.selectFrom(MESSAGE)
                .where(MESSAGE.TICKET_ID.eq(ticketId))
                .orderBy(MESSAGE.ID)
                .fetch(r -> toView(r, files.getOrDefault(r.getId(), List.of())));
    }

    /** An attachment's content with the client of its ticket (for the caller's access check). */
    public record StoredAttachment(AttachmentContent content, long clientId) {}

    public Optional<StoredAttachment> attachment(long attachmentId) {
        return db.select(ATTACHMENT.FILENAME, ATTACHMENT.CONTENT_TYPE, ATTACHMENT.CONTENT, TICKET.CLIENT_ID)
                .from(ATTACHMENT)
                .join(MESSAGE)
                .on(MESSAGE.ID.eq(ATTACHMENT.MESSAGE_ID))
                .join(TICKET)
                .on(TICKET.ID.eq(MESSAGE.TICKET_ID))
                .where(ATTACHMENT.ID.eq(attachmentId))
                .fetchOptional(r ->
                        new StoredAttachment(new AttachmentContent(r.value1(), r.value2(), r.value3()), r.value4()));
    }

    public Optional<MessageView> latestCustomerMessage(long ticketId) {
        return db.selectFrom(MESSAGE)
                .where(MESSAGE.TICKET_ID.eq(ticketId).and(MESSAGE.KIND.eq(MessageKind.INBOUND.key())))
                .orderBy(MESSAGE.ID.desc())
                .limit(1)
                .fetchOptional(r -> toView(r, List.of()));
    }

    public Optional<Instant> lastAutoReplyAt(long ticketId) {
        return db.select(DSL.max(MESSAGE.CREATED_AT))
                .from(MESSAGE)
                .where(MESSAGE.TICKET_ID.eq(ticketId).and(MESSAGE.AUTOMATED.isTrue()))
                .fetchOptional(0, Instant.class);
    }

    public Optional<Long> firstCustomerMessageId(long ticketId) {
        return db.select(DSL.min(MESSAGE.ID))
                .from(MESSAGE)
                .where(MESSAGE.TICKET_ID.eq(ticketId).and(MESSAGE.KIND.eq(MessageKind.INBOUND.key())))
                .fetchOptional(0, Long.class);
    }

    /** The oldest customer message (not an automated one) written after the given time; null when none. */
    public Instant oldestCustomerMessageAfter(long ticketId, Instant after) {
        return db.select(DSL.min(MESSAGE.CREATED_AT))
                .from(MESSAGE)
                .where(MESSAGE.TICKET_ID.eq(ticketId))
                .and(MESSAGE.KIND.eq(MessageKind.INBOUND.key()))
                .and(MESSAGE.AUTOMATED.isFalse())
                .and(MESSAGE.CREATED_AT.gt(after))
                .fetchOne(0, Instant.class);
    }

    private List<AttachmentView> attachmentsOf(long messageId) {
        return db.select(ATTACHMENT.ID, ATTACHMENT.FILENAME, ATTACHMENT.CONTENT_TYPE, ATTACHMENT.SIZE_BYTES)
                .from(ATTACHMENT)
                .where(ATTACHMENT.MESSAGE_ID.eq(messageId))
                .orderBy(ATTACHMENT.ID)
                .fetch(r -> new AttachmentView(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    private static String safeFilename(String name) {
        String cleaned =
                name == null ? "" : name.replaceAll("[\\\\/\\p{Cntrl}]", "_").strip();
        if (cleaned.isEmpty()) {
            cleaned = "attachment";
        }
        return cleaned.length() > 200 ? cleaned.substring(cleaned.length() - 200) : cleaned;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MessageView toView(MessageRecord r, List<AttachmentView> files) {
        return new MessageView(
                r.getId(),
                r.getTicketId(),
                MessageKind.fromKey(r.getKind()),
                r.getAuthorUserId(),
                r.getAuthorName(),
                r.getBodyText(),
                r.getBodyHtml(),
                r.getExternalId(),
                r.getCreatedAt(),
                files,
                r.getAutomated(),
                r.getLanguage(),
                r.getOriginalText(),
                r.getOriginalLanguage());
    }
}
