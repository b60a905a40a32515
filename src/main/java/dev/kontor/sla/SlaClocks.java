package dev.kontor.sla;

import static dev.kontor.sla.db.Tables.CALENDAR;
import static dev.kontor.sla.db.Tables.DEADLINE;
import static dev.kontor.sla.db.Tables.POLICY;
import static dev.kontor.sla.db.Tables.TICKET_CLOCK;

import dev.kontor.clients.ClientManagement;
import dev.kontor.customers.CustomerManagement;
import dev.kontor.orders.OrderManagement;
import dev.kontor.orders.OrderView;
import dev.kontor.shared.ClientScope;
import dev.kontor.sla.db.tables.records.PolicyRecord;
import dev.kontor.sla.db.tables.records.TicketClockRecord;
import dev.kontor.tickets.MessageKind;
import dev.kontor.tickets.MessageView;
import dev.kontor.tickets.TicketManagement;
import dev.kontor.tickets.TicketStatus;
import dev.kontor.tickets.TicketView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * Works out a ticket's deadlines from the first matching policy and writes them (per metric for the watcher, the
 * next one onto the ticket for the queue). Runs after every change that moves a clock: a message, a reply, a
 * status, tags, priority, triage, the marketplace's own clock.
 */
@Component
class SlaClocks {

    static final String FIRST = "first_response";
    static final String NEXT = "next_response";
    static final String RESOLUTION = "resolution";

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

    record Computed(
            PolicyRecord policy,
            List<TicketSla.Deadline> deadlines,
            List<Long> targets,
            boolean paused,
            TicketSla.CancellationGuard guard) {}

    /** Recomputes and stores the ticket's deadlines; concurrent recomputations of one ticket take turns. */
    void recompute(long ticketId) {
        db.execute("select pg_advisory_xact_lock(hashtext(?))", "sla/" + ticketId);
        TicketView t = tickets.find(ticketId, ClientScope.everything()).orElse(null);
        if (t == null) {
            return;
        }
        Computed c = compute(t, true);
        db.deleteFrom(DEADLINE).where(DEADLINE.TICKET_ID.eq(ticketId)).execute();
        Instant now = clock.instant();
        for (int i = 0; i < c.deadlines().size(); i++) {
            TicketSla.Deadline d = c.deadlines().get(i);
            db.insertInto(DEADLINE)
                    .set(DEADLINE.TICKET_ID, ticketId)
                    .set(DEADLINE.METRIC, d.metric())
                    .set(DEADLINE.CLIENT_ID, t.clientId())
                    .set(DEADLINE.DUE_AT, d.dueAt())
                    .set(DEADLINE.STARTED_AT, now)
                    .set(DEADLINE.TARGET_SECONDS, c.targets().get(i))
                    .execute();
        }
        TicketSla.Deadline next = c.deadlines().stream()
                .min(Comparator.comparing(TicketSla.Deadline::dueAt))
                .orElse(null);
        tickets.slaScheduled(ticketId, next == null ? null : next.dueAt(), next == null ? null : next.metric());
    }

    /** The deadlines as they stand; {@code storePause} records a pause or resume (only when recomputing). */
    Computed compute(TicketView t, boolean storePause) {
        Instant now = clock.instant();
        PolicyRecord policy = match(t);
        TicketClockRecord state = clockState(t, policy, storePause, now);
        List<TicketSla.Deadline> deadlines = new ArrayList<>();
        List<Long> targets = new ArrayList<>();
        TicketSla.CancellationGuard guard = null;
        boolean open = t.status() != TicketStatus.SOLVED && t.status() != TicketStatus.CLOSED;
        boolean paused = state != null && state.getPausedSince() != null;
        if (!open) {
            return new Computed(policy, List.of(), List.of(), false, null);
        }
        BusinessCalendar calendar = calendar(policy);
        boolean marketplace = policy != null && "marketplace".equals(policy.getClock());

        // Response: the first, or the next after the customer wrote again.
        List<MessageView> messages =
                tickets.details(t.id(), ClientScope.everything()).messages();
        Instant lastIn = last(messages, MessageKind.INBOUND);
        Instant lastOut = last(messages, MessageKind.OUTBOUND);
        String metric = null;
        Instant start = null;
        Integer minutes = null;
        if (t.firstResponseAt() == null) {
            metric = FIRST;
            start = t.createdAt();
            minutes = policy == null ? null : policy.getFirstResponseMinutes();
        } else if (lastIn != null && (lastOut == null || lastIn.isAfter(lastOut))) {
            metric = NEXT;
            start = lastIn;
            minutes = policy == null ? null : policy.getNextResponseMinutes();
        }
        if (metric != null && marketplace) {
            // The marketplace's clock: from its "reply needed since", stopped by "no reply needed", every hour counts.
            if (t.noReplyNeeded() || t.replyNeededSince() == null) {
                metric = null;
            } else {
                start = t.replyNeededSince();
                calendar = BusinessCalendar.always();
            }
        }
        if (metric != null && "cancellation".equals(t.category())) {
            Duration target = cancellationTarget(t.clientId(), minutes);
            Instant due = calendar.add(start, target);
            Optional<OrderView> order = t.orderRefs().stream()
                    .map(ref -> orders.known(t.clientId(), t.channelId(), ref))
                    .flatMap(Optional::stream)
                    .findFirst();
            boolean capped = false;
            if (order.isPresent()) {
                var o = order.get().order();
                guard = new TicketSla.CancellationGuard(o.orderId(), o.state(), o.canCancel(), o.shippingDeadline());
                if (o.shippingDeadline() != null && o.canCancel()) {
                    Instant cap = o.shippingDeadline().minus(settings.cancellationMargin());
                    if (cap.isBefore(due)) {
                        due = cap;
                        capped = true;
                    }
                }
            } else if (!t.orderRefs().isEmpty()) {
                guard = new TicketSla.CancellationGuard(t.orderRefs().get(0), null, false, null);
            }
            deadlines.add(new TicketSla.Deadline(metric, due, !due.isAfter(now), capped));
            targets.add(target.toSeconds());
        } else if (metric != null && minutes != null) {
            Instant due = calendar.add(start, Duration.ofMinutes(minutes));
            deadlines.add(new TicketSla.Deadline(metric, due, !due.isAfter(now), false));
            targets.add(minutes * 60L);
        }
        if (policy != null && policy.getResolutionMinutes() != null && !paused) {
            long pausedSeconds = state == null ? 0 : state.getPausedSeconds();
            Duration target = Duration.ofMinutes(policy.getResolutionMinutes()).plusSeconds(pausedSeconds);
            Instant due = calendar(policy).add(t.createdAt(), target);
            deadlines.add(new TicketSla.Deadline(RESOLUTION, due, !due.isAfter(now), false));
            targets.add(policy.getResolutionMinutes() * 60L);
        }
        return new Computed(policy, deadlines, targets, paused, guard);
    }

    /** The shortest response target the client has anywhere, the cancellation default, or the policy's own. */
    private Duration cancellationTarget(long clientId, Integer policyMinutes) {
        Integer shortest = db.select(org.jooq.impl.DSL.min(POLICY.FIRST_RESPONSE_MINUTES))
                .from(POLICY)
                .where(POLICY.CLIENT_ID.eq(clientId).and(POLICY.ENABLED.isTrue()))
                .fetchOne(0, Integer.class);
        Duration target = settings.cancellationTarget();
        for (Integer m : new Integer[] {policyMinutes, shortest}) {
            if (m != null && Duration.ofMinutes(m).compareTo(target) < 0) {
                target = Duration.ofMinutes(m);
            }
        }
        return target;
    }

    /** Pending and on hold pause the resolution clock; a customer's reply (status open again) resumes it. */
    private TicketClockRecord clockState(TicketView t, PolicyRecord policy, boolean store, Instant now) {
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
                    + calendar(policy).between(r.getPausedSince(), now).toSeconds());
            r.setPausedSince(null);
        }
        r.setUpdatedAt(now);
        r.store();
        return r;
    }

    /** The client's first enabled policy, by position, whose every set condition holds. */
    PolicyRecord match(TicketView t) {
        List<PolicyRecord> candidates = db.selectFrom(POLICY)
                .where(POLICY.CLIENT_ID.eq(t.clientId()).and(POLICY.ENABLED.isTrue()))
                .orderBy(POLICY.POSITION, POLICY.ID)
                .fetch();
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

    private BusinessCalendar calendar(PolicyRecord policy) {
        if (policy == null || policy.getCalendarId() == null) {
            return BusinessCalendar.always();
        }
        return db.selectFrom(CALENDAR)
                .where(CALENDAR.ID.eq(policy.getCalendarId()))
                .fetchOptional()
                .map(c -> BusinessCalendar.of(
                        c.getTimeZone(),
                        c.getHours(),
                        Set.of(c.getHolidays() == null ? new LocalDate[0] : c.getHolidays())))
                .orElse(BusinessCalendar.always());
    }

    private static Instant last(List<MessageView> messages, MessageKind kind) {
        return messages.stream()
                .filter(m -> m.kind() == kind)
                .map(MessageView::createdAt)
                .max(Comparator.naturalOrder())
                .orElse(null);
    }
}
