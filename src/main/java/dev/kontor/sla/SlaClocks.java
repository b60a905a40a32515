package dev.kontor.sla;

import static dev.kontor.sla.db.Tables.CALENDAR;
import static dev.kontor.sla.db.Tables.DEADLINE;
import static dev.kontor.sla.db.Tables.POLICY;
import static dev.kontor.sla.db.Tables.TICKET_CLOCK;

import dev.kontor.clients.ClientManagement;
import dev.kontor.customers.CustomerManagement;
import dev.kontor.orders.OrderManagement;
import dev.kontor.shared.BatchMemo;
import dev.kontor.shared.InvalidInput;
import dev.kontor.sla.db.tables.records.CalendarRecord;
import dev.kontor.sla.db.tables.records.PolicyRecord;
import dev.kontor.sla.db.tables.records.TicketClockRecord;
import dev.kontor.tickets.TicketManagement;
import dev.kontor.tickets.TicketStatus;
import dev.kontor.tickets.TicketView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Works out a ticket's deadlines from the first matching policy and writes them (per metric for the watcher, the
 * next one onto the ticket for the queue). Runs after every change that moves a clock: a message, a reply, a
 * status, tags, priority, triage, the marketplace's own clock.
 */
@Component
class SlaClocks {

    private static final Logger log = LoggerFactory.getLogger(SlaClocks.class);

    private final DSLContext db;
    private final TicketManagement tickets;
    private final ClientManagement clients;
    private final CustomerManagement customers;
    private final OrderManagement orders;
    private final SlaSettings settings;
    private final Clock clock;

    SlaClocks(
            DSLContext db,
            TicketManagement tickets,
            ClientManagement clients,
            CustomerManagement customers,
            OrderManagement orders,
            SlaSettings settings,
            Clock clock) {
        this.db = db;
        this.tickets = tickets;
        this.clients = clients;
        this.customers = customers;
        this.orders = orders;
        this.settings = settings;
        this.clock = clock;
    }

    /** {@code problem}: why the SLA is not worked out as configured (null when it is). */
    record Computed(
            PolicyRecord policy,
            List<TicketSla.Deadline> deadlines,
            List<Long> targets,
            boolean paused,
            TicketSla.CancellationGuard guard,
            String problem,
            boolean problemStored) {}

    /** The calendar to count with, and why it is not the configured one (null when it is). */
    record CalendarChoice(BusinessCalendar calendar, String problem) {}

    /**
     * Recomputes and stores the ticket's deadlines. The ticket's row is locked first: recomputations of one ticket
     * take turns, and a rule run that holds the ticket is waited for rather than deadlocked with.
     */
    void recompute(long ticketId) {
        TicketView t = tickets.lockForChanges(ticketId).orElse(null);
        if (t == null) {
            return;
        }
        Instant now = clock.instant();
        Computed c;
        try {
            c = compute(t, true);
        } catch (DataAccessException | org.jooq.exception.DataAccessException e) {
            throw e; // the transaction is lost; the caller tries again
        } catch (RuntimeException e) {
            // A bug or bad data must not leave the ticket silently without deadlines: its old ones stay, the reason
            // is kept on the ticket for agents and admins, and it is logged.
            String problem = "the SLA could not be worked out: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage());
            log.warn("Ticket {}: {}", ticketId, problem, e);
            recordProblem(t, problem, now);
            return;
        }
        if (c.problem() != null) {
            log.warn("Ticket {}: {}", ticketId, c.problem());
        }
        if (c.problem() != null || c.problemStored()) {
            recordProblem(t, c.problem(), now); // the common case, nothing wrong before or now, writes nothing
        }
        // In place: the metrics that no longer run are deleted, the others written in one statement.
        List<String> running =
                c.deadlines().stream().map(TicketSla.Deadline::metric).toList();
        db.deleteFrom(DEADLINE)
                .where(DEADLINE.TICKET_ID.eq(ticketId))
                .and(running.isEmpty() ? DSL.noCondition() : DEADLINE.METRIC.notIn(running))
                .execute();
        if (!running.isEmpty()) {
            var insert = db.insertInto(
                    DEADLINE,
                    DEADLINE.TICKET_ID,
                    DEADLINE.METRIC,
                    DEADLINE.CLIENT_ID,
                    DEADLINE.DUE_AT,
                    DEADLINE.STARTED_AT,
                    DEADLINE.TARGET_SECONDS);
            for (int i = 0; i < c.deadlines().size(); i++) {
                TicketSla.Deadline d = c.deadlines().get(i);
                insert = insert.values(
                        ticketId,
                        d.metric(),
                        t.clientId(),
                        d.dueAt(),
                        now,
                        c.targets().get(i));
            }
            insert.onConflict(DEADLINE.TICKET_ID, DEADLINE.METRIC)
                    .doUpdate()
                    .set(DEADLINE.CLIENT_ID, DSL.excluded(DEADLINE.CLIENT_ID))
                    .set(DEADLINE.DUE_AT, DSL.excluded(DEADLINE.DUE_AT))
                    .set(DEADLINE.STARTED_AT, DSL.excluded(DEADLINE.STARTED_AT))
                    .set(DEADLINE.TARGET_SECONDS, DSL.excluded(DEADLINE.TARGET_SECONDS))
                    .execute();
        }
        TicketSla.Deadline next = c.deadlines().stream()
                .min(Comparator.comparing(TicketSla.Deadline::dueAt))
                .orElse(null);
        tickets.slaScheduled(ticketId, next == null ? null : next.dueAt(), next == null ? null : next.metric());
    }

    private void recordProblem(TicketView t, String problem, Instant now) {
        String text = problem == null || problem.length() <= 1000 ? problem : problem.substring(0, 1000);
        db.insertInto(TICKET_CLOCK)
                .set(TICKET_CLOCK.TICKET_ID, t.id())
                .set(TICKET_CLOCK.CLIENT_ID, t.clientId())
                .set(TICKET_CLOCK.UPDATED_AT, now)
                .set(TICKET_CLOCK.PROBLEM, text)
                .set(TICKET_CLOCK.PROBLEM_AT, text == null ? null : now)
                .onConflict(TICKET_CLOCK.TICKET_ID)
                .doUpdate()
                .set(TICKET_CLOCK.PROBLEM, text)
                .set(TICKET_CLOCK.PROBLEM_AT, text == null ? null : now)
                .execute();
    }

    /** The deadlines as they stand; {@code storePause} records a pause or resume (only when recomputing). */
    Computed compute(TicketView t, boolean storePause) {
        Instant now = clock.instant();
        PolicyRecord policy = match(t);
        CalendarChoice calendar = calendar(policy);
        TicketClockRecord state = clockState(t, policy, calendar.calendar(), storePause, now);
        SlaRules.Order order = null;
        if ("cancellation".equals(t.category())) {
            order = t.orderRefs().stream()
                    .map(ref -> orders.known(t.clientId(), t.channelId(), ref))
                    .flatMap(Optional::stream)
                    .findFirst()
                    .map(v -> new SlaRules.Order(
                            v.order().orderId(),
                            v.order().state(),
                            v.order().canCancel(),
                            v.order().shippingDeadline()))
                    .orElse(null);
        }
        String orderRef = t.orderRefs().isEmpty() ? null : t.orderRefs().get(0);
        boolean open = t.status() != TicketStatus.SOLVED && t.status() != TicketStatus.CLOSED;
        if (!open) {
            // No clock runs, but a cancellation request still shows its order.
            return new Computed(
                    policy,
                    List.of(),
                    List.of(),
                    false,
                    SlaRules.guard(t.category(), order, orderRef, now),
                    calendar.problem(),
                    state != null && state.getProblem() != null);
        }
        // The ticket keeps since when the customer waits (see its aggregate): no need to read the conversation.
        SlaRules.Facts facts = new SlaRules.Facts(
                t.createdAt(),
                t.firstResponseAt(),
                t.customerWaitingSince(),
                true,
                t.category(),
                t.replyNeededSince(),
                t.noReplyNeeded());
        SlaRules.Targets targets = policy == null
                ? null
                : new SlaRules.Targets(
                        policy.getFirstResponseMinutes(),
                        policy.getNextResponseMinutes(),
                        policy.getResolutionMinutes(),
                        "marketplace".equals(policy.getClock()));
        SlaRules.Pause pause = new SlaRules.Pause(
                state == null ? 0 : state.getPausedSeconds(), state != null && state.getPausedSince() != null);
        SlaRules.Result r = SlaRules.deadlines(
                facts,
                targets,
                calendar.calendar(),
                pause,
                cancellationTarget(t.clientId()),
                settings.cancellationMargin(),
                order,
                orderRef,
                now);
        return new Computed(
                policy,
                r.deadlines(),
                r.targetSeconds(),
                pause.paused(),
                r.guard(),
                calendar.problem(),
                state != null && state.getProblem() != null);
    }

    /** The calendar of the policy that governs the ticket (24/7 without one): "inside business hours" for rules. */
    boolean insideBusinessHours(TicketView t, Instant at) {
        return calendar(match(t)).calendar().isOpen(at);
    }

    /** The shortest response target the client has anywhere, or the cancellation default if shorter. */
    private Duration cancellationTarget(long clientId) {
        Integer shortest = BatchMemo.remember(
                List.of("sla.shortestFirstResponse", clientId),
                () -> db.select(org.jooq.impl.DSL.min(POLICY.FIRST_RESPONSE_MINUTES))
                        .from(POLICY)
                        .where(POLICY.CLIENT_ID.eq(clientId).and(POLICY.ENABLED.isTrue()))
                        .fetchOne(0, Integer.class));
        Duration target = settings.cancellationTarget();
        if (shortest != null && Duration.ofMinutes(shortest).compareTo(target) < 0) {
            target = Duration.ofMinutes(shortest);
        }
        return target;
    }

    /** Pending and on hold pause the resolution clock; a customer's reply (status open again) resumes it. */
    private TicketClockRecord clockState(
            TicketView t, PolicyRecord policy, BusinessCalendar calendar, boolean store, Instant now) {
        TicketClockRecord r = db.selectFrom(TICKET_CLOCK)
                .where(TICKET_CLOCK.TICKET_ID.eq(t.id()))
                .fetchOne();
        if (!store) {
            return r;
        }
        if (r == null) {
            r = db.newRecord(TICKET_CLOCK);
            r.setTicketId(t.id());
            r.setClientId(t.clientId());
            r.setPausedSeconds(0L);
        }
        r.setPolicyId(policy == null ? null : policy.getId());
        boolean waiting = t.status() == TicketStatus.PENDING || t.status() == TicketStatus.ON_HOLD;
        if (waiting && r.getPausedSince() == null) {
            r.setPausedSince(now);
        } else if (!waiting && r.getPausedSince() != null) {
            r.setPausedSeconds(r.getPausedSeconds()
                    + calendar.between(r.getPausedSince(), now).toSeconds());
            r.setPausedSince(null);
        }
        r.setUpdatedAt(now);
        r.store();
        return r;
    }

    /** A policy a rule applied to the ticket wins; else the client's first enabled policy whose conditions hold. */
    PolicyRecord match(TicketView t) {
        PolicyRecord applied = db.select(POLICY.fields())
                .from(POLICY)
                .join(TICKET_CLOCK)
                .on(TICKET_CLOCK.APPLIED_POLICY_ID.eq(POLICY.ID))
                .where(TICKET_CLOCK.TICKET_ID.eq(t.id()))
                .fetchOptionalInto(POLICY)
                .orElse(null);
        if (applied != null) {
            return applied;
        }
        List<PolicyRecord> candidates = BatchMemo.remember(
                List.of("sla.policies", t.clientId()),
                () -> db.selectFrom(POLICY)
                        .where(POLICY.CLIENT_ID.eq(t.clientId()).and(POLICY.ENABLED.isTrue()))
                        .orderBy(POLICY.POSITION, POLICY.ID)
                        .fetch());
        if (candidates.isEmpty()) {
            return null;
        }
        String channelKind =
                clients.channel(t.channelId()).map(c -> c.kind().key()).orElse(null);
        String tier = customers.customer(t.customerId()).map(c -> c.tier()).orElse(null);
        for (PolicyRecord p : candidates) {
            if ((p.getStoreId() == null || p.getStoreId() == t.storeId())
                    && (p.getChannelKind() == null || p.getChannelKind().equals(channelKind))
                    && (p.getCategory() == null || p.getCategory().equals(t.category()))
                    && (p.getTag() == null || t.tags().contains(p.getTag()))
                    && (p.getCustomerTier() == null || p.getCustomerTier().equals(tier))
                    && (p.getPriority() == null
                            || p.getPriority().equals(t.priority().key()))) {
                return p;
            }
        }
        return null;
    }

    /**
     * The policy's calendar. One that cannot be read (saved before the checks of today, or changed by hand) does
     * not stop the SLA: the ticket counts every hour, which is never later than business hours, and says why.
     */
    CalendarChoice calendar(PolicyRecord policy) {
        if (policy == null || policy.getCalendarId() == null) {
            return new CalendarChoice(BusinessCalendar.always(), null);
        }
        return BatchMemo.remember(List.of("sla.calendar", policy.getCalendarId()), () -> loadCalendar(policy));
    }

    private CalendarChoice loadCalendar(PolicyRecord policy) {
        CalendarRecord c = db.selectFrom(CALENDAR)
                .where(CALENDAR.ID.eq(policy.getCalendarId()))
                .fetchOne();
        if (c == null) {
            return new CalendarChoice(BusinessCalendar.always(), null);
        }
        try {
            return new CalendarChoice(
                    BusinessCalendar.of(c.getTimeZone(), c.getHours(), holidays(c.getHolidays())), null);
        } catch (InvalidInput e) {
            return new CalendarChoice(
                    BusinessCalendar.always(),
                    "calendar '" + c.getName() + "' cannot be read (" + e.getMessage()
                            + "); deadlines count every hour until it is fixed");
        }
    }

    /** Stored holidays read tolerantly: repeats and empty entries are ignored. */
    static Set<LocalDate> holidays(LocalDate[] stored) {
        Set<LocalDate> days = new HashSet<>();
        if (stored != null) {
            for (LocalDate d : stored) {
                if (d != null) {
                    days.add(d);
                }
            }
        }
        return days;
    }
}
