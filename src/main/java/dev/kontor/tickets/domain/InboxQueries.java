package dev.kontor.tickets.domain;

import static dev.kontor.tickets.db.Tables.TICKET;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.row;

import dev.kontor.shared.ClientScope;
import dev.kontor.shared.InvalidInput;
import dev.kontor.tickets.InboxPage;
import dev.kontor.tickets.InboxQuery;
import dev.kontor.tickets.TicketStatus;
import dev.kontor.tickets.TicketView;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SortField;
import org.jooq.Table;
import org.springframework.stereotype.Component;

/**
 * Inbox pages with keyset paging: a page costs the same on page 1 and page 20,000. A view over several clients
 * reads the first rows of each client from its own index and merges them, instead of sorting all their tickets.
 */
@Component
public class InboxQueries {

    private final DSLContext db;

    InboxQueries(DSLContext db) {
        this.db = db;
    }

    /** {@code clientIds}: the clients to read, already narrowed to what the user may see. */
    public InboxPage page(InboxQuery q, Collection<Long> clientIds) {
        if (clientIds.isEmpty()) {
            return new InboxPage(List.of(), null);
        }
        Field<Instant> key = switch (q.sort()) {
            case DUE -> TICKET.QUEUE_KEY;
            case UPDATED_DESC -> TICKET.UPDATED_AT;
            case CREATED_DESC, CREATED_ASC -> TICKET.CREATED_AT;
        };
        boolean ascending = q.sort() == InboxQuery.Sort.CREATED_ASC || q.sort() == InboxQuery.Sort.DUE;
        List<SortField<?>> order =
                ascending ? List.of(key.asc(), TICKET.ID.asc()) : List.of(key.desc(), TICKET.ID.desc());
        Condition filter = filters(q).and(keyset(q.cursor(), key, ascending));
        int fetch = q.limit() + 1;

        List<Record> rows;
        boolean narrowBySelf =
                q.assigneeId() != null || q.storeId() != null || q.channelId() != null || clientIds.size() == 1;
        if (narrowBySelf) {
            rows = new ArrayList<>(db.select(TICKET.fields())
                    .from(TICKET)
                    .where(filter.and(TICKET.CLIENT_ID.in(clientIds)))
                    .orderBy(order)
                    .limit(fetch)
                    .fetch());
        } else {
            org.jooq.Select<Record> all = null;
            for (Long clientId : clientIds) {
                var part = db.select(TICKET.fields())
                        .from(TICKET)
                        .where(filter.and(TICKET.CLIENT_ID.eq(clientId)))
                        .orderBy(order)
                        .limit(fetch);
                all = all == null ? part : all.unionAll(part);
            }
            Table<Record> merged = all.asTable("t");
            List<SortField<?>> outer = ascending
                    ? List.of(merged.field(key).asc(), merged.field(TICKET.ID).asc())
                    : List.of(merged.field(key).desc(), merged.field(TICKET.ID).desc());
            rows = new ArrayList<>(db.select(merged.fields())
                    .from(merged)
                    .orderBy(outer)
                    .limit(fetch)
                    .fetch());
        }
        String next = null;
        if (rows.size() > q.limit()) {
            rows = rows.subList(0, q.limit());
            Record last = rows.get(rows.size() - 1);
            next = cursor(last.get(key.getName(), Instant.class), last.get(TICKET.ID.getName(), Long.class));
        }
        List<TicketView> tickets = rows.stream().map(TicketRepository::toView).toList();
        return new InboxPage(tickets, next);
    }

    public List<TicketView> ofCustomer(long customerId, ClientScope scope, int limit) {
        return db
                .selectFrom(TICKET)
                .where(TICKET.CUSTOMER_ID.eq(customerId))
                .orderBy(TICKET.CREATED_AT.desc())
                .limit(limit)
                .fetch(TicketRepository::toView)
                .stream()
                .filter(t -> scope.permits(t.clientId()))
                .toList();
    }

    private static Condition filters(InboxQuery q) {
        Condition c = noCondition();
        if (!q.statuses().isEmpty()) {
            c = c.and(TICKET.STATUS.in(
                    q.statuses().stream().map(TicketStatus::key).toList()));
        }
        if (q.assigneeId() != null) {
            c = c.and(TICKET.ASSIGNEE_ID.eq(q.assigneeId()));
        }
        if (q.unassigned()) {
            c = c.and(TICKET.ASSIGNEE_ID.isNull());
        }
        if (q.storeId() != null) {
            c = c.and(TICKET.STORE_ID.eq(q.storeId()));
        }
        if (q.channelId() != null) {
            c = c.and(TICKET.CHANNEL_ID.eq(q.channelId()));
        }
        if (q.teamId() != null) {
            c = c.and(TICKET.TEAM_ID.eq(q.teamId()));
        }
        if (q.tag() != null && !q.tag().isBlank()) {
            c = c.and(TICKET.TAGS.contains(new String[] {q.tag().strip().toLowerCase()}));
        }
        if (q.text() != null && !q.text().isBlank()) {
            String text = q.text().strip();
            String digits = text.startsWith("#") ? text.substring(1) : text;
            if (digits.matches("\\d{1,18}")) {
                c = c.and(TICKET.NUMBER.eq(Long.parseLong(digits)).or(TICKET.ORDER_REFS.contains(new String[] {text})));
            } else {
                c = c.and(TICKET.SUBJECT.containsIgnoreCase(text).or(TICKET.ORDER_REFS.contains(new String[] {text})));
            }
        }
        return c;
    }

    private static Condition keyset(String cursor, Field<Instant> key, boolean ascending) {
        if (cursor == null || cursor.isBlank()) {
            return noCondition();
        }
        Instant at;
        long id;
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":");
            at = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            id = Long.parseLong(parts[2]);
        } catch (RuntimeException e) {
            throw InvalidInput.of("cursor", "is not a cursor this server gave out");
        }
        return ascending ? row(key, TICKET.ID).gt(at, id) : row(key, TICKET.ID).lt(at, id);
    }

    private static String cursor(Instant at, long id) {
        String raw = at.getEpochSecond() + ":" + at.getNano() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }
}
