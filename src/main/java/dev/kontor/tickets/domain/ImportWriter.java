package dev.kontor.tickets.domain;

import static dev.kontor.tickets.db.Tables.ATTACHMENT;
import static dev.kontor.tickets.db.Tables.MESSAGE;
import static dev.kontor.tickets.db.Tables.MESSAGE_FLOW;
import static dev.kontor.tickets.db.Tables.TICKET;
import static dev.kontor.tickets.db.Tables.TICKET_EXTERNAL_ID;

import dev.kontor.tickets.MessageKind;
import dev.kontor.tickets.Priority;
import dev.kontor.tickets.TicketStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * Set-based writes of imported tickets: multi-row inserts of tickets, messages and attachments (a few statements
 * per batch instead of several per message). PostgreSQL returns the rows of a multi-row {@code INSERT ... VALUES
 * ... RETURNING} in the order of the values, which is how the generated ids are matched back to their rows.
 */
@Repository
public class ImportWriter {

    // PostgreSQL takes at most 65,535 bind values per statement; chunks stay well below.
    private static final int MAX_BINDS = 30_000;

    private static final List<Field<?>> TICKET_COLUMNS = List.of(
            TICKET.CLIENT_ID,
            TICKET.STORE_ID,
            TICKET.CHANNEL_ID,
            TICKET.CUSTOMER_ID,
            TICKET.SUBJECT,
            TICKET.STATUS,
            TICKET.PRIORITY,
            TICKET.CATEGORY,
            TICKET.LANGUAGE,
            TICKET.ASSIGNEE_ID,
            TICKET.TAGS,
            TICKET.ORDER_REFS,
            TICKET.MESSAGE_COUNT,
            TICKET.CREATED_AT,
            TICKET.UPDATED_AT,
            TICKET.LAST_MESSAGE_AT,
            TICKET.FIRST_RESPONSE_AT,
            TICKET.SOLVED_AT,
            TICKET.CLOSED_AT,
            TICKET.STATUS_SINCE,
            TICKET.CUSTOMER_WAITING_SINCE,
            TICKET.QUEUE_KEY);

    private static final List<Field<?>> MESSAGE_COLUMNS = List.of(
            MESSAGE.TICKET_ID,
            MESSAGE.CHANNEL_ID,
            MESSAGE.KIND,
            MESSAGE.AUTHOR_CUSTOMER_ID,
            MESSAGE.AUTHOR_NAME,
            MESSAGE.BODY_TEXT,
            MESSAGE.BODY_HTML,
            MESSAGE.EXTERNAL_ID,
            MESSAGE.CREATED_AT,
            MESSAGE.AUTOMATED);

    private final DSLContext db;

    ImportWriter(DSLContext db) {
        this.db = db;
    }

    /** A ticket row to insert, every fact already derived. */
    public record NewTicket(
            long clientId,
            long storeId,
            long channelId,
            long customerId,
            String subject,
            TicketStatus status,
            Priority priority,
            String category,
            String language,
            Long assigneeId,
            List<String> tags,
            List<String> orderRefs,
            HistoricalFacts.Facts facts) {}

    public record NewMessage(
            long ticketId,
            long channelId,
            MessageKind kind,
            Long authorCustomerId,
            String authorName,
            String text,
            String html,
            String externalId,
            Instant at,
            boolean automated) {}

    public record NewFile(long messageId, String filename, String contentType, byte[] content, String sha256) {}

    /** A ticket an earlier import created: its id and channel. */
    public record Known(long ticketId, long channelId) {}

    /** Serialises imports of one client and source, so two jobs of the same export never race on an external id. */
    public void lockSource(long clientId, String source) {
        db.execute("select pg_advisory_xact_lock(hashtext(?))", "import/" + clientId + "/" + source);
    }

    public Map<String, Known> known(long clientId, String source, Collection<String> externalIds) {
        return db.select(TICKET_EXTERNAL_ID.EXTERNAL_ID, TICKET.ID, TICKET.CHANNEL_ID)
                .from(TICKET_EXTERNAL_ID)
                .join(TICKET)
                .on(TICKET.ID.eq(TICKET_EXTERNAL_ID.TICKET_ID))
                .where(TICKET_EXTERNAL_ID.CLIENT_ID.eq(clientId))
                .and(TICKET_EXTERNAL_ID.SOURCE.eq(source))
                .and(TICKET_EXTERNAL_ID.EXTERNAL_ID.eq(DSL.any(externalIds.toArray(String[]::new))))
                .fetchMap(r -> r.value1(), r -> new Known(r.value2(), r.value3()));
    }

    /** Which of these message external ids the channels hold already. */
    public List<String> existingMessages(Collection<Long> channelIds, Collection<String> externalIds) {
        if (externalIds.isEmpty()) {
            return List.of();
        }
        return db.select(MESSAGE.EXTERNAL_ID)
                .from(MESSAGE)
                .where(MESSAGE.CHANNEL_ID.eq(DSL.any(channelIds.toArray(Long[]::new))))
                .and(MESSAGE.EXTERNAL_ID.eq(DSL.any(externalIds.toArray(String[]::new))))
                .fetch(MESSAGE.EXTERNAL_ID);
    }

    /** Inserts the tickets and their external ids; returns the new ids in the order given. */
    public List<Long> insertTickets(long clientId, String source, List<NewTicket> tickets, List<String> externalIds) {
        List<Long> ids = insertReturningIds(TICKET, TICKET_COLUMNS, tickets, t -> {
            HistoricalFacts.Facts f = t.facts();
            return new Object[] {
                t.clientId(),
                t.storeId(),
                t.channelId(),
                t.customerId(),
                t.subject(),
                t.status().key(),
                t.priority().key(),
                t.category(),
                t.language(),
                t.assigneeId(),
                t.tags().toArray(String[]::new),
                t.orderRefs().toArray(String[]::new),
                f.messageCount(),
                f.createdAt(),
                f.updatedAt(),
                f.lastMessageAt(),
                f.firstResponseAt(),
                f.solvedAt(),
                f.closedAt(),
                f.statusSince(),
                f.customerWaitingSince(),
                Ticket.queueKey(null, t.priority())
            };
        });
        var insert = db.insertInto(
                TICKET_EXTERNAL_ID,
                TICKET_EXTERNAL_ID.CLIENT_ID,
                TICKET_EXTERNAL_ID.SOURCE,
                TICKET_EXTERNAL_ID.EXTERNAL_ID,
                TICKET_EXTERNAL_ID.TICKET_ID);
        for (int i = 0; i < ids.size(); i++) {
            insert = insert.values(clientId, source, externalIds.get(i), ids.get(i));
        }
        if (!ids.isEmpty()) {
            insert.execute();
        }
        return ids;
    }

    /** Inserts the messages; returns their ids in the order given. */
    public List<Long> insertMessages(List<NewMessage> messages) {
        return insertReturningIds(MESSAGE, MESSAGE_COLUMNS, messages, m -> new Object[] {
            m.ticketId(),
            m.channelId(),
            m.kind().key(),
            m.authorCustomerId(),
            m.authorName() == null ? "" : m.authorName(),
            m.text() == null ? "" : m.text(),
            m.html(),
            m.externalId(),
            m.at(),
            m.automated()
        });
    }

    public void insertFiles(List<NewFile> files) {
        if (files.isEmpty()) {
            return;
        }
        var insert = db.insertInto(
                ATTACHMENT,
                ATTACHMENT.MESSAGE_ID,
                ATTACHMENT.FILENAME,
                ATTACHMENT.CONTENT_TYPE,
                ATTACHMENT.SIZE_BYTES,
                ATTACHMENT.SHA256,
                ATTACHMENT.CONTENT);
        for (NewFile f : files) {
            insert = insert.values(
                    f.messageId(), f.filename(), f.contentType(), (long) f.content().length, f.sha256(), f.content());
        }
        insert.execute();
    }

    /** Queues customer messages for the one pass (triage, rules, SLA), as if they had just arrived. */
    public void enqueueForPass(List<long[]> messageAndTicket, Instant at) {
        if (messageAndTicket.isEmpty()) {
            return;
        }
        var insert = db.insertInto(
                MESSAGE_FLOW,
                MESSAGE_FLOW.MESSAGE_ID,
                MESSAGE_FLOW.TICKET_ID,
                MESSAGE_FLOW.ENQUEUED_AT,
                MESSAGE_FLOW.NEXT_ATTEMPT_AT);
        for (long[] mt : messageAndTicket) {
            insert = insert.values(mt[0], mt[1], at, at);
        }
        insert.execute();
    }

    /** Every message of these tickets, as the facts the ticket's clock needs. */
    public Map<Long, List<HistoricalFacts.MessageFact>> messageFacts(Collection<Long> ticketIds) {
        return db.select(MESSAGE.TICKET_ID, MESSAGE.KIND, MESSAGE.CREATED_AT, MESSAGE.AUTOMATED)
                .from(MESSAGE)
                .where(MESSAGE.TICKET_ID.eq(DSL.any(ticketIds.toArray(Long[]::new))))
                .orderBy(MESSAGE.ID)
                .fetchGroups(
                        r -> r.value1(),
                        r -> new HistoricalFacts.MessageFact(MessageKind.fromKey(r.value2()), r.value3(), r.value4()));
    }

    /** A ticket an import created before, brought up to date with its line: its fields and derived facts. */
    public void updateTicket(long ticketId, NewTicket t) {
        HistoricalFacts.Facts f = t.facts();
        db.update(TICKET)
                .set(TICKET.SUBJECT, t.subject())
                .set(TICKET.STATUS, t.status().key())
                .set(TICKET.PRIORITY, t.priority().key())
                .set(TICKET.CATEGORY, DSL.coalesce(DSL.val(t.category()), TICKET.CATEGORY))
                .set(TICKET.LANGUAGE, DSL.coalesce(DSL.val(t.language()), TICKET.LANGUAGE))
                .set(TICKET.ASSIGNEE_ID, DSL.coalesce(DSL.val(t.assigneeId()), TICKET.ASSIGNEE_ID))
                .set(TICKET.TAGS, t.tags().toArray(String[]::new))
                .set(TICKET.ORDER_REFS, t.orderRefs().toArray(String[]::new))
                .set(TICKET.MESSAGE_COUNT, f.messageCount())
                .set(TICKET.UPDATED_AT, f.updatedAt())
                .set(TICKET.LAST_MESSAGE_AT, f.lastMessageAt())
                .set(TICKET.FIRST_RESPONSE_AT, f.firstResponseAt())
                .set(TICKET.SOLVED_AT, f.solvedAt())
                .set(TICKET.CLOSED_AT, f.closedAt())
                .set(TICKET.STATUS_SINCE, f.statusSince())
                .set(TICKET.CUSTOMER_WAITING_SINCE, f.customerWaitingSince())
                .set(TICKET.VERSION, TICKET.VERSION.plus(1))
                .where(TICKET.ID.eq(ticketId))
                .execute();
    }

    private <T> List<Long> insertReturningIds(
            Table<?> table, List<Field<?>> columns, List<T> rows, Function<T, Object[]> values) {
        List<Long> ids = new ArrayList<>(rows.size());
        int chunk = Math.max(1, MAX_BINDS / columns.size());
        for (int from = 0; from < rows.size(); from += chunk) {
            List<T> part = rows.subList(from, Math.min(rows.size(), from + chunk));
            InsertValuesStepN<?> insert = db.insertInto(table, columns);
            for (T row : part) {
                insert = insert.values(values.apply(row));
            }
            Field<Long> id = DSL.field(DSL.name("id"), Long.class);
            for (Record r : insert.returningResult(id).fetch()) {
                ids.add(r.get(0, Long.class));
            }
        }
        return ids;
    }
}
