package dev.kontor.tickets.domain;

import static dev.kontor.tickets.db.Tables.ATTACHMENT;
import static dev.kontor.tickets.db.Tables.MESSAGE;
import static dev.kontor.tickets.db.Tables.MESSAGE_FLOW;
import static dev.kontor.tickets.db.Tables.TICKET;
import static dev.kontor.tickets.db.Tables.TICKET_EXTERNAL_ID;

import dev.kontor.tickets.MessageKind;
import dev.kontor.tickets.Priority;
import dev.kontor.tickets.TicketStatus;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * Set-based writes of imported tickets: one statement per table and batch (tickets and messages from arrays with
 * {@code unnest}, attachments as a multi-row insert), instead of several statements per message.
 */
@Repository
public class ImportWriter {

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
        List<Long> ids = unnestInsert(
                """
                insert into tickets.ticket (client_id, store_id, channel_id, customer_id, subject, status, priority,
                  category, language, assignee_id, tags, order_refs, message_count, created_at, updated_at,
                  last_message_at, first_response_at, solved_at, closed_at, status_since, customer_waiting_since,
                  queue_key)
                select c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, string_to_array(c11, chr(31)),
                  string_to_array(c12, chr(31)), c13, c14, c15, c16, c17, c18, c19, c20, c21, c22
                from unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[],
                  ?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::int[], ?::timestamptz[],
                  ?::timestamptz[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[],
                  ?::timestamptz[], ?::timestamptz[], ?::timestamptz[])
                  with ordinality as u(c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17,
                  c18, c19, c20, c21, c22, n)
                order by n
                returning id
                """,
                tickets,
                new String[] {
                    "bigint", "bigint", "bigint", "bigint", "text", "text", "text", "text", "text", "bigint", "text",
                    "text", "int4", "text", "text", "text", "text", "text", "text", "text", "text", "text"
                },
                t -> {
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
                        joined(t.tags()),
                        joined(t.orderRefs()),
                        f.messageCount(),
                        text(f.createdAt()),
                        text(f.updatedAt()),
                        text(f.lastMessageAt()),
                        text(f.firstResponseAt()),
                        text(f.solvedAt()),
                        text(f.closedAt()),
                        text(f.statusSince()),
                        text(f.customerWaitingSince()),
                        text(Ticket.queueKey(null, t.priority()))
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
        return unnestInsert(
                """
                insert into tickets.message (ticket_id, channel_id, kind, author_customer_id, author_name, body_text,
                  body_html, external_id, created_at, automated)
                select c1, c2, c3, c4, c5, c6, c7, c8, c9, c10
                from unnest(?::bigint[], ?::bigint[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[],
                  ?::text[], ?::timestamptz[], ?::boolean[])
                  with ordinality as u(c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, n)
                order by n
                returning id
                """,
                messages,
                new String[] {"bigint", "bigint", "text", "bigint", "text", "text", "text", "text", "text", "bool"},
                m -> new Object[] {
                    m.ticketId(),
                    m.channelId(),
                    m.kind().key(),
                    m.authorCustomerId(),
                    m.authorName() == null ? "" : m.authorName(),
                    m.text() == null ? "" : m.text(),
                    m.html(),
                    m.externalId(),
                    text(m.at()),
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
        LockedTickets.forgetAll();
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

    /**
     * One {@code INSERT ... SELECT ... FROM unnest(arrays) WITH ORDINALITY ORDER BY ordinality RETURNING id}: a column
     * per array, so the statement has as many parameters as columns however many rows, and the ids come back in the
     * order of the rows.
     */
    private <T> List<Long> unnestInsert(String sql, List<T> rows, String[] types, Function<T, Object[]> values) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Object[][] columns = new Object[types.length][rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            Object[] v = values.apply(rows.get(r));
            for (int c = 0; c < types.length; c++) {
                columns[c][r] = v[c];
            }
        }
        return db.connectionResult(connection -> {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                for (int c = 0; c < types.length; c++) {
                    ps.setArray(c + 1, connection.createArrayOf(types[c], columns[c]));
                }
                List<Long> ids = new ArrayList<>(rows.size());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
                return ids;
            }
        });
    }

    /** Arrays of arrays cannot be unnested: a list travels as one text, its items separated by a unit separator. */
    private static String joined(List<String> items) {
        return String.join(
                "\u001f", items.stream().map(i -> i.replace('\u001f', ' ')).toList());
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
