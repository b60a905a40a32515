package dev.kontor.tickets.domain;

import static dev.kontor.tickets.db.Tables.TICKET;

import dev.kontor.tickets.Priority;
import dev.kontor.tickets.TicketStatus;
import dev.kontor.tickets.TicketView;
import dev.kontor.tickets.db.tables.records.TicketRecord;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.springframework.stereotype.Repository;

/** Loads and stores the ticket aggregate. */
@Repository
public class TicketRepository {

    private final DSLContext db;

    TicketRepository(DSLContext db) {
        this.db = db;
    }

    /** Loads a ticket and locks its row until the transaction ends, so concurrent changes queue up. */
    public Optional<Ticket> lock(long id) {
        return lockedRow(id).map(TicketRepository::toTicket);
    }

    /** The ticket's row, locked until the transaction ends (read once per transaction, see {@link LockedTickets}). */
    Optional<TicketRecord> lockedRow(long id) {
        Optional<TicketRecord> held = LockedTickets.get(id);
        if (held.isPresent()) {
            return held;
        }
        Optional<TicketRecord> row =
                db.selectFrom(TICKET).where(TICKET.ID.eq(id)).forUpdate().fetchOptional();
        row.ifPresent(r -> LockedTickets.held(db, r));
        return row;
    }

    /** The columns the aggregate owns: what a save writes. */
    static final List<Field<?>> AGGREGATE_FIELDS = List.of(
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
            TICKET.TEAM_ID,
            TICKET.TAGS,
            TICKET.ORDER_REFS,
            TICKET.MESSAGE_COUNT,
            TICKET.CREATED_AT,
            TICKET.UPDATED_AT,
            TICKET.LAST_MESSAGE_AT,
            TICKET.FIRST_RESPONSE_AT,
            TICKET.SOLVED_AT,
            TICKET.CLOSED_AT,
            TICKET.REPLY_NEEDED_SINCE,
            TICKET.NO_REPLY_NEEDED,
            TICKET.TRIAGE_CORRECTED,
            TICKET.SLA_DUE_AT,
            TICKET.SLA_METRIC,
            TICKET.STATUS_SINCE,
            TICKET.CUSTOMER_WAITING_SINCE,
            TICKET.TEAM_REPLIED_AT,
            TICKET.QUEUE_KEY);

    /** What an update of the row writes. */
    static Map<Field<?>, Object> aggregateValues(TicketRecord r) {
        Map<Field<?>, Object> values = new HashMap<>();
        for (Field<?> f : AGGREGATE_FIELDS) {
            values.put(f, r.get(f));
        }
        return values;
    }

    public Ticket save(Ticket t) {
        // An update writes the aggregate's fields without reading the row first: the caller holds it locked.
        TicketRecord r = db.newRecord(TICKET);
        r.setClientId(t.clientId);
        r.setStoreId(t.storeId);
        r.setChannelId(t.channelId);
        r.setCustomerId(t.customerId);
        r.setSubject(t.subject);
        r.setStatus(t.status.key());
        r.setPriority(t.priority.key());
        r.setCategory(t.category);
        r.setLanguage(t.language);
        r.setAssigneeId(t.assigneeId);
        r.setTeamId(t.teamId);
        r.setTags(t.tags.toArray(String[]::new));
        r.setOrderRefs(t.orderRefs.toArray(String[]::new));
        r.setMessageCount(t.messageCount);
        r.setCreatedAt(t.createdAt);
        r.setUpdatedAt(t.updatedAt);
        r.setLastMessageAt(t.lastMessageAt);
        r.setFirstResponseAt(t.firstResponseAt);
        r.setSolvedAt(t.solvedAt);
        r.setClosedAt(t.closedAt);
        r.setReplyNeededSince(t.replyNeededSince);
        r.setNoReplyNeeded(t.noReplyNeeded);
        r.setTriageCorrected(t.triageCorrected);
        r.setSlaDueAt(t.slaDueAt);
        r.setSlaMetric(t.slaMetric);
        r.setStatusSince(t.statusSince);
        r.setCustomerWaitingSince(t.customerWaitingSince);
        r.setTeamRepliedAt(t.teamRepliedAt);
        r.setQueueKey(t.queueKey());
        if (t.id == null) {
            r.reset(TICKET.NUMBER);
            r.store();
            r.refresh(TICKET.NUMBER);
            t.id = r.getId();
            t.number = r.getNumber();
            LockedTickets.held(db, r);
            return t;
        }
        r.setId(t.id);
        r.setNumber(t.number);
        // A ticket this transaction holds is written once, before the commit or the next query (LockedTickets).
        if (LockedTickets.change(r)) {
            return t;
        }
        int updated = db.update(TICKET)
                .set(aggregateValues(r))
                .set(TICKET.VERSION, TICKET.VERSION.plus(1))
                .where(TICKET.ID.eq(t.id))
                .execute();
        if (updated != 1) {
            throw new IllegalStateException("Ticket " + t.id + " does not exist");
        }
        return t;
    }

    static Ticket toTicket(TicketRecord r) {
        Ticket t = new Ticket(r.getClientId(), r.getStoreId(), r.getChannelId(), r.getCustomerId(), r.getCreatedAt());
        t.id = r.getId();
        t.number = r.getNumber();
        t.subject = r.getSubject();
        t.status = TicketStatus.fromKey(r.getStatus()).orElseThrow();
        t.priority = Priority.fromKey(r.getPriority()).orElseThrow();
        t.category = r.getCategory();
        t.language = r.getLanguage();
        t.assigneeId = r.getAssigneeId();
        t.teamId = r.getTeamId();
        t.tags = List.of(r.getTags());
        t.orderRefs = List.of(r.getOrderRefs());
        t.messageCount = r.getMessageCount();
        t.updatedAt = r.getUpdatedAt();
        t.lastMessageAt = r.getLastMessageAt();
        t.firstResponseAt = r.getFirstResponseAt();
        t.solvedAt = r.getSolvedAt();
        t.closedAt = r.getClosedAt();
        t.replyNeededSince = r.getReplyNeededSince();
        t.noReplyNeeded = r.getNoReplyNeeded();
        t.triageCorrected = r.getTriageCorrected();
        t.slaDueAt = r.getSlaDueAt();
        t.slaMetric = r.getSlaMetric();
        t.statusSince = r.getStatusSince();
        t.customerWaitingSince = r.getCustomerWaitingSince();
        t.teamRepliedAt = r.getTeamRepliedAt();
        return t;
    }

    public static TicketView toView(Record rec) {
        TicketRecord r = rec.into(TICKET);
        return new TicketView(
                r.getId(),
                r.getNumber(),
                TicketStatus.fromKey(r.getStatus()).orElseThrow(),
                r.getSubject(),
                r.getClientId(),
                r.getStoreId(),
                r.getChannelId(),
                r.getCustomerId(),
                r.getLanguage(),
                r.getCategory(),
                Arrays.asList(r.getOrderRefs()),
                Arrays.asList(r.getTags()),
                Priority.fromKey(r.getPriority()).orElseThrow(),
                r.getAssigneeId(),
                r.getTeamId(),
                r.getMessageCount(),
                r.getCreatedAt(),
                r.getUpdatedAt(),
                r.getLastMessageAt(),
                r.getFirstResponseAt(),
                r.getSolvedAt(),
                r.getReplyNeededSince(),
                r.getNoReplyNeeded(),
                r.getTriageCorrected(),
                r.getSlaDueAt(),
                r.getSlaMetric(),
                r.getStatusSince(),
                r.getCustomerWaitingSince());
    }
}
