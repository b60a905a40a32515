package dev.kontor.tickets.domain;

import static dev.kontor.tickets.db.Tables.TICKET;
import static dev.kontor.tickets.db.Tables.TICKET_KEY_CHANGE;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.row;

import dev.kontor.shared.ClientScope;
import dev.kontor.shared.InvalidInput;
import dev.kontor.tickets.InboxPage;
import dev.kontor.tickets.InboxQuery;
import dev.kontor.tickets.TicketSettings;
import dev.kontor.tickets.TicketStatus;
import dev.kontor.tickets.TicketView;
import dev.kontor.tickets.db.tables.TicketKeyChange;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * Inbox pages with keyset paging: a page costs the same on page 1 and page 20,000. A view over several clients
 * reads the first rows of each client from its own index and merges them, instead of sorting all their tickets.
 *
 * <p>Paging is consistent while tickets change: the first page's cursor carries the database snapshot that page
 * read, and later pages order each ticket by its sort key as of that snapshot (the key it had then, from
 * {@code ticket_key_change}, when a later transaction moved it). So a ticket updated or re-queued between pages is
 * listed exactly once, where it stood, and tickets created after the first page are left for the next listing.
 * Filters (status, assignee, tag...) apply to tickets as they are now.
 */
@Component
public class InboxQueries {

    private static final TicketKeyChange CHANGE = TICKET_KEY_CHANGE;

    private final DSLContext db;
    private final TicketSettings settings;
    private final Clock clock;

    InboxQueries(DSLContext db, TicketSettings settings, Clock clock) {
        this.db = db;
        this.settings = settings;
        this.clock = clock;
    }

    /** Where a listing stands: the first page's snapshot and when it was taken, and the last row given out. */
    record Cursor(String snapshot, Instant issuedAt, Instant key, long id) {}

    /** {@code clientIds}: the clients to read, already narrowed to what the user may see. */
    public InboxPage page(InboxQuery q, Collection<Long> clientIds) {
        LockedTickets.writeChanges();
        Cursor cursor = cursor(q.cursor());
        if (clientIds.isEmpty()) {
            return new InboxPage(List.of(), null);
        }
        Field<Instant> key = switch (q.sort()) {
            case DUE -> TICKET.QUEUE_KEY;
            case UPDATED_DESC -> TICKET.UPDATED_AT;
            case CREATED_DESC, CREATED_ASC -> TICKET.CREATED_AT;
        };
        // The key before a change made after the snapshot; creation times never change.
        Field<Instant> keyBefore = switch (q.sort()) {
            case DUE -> CHANGE.QUEUE_KEY_BEFORE;
            case UPDATED_DESC -> CHANGE.UPDATED_AT_BEFORE;
            case CREATED_DESC, CREATED_ASC -> null;
        };
        boolean ascending = q.sort() == InboxQuery.Sort.CREATED_ASC || q.sort() == InboxQuery.Sort.DUE;
        int fetch = q.limit() + 1;
        Field<Instant> pageKey = DSL.field(DSL.name("page_key"), Instant.class);

        Condition filter = filters(q);
        CommonTableExpression<?> moved = null;
        if (cursor != null) {
            Field<String> snapshot = DSL.val(cursor.snapshot());
            filter = filter.and(DSL.condition(
                    "({0} is null or pg_visible_in_snapshot({0}::text::xid8, {1}::pg_snapshot))",
                    TICKET.CREATED_XID, snapshot));
            if (keyBefore != null) {
                // The first change after the snapshot of each ticket: what it held before is the snapshot's key.
                // One CTE, read by every client's part, so it is computed once.
                moved = DSL.name("moved")
                        .as(DSL.select(CHANGE.TICKET_ID, keyBefore.as("key_before"))
                                .distinctOn(CHANGE.TICKET_ID)
                                .from(CHANGE)
                                .where(CHANGE.XID.ge(DSL.field(
                                        "pg_snapshot_xmin({0}::pg_snapshot)::text::bigint", Long.class, snapshot)))
                                .and(DSL.condition(
                                        "not pg_visible_in_snapshot({0}::text::xid8, {1}::pg_snapshot)",
                                        CHANGE.XID, snapshot))
                                .orderBy(CHANGE.TICKET_ID, CHANGE.ID));
            }
        }

        List<Select<Record>> parts = new ArrayList<>();
        boolean narrowBySelf =
                q.assigneeId() != null || q.storeId() != null || q.channelId() != null || clientIds.size() == 1;
        List<Condition> byClient = narrowBySelf
                ? List.of(TICKET.CLIENT_ID.in(clientIds))
                : clientIds.stream().map(TICKET.CLIENT_ID::eq).toList();
        for (Condition client : byClient) {
            Condition where = filter.and(client).and(keyset(cursor, key, ascending));
            if (moved != null) {
                where = where.and(TICKET.ID.notIn(
                        DSL.select(moved.field(CHANGE.TICKET_ID)).from(moved)));
            }
            parts.add(db.select(TICKET.fields())
                    .select(key.as(pageKey))
                    .from(TICKET)
                    .where(where)
                    .orderBy(ordered(key, TICKET.ID, ascending))
                    .limit(fetch));
        }
        if (moved != null) {
            Field<Instant> before = moved.field("key_before", Instant.class);
            parts.add(db.select(TICKET.fields())
                    .select(before.as(pageKey))
                    .from(TICKET)
                    .join(moved)
                    .on(moved.field(CHANGE.TICKET_ID).eq(TICKET.ID))
                    .where(filter.and(TICKET.CLIENT_ID.in(clientIds)).and(keyset(cursor, before, ascending)))
                    .orderBy(ordered(before, TICKET.ID, ascending))
                    .limit(fetch));
        }
        Select<Record> all = parts.get(0);
        for (int i = 1; i < parts.size(); i++) {
            all = all.unionAll(parts.get(i));
        }
        Table<Record> merged = all.asTable("t");
        Field<String> snapshotNow =
                DSL.field("pg_current_snapshot()::text", String.class).as("snapshot_now");
        List<Record> rows = new ArrayList<>(
                (moved == null ? db.select(merged.fields()) : db.with(moved).select(merged.fields()))
                        .select(snapshotNow)
                        .from(merged)
                        .orderBy(ordered(merged.field(pageKey), merged.field(TICKET.ID), ascending))
                        .limit(fetch)
                        .fetch());
        String next = null;
        if (rows.size() > q.limit()) {
            rows = rows.subList(0, q.limit());
            Record last = rows.get(rows.size() - 1);
            // Page 1 read with the snapshot its own statement took; later pages keep the first page's.
            Cursor then = cursor != null
                    ? cursor
                    : new Cursor(last.get(snapshotNow.getName(), String.class), clock.instant(), null, 0);
            next = encode(new Cursor(
                    then.snapshot(),
                    then.issuedAt(),
                    last.get(pageKey.getName(), Instant.class),
                    last.get(TICKET.ID.getName(), Long.class)));
        }
        List<TicketView> tickets = rows.stream().map(TicketRepository::toView).toList();
        return new InboxPage(tickets, next);
    }

    private static List<SortField<?>> ordered(Field<Instant> key, Field<Long> id, boolean ascending) {
        return ascending ? List.of(key.asc(), id.asc()) : List.of(key.desc(), id.desc());
    }

    public List<TicketView> ofCustomer(long customerId, ClientScope scope, int limit) {
        LockedTickets.writeChanges();
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

    private static Condition keyset(Cursor cursor, Field<Instant> key, boolean ascending) {
        if (cursor == null) {
            return noCondition();
        }
        return ascending
                ? row(key, TICKET.ID).gt(cursor.key(), cursor.id())
                : row(key, TICKET.ID).lt(cursor.key(), cursor.id());
    }

    private Cursor cursor(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Cursor c;
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|");
            if (parts.length != 6 || !parts[0].equals("2") || !parts[1].matches("\\d+:\\d+:[\\d,]*")) {
                throw new IllegalArgumentException("not a cursor");
            }
            c = new Cursor(
                    parts[1],
                    Instant.ofEpochSecond(Long.parseLong(parts[2])),
                    Instant.ofEpochSecond(Long.parseLong(parts[3]), Long.parseLong(parts[4])),
                    Long.parseLong(parts[5]));
        } catch (RuntimeException e) {
            throw InvalidInput.of("cursor", "is not a cursor this server gave out");
        }
        if (c.issuedAt().plus(settings.pagingSnapshotRetention()).isBefore(clock.instant())) {
            throw InvalidInput.of(
                    "cursor",
                    "has expired (a listing stays consistent for " + settings.pagingSnapshotRetention()
                            + "); start again from the first page");
        }
        return c;
    }

    private static String encode(Cursor c) {
        String raw = String.join(
                "|",
                "2",
                c.snapshot(),
                Long.toString(c.issuedAt().getEpochSecond()),
                Long.toString(c.key().getEpochSecond()),
                Long.toString(c.key().getNano()),
                Long.toString(c.id()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Forgets sort keys older than any cursor still accepted (with an hour for transactions that ran long). */
    public int forgetOldKeyChanges() {
        Instant before =
                clock.instant().minus(settings.pagingSnapshotRetention()).minus(Duration.ofHours(1));
        return db.deleteFrom(CHANGE).where(CHANGE.CHANGED_AT.lt(before)).execute();
    }
}
