package dev.kontor.tickets.domain;

import static dev.kontor.tickets.db.Tables.TICKET;

import dev.kontor.shared.ClientScope;
import dev.kontor.tickets.TicketAging;
import dev.kontor.tickets.TicketView;
import dev.kontor.tickets.db.tables.records.TicketRecord;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Reads of ticket rows as views: single tickets, queues and loads, candidates of time rules. */
@Repository
public class TicketReads {

    private static final List<String> UNRESOLVED = List.of("new", "open", "pending", "on_hold");
    /** New and open: what an agent or a team still has to work on (pending ones wait on the customer). */
    private static final List<String> TO_WORK_ON = List.of("new", "open");

    private final DSLContext db;

    TicketReads(DSLContext db) {
        this.db = db;
    }

    public Optional<TicketView> byId(long ticketId) {
        Optional<TicketRecord> held = LockedTickets.get(ticketId);
        if (held.isPresent()) {
            return held.map(TicketRepository::toView);
        }
        return db.selectFrom(TICKET).where(TICKET.ID.eq(ticketId)).fetchOptional(TicketRepository::toView);
    }

    public Optional<TicketView> byNumber(long number) {
        LockedTickets.writeChanges();
        return db.selectFrom(TICKET).where(TICKET.NUMBER.eq(number)).fetchOptional(TicketRepository::toView);
    }

    /** The ticket, its row locked until the transaction ends; {@code skipLocked}: empty at once when held. */
    public Optional<TicketView> lock(long ticketId, boolean skipLocked) {
        Optional<TicketRecord> held = LockedTickets.get(ticketId);
        if (held.isPresent()) {
            return held.map(TicketRepository::toView);
        }
        var lock = db.selectFrom(TICKET).where(TICKET.ID.eq(ticketId)).forUpdate();
        Optional<TicketRecord> row = (skipLocked ? lock.skipLocked() : lock).fetchOptional();
        row.ifPresent(r -> LockedTickets.held(db, r));
        return row.map(TicketRepository::toView);
    }

    public List<Long> unresolvedAbout(long clientId, String orderRef) {
        LockedTickets.writeChanges();
        return db.select(TICKET.ID)
                .from(TICKET)
                .where(TICKET.CLIENT_ID.eq(clientId))
                .and(TICKET.ORDER_REFS.contains(new String[] {orderRef}))
                .and(TICKET.STATUS.in(UNRESOLVED))
                .limit(1000)
                .fetch(TICKET.ID);
    }

    public Map<Long, Integer> openLoads(Collection<Long> userIds) {
        return openLoads(userIds, ClientScope.everything());
    }

    /** Agents' open loads counting only tickets of clients in {@code scope}. */
    public Map<Long, Integer> openLoads(Collection<Long> userIds, ClientScope scope) {
        if (userIds.isEmpty() || scope.isEmpty()) {
            return Map.of();
        }
        // The rows this transaction changed and has not written count from memory, the others from the table: the
        // pass asks this in the middle of a batch, and writing the batch's tickets first would write each twice.
        Map<Long, TicketRecord> unwritten = LockedTickets.unwritten();
        Map<Long, Integer> loads = new java.util.HashMap<>(db.select(TICKET.ASSIGNEE_ID, DSL.count())
                .from(TICKET)
                .where(TICKET.ASSIGNEE_ID.in(userIds))
                .and(TICKET.STATUS.in(TO_WORK_ON))
                .and(scope.all() ? DSL.noCondition() : TICKET.CLIENT_ID.in(scope.clientIds()))
                .and(unwritten.isEmpty() ? DSL.noCondition() : TICKET.ID.notIn(unwritten.keySet()))
                .groupBy(TICKET.ASSIGNEE_ID)
                .fetchMap(r -> r.value1(), r -> r.value2()));
        for (TicketRecord row : unwritten.values()) {
            if (row.getAssigneeId() != null
                    && userIds.contains(row.getAssigneeId())
                    && TO_WORK_ON.contains(row.getStatus())
                    && scope.permits(row.getClientId())) {
                loads.merge(row.getAssigneeId(), 1, Integer::sum);
            }
        }
        return loads;
    }

    public List<TicketView> waitingInTeam(long teamId, int limit) {
        LockedTickets.writeChanges();
        return db.selectFrom(TICKET)
                .where(TICKET.TEAM_ID.eq(teamId))
                .and(TICKET.ASSIGNEE_ID.isNull())
                .and(TICKET.STATUS.in(TO_WORK_ON))
                .orderBy(TICKET.QUEUE_KEY, TICKET.ID)
                .limit(limit)
                .fetch(TicketRepository::toView);
    }

    /** How many tickets wait in the team's queue, counting only clients in {@code scope}. */
    public int countWaitingInTeam(long teamId, ClientScope scope) {
        LockedTickets.writeChanges();
        if (scope.isEmpty()) {
            return 0;
        }
        return db.fetchCount(
                TICKET,
                TICKET.TEAM_ID.eq(teamId),
                TICKET.ASSIGNEE_ID.isNull(),
                TICKET.STATUS.in(TO_WORK_ON),
                scope.all() ? DSL.noCondition() : TICKET.CLIENT_ID.in(scope.clientIds()));
    }

    public List<Long> teamsWithWaitingTickets() {
        LockedTickets.writeChanges();
        return db.selectDistinct(TICKET.TEAM_ID)
                .from(TICKET)
                .where(TICKET.TEAM_ID.isNotNull())
                .and(TICKET.ASSIGNEE_ID.isNull())
                .and(TICKET.STATUS.in(TO_WORK_ON))
                .fetch(TICKET.TEAM_ID);
    }

    public List<Long> openTicketsOf(long userId) {
        LockedTickets.writeChanges();
        return db.select(TICKET.ID)
                .from(TICKET)
                .where(TICKET.ASSIGNEE_ID.eq(userId))
                .and(TICKET.STATUS.in(TO_WORK_ON))
                .orderBy(TICKET.ID)
                .fetch(TICKET.ID);
    }

    public List<TicketView> recent(Long clientId, int limit) {
        LockedTickets.writeChanges();
        return db.selectFrom(TICKET)
                .where(clientId == null ? DSL.noCondition() : TICKET.CLIENT_ID.eq(clientId))
                .orderBy(TICKET.UPDATED_AT.desc(), TICKET.ID.desc())
                .limit(limit)
                .fetch(TicketRepository::toView);
    }

    /** Null bounds are not applied. */
    public List<TicketView> aging(TicketAging q, long afterId, int limit) {
        LockedTickets.writeChanges();
        var where = TICKET.ID.gt(afterId).and(TICKET.STATUS.in(UNRESOLVED));
        if (q.clientId() != null) {
            where = where.and(TICKET.CLIENT_ID.eq(q.clientId()));
        }
        if (q.customerWaitingSinceBefore() != null) {
            where = where.and(TICKET.CUSTOMER_WAITING_SINCE.le(q.customerWaitingSinceBefore()));
        }
        if (q.statusSinceBefore() != null) {
            where = where.and(TICKET.STATUS_SINCE.le(q.statusSinceBefore()));
        }
        if (q.slaDueAfter() != null) {
            where = where.and(TICKET.SLA_DUE_AT.gt(q.slaDueAfter()));
        }
        if (q.slaDueBefore() != null) {
            where = where.and(TICKET.SLA_DUE_AT.le(q.slaDueBefore()));
        }
        return db.selectFrom(TICKET)
                .where(where)
                .orderBy(TICKET.ID)
                .limit(limit)
                .fetch(TicketRepository::toView);
    }
}
