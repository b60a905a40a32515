package dev.kontor.orders;

import static dev.kontor.orders.db.Tables.ORDER_ACTION;
import static dev.kontor.orders.db.Tables.ORDER_LINE;
import static dev.kontor.orders.db.Tables.ORDER_SNAPSHOT;

import dev.kontor.orders.OrderErrors.OrderActionNotAllowed;
import dev.kontor.orders.OrderErrors.OrderActionRejected;
import dev.kontor.orders.OrderErrors.OrderSourceUnavailable;
import dev.kontor.orders.OrderEvents.OrderActionTaken;
import dev.kontor.orders.db.tables.records.OrderSnapshotRecord;
import dev.kontor.shared.ClientScope;
import dev.kontor.shared.NotFound;
import dev.kontor.tickets.TicketCommands.Actor;
import dev.kontor.tickets.TicketQueries;
import dev.kontor.tickets.TicketView;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Order snapshots and order actions. Calls to a channel never run inside a database transaction: a slow
 * marketplace must not hold a connection or a lock.
 */
@Service
public class OrderManagement {

    private static final Logger log = LoggerFactory.getLogger(OrderManagement.class);

    private final DSLContext db;
    private final TicketQueries tickets;
    private final List<OrderSource> sources;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final OrderSettings settings;
    private final Clock clock;

    OrderManagement(
            DSLContext db,
            TicketQueries tickets,
            List<OrderSource> sources,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            OrderSettings settings,
            Clock clock) {
        this.db = db;
        this.tickets = tickets;
        this.sources = sources;
        this.transactions = transactions;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
    }

    /** Stores what the channel reported (a newer snapshot replaces the older one, with its lines). */
    public void record(long clientId, long channelId, OrderData order) {
        transactions.executeWithoutResult(tx -> upsert(clientId, channelId, order));
    }

    /** The orders the ticket is about, refreshing those not fetched for a while (see {@link OrderSettings}). */
    public List<OrderView> forTicket(long ticketId, ClientScope scope) {
        TicketView ticket = tickets.find(ticketId, scope).orElseThrow(() -> new NotFound("ticket " + ticketId));
        List<OrderView> views = new ArrayList<>();
        for (String ref : ticket.orderRefs()) {
            Optional<OrderView> known = find(ticket.channelId(), ref);
            if (known.isEmpty()) {
                // A reference triage linked to an order of another channel (an e-mail about a marketplace order).
                Optional<OrderView> elsewhere = findInClient(ticket.clientId(), ref);
                if (elsewhere.isPresent()) {
                    OrderView v = elsewhere.get();
                    boolean old = v.fetchedAt().plus(settings.refreshAfter()).isBefore(clock.instant());
                    views.add(
                            old && source(v.channelId()).isPresent()
                                    ? refresh(ticket.clientId(), v.channelId(), ref)
                                            .orElse(v)
                                    : v);
                    continue;
                }
            }
            boolean stale = known.map(
                            v -> v.fetchedAt().plus(settings.refreshAfter()).isBefore(clock.instant()))
                    .orElse(true);
            if (stale && source(ticket.channelId()).isPresent()) {
                known = refresh(ticket.clientId(), ticket.channelId(), ref);
            }
            known.ifPresent(views::add);
        }
        return views;
    }

    /**
     * The stored order a customer's reference names, in any of the client's channels: by order id or by the
     * customer-facing number (Mirakl's commercial id). Returns the order id.
     */
    public Optional<String> resolve(long clientId, String reference) {
        return db.select(ORDER_SNAPSHOT.ORDER_ID)
                .from(ORDER_SNAPSHOT)
                .where(ORDER_SNAPSHOT.CLIENT_ID.eq(clientId))
                .and(ORDER_SNAPSHOT.ORDER_ID.eq(reference).or(ORDER_SNAPSHOT.COMMERCIAL_ID.eq(reference)))
                .orderBy(ORDER_SNAPSHOT.ORDER_ID.eq(reference).desc(), ORDER_SNAPSHOT.FETCHED_AT.desc())
                .limit(1)
                .fetchOptional(ORDER_SNAPSHOT.ORDER_ID);
    }

    /** The last snapshot of an order a ticket names, from its own channel or another of the client's; no call out. */
    public Optional<OrderView> known(long clientId, long channelId, String orderId) {
        return find(channelId, orderId).or(() -> findInClient(clientId, orderId));
    }

    public Optional<OrderView> find(long channelId, String orderId) {
        OrderSnapshotRecord s = db.selectFrom(ORDER_SNAPSHOT)
                .where(ORDER_SNAPSHOT.CHANNEL_ID.eq(channelId).and(ORDER_SNAPSHOT.ORDER_ID.eq(orderId)))
                .fetchOne();
        return Optional.ofNullable(s).map(this::toView);
    }

    private Optional<OrderView> findInClient(long clientId, String orderId) {
        return db.selectFrom(ORDER_SNAPSHOT)
                .where(ORDER_SNAPSHOT.CLIENT_ID.eq(clientId).and(ORDER_SNAPSHOT.ORDER_ID.eq(orderId)))
                .orderBy(ORDER_SNAPSHOT.FETCHED_AT.desc())
                .limit(1)
                .fetchOptional()
                .map(this::toView);
    }

    /**
     * Asks the channel for the order now. A failure is kept beside the last snapshot (shown to the agent) and the
     * last snapshot is returned; empty when the channel has no such order and we never had one.
     */
    public Optional<OrderView> refresh(long clientId, long channelId, String orderId) {
        Optional<OrderSource> source = source(channelId);
        if (source.isEmpty()) {
            return find(channelId, orderId);
        }
        try {
            Optional<OrderData> fetched = source.get().fetch(channelId, orderId);
            fetched.ifPresent(order -> record(clientId, channelId, order));
        } catch (OrderSourceUnavailable | OrderActionRejected e) {
            log.info("Order {} on channel {} not refreshed: {}", orderId, channelId, e.getMessage());
            db.update(ORDER_SNAPSHOT)
                    .set(ORDER_SNAPSHOT.REFRESH_ERROR, e.getMessage())
                    .set(ORDER_SNAPSHOT.REFRESH_ERROR_AT, clock.instant())
                    .where(ORDER_SNAPSHOT.CHANNEL_ID.eq(channelId).and(ORDER_SNAPSHOT.ORDER_ID.eq(orderId)))
                    .execute();
        }
        return find(channelId, orderId);
    }

    /**
     * Refreshes the ticket's orders not fetched within {@link OrderSettings#minRefreshInterval()}: run in the
     * background when the customer writes again, since their orders may have moved on (shipped, cancelled).
     */
    public void refreshRecentlyUnseen(long ticketId) {
        tickets.find(ticketId, ClientScope.everything()).ifPresent(ticket -> {
            Instant threshold = clock.instant().minus(settings.minRefreshInterval());
            for (String ref : ticket.orderRefs()) {
                boolean recent = find(ticket.channelId(), ref)
                        .map(v -> v.fetchedAt().isAfter(threshold))
                        .orElse(false);
                if (!recent) {
                    refresh(ticket.clientId(), ticket.channelId(), ref);
                }
            }
        });
    }

    /** Cancels the whole order through its channel, after checking the channel's latest word that it may. */
    public OrderActionOutcome cancel(long ticketId, String orderId, ClientScope scope, Actor actor) {
        TicketView ticket = ticketAbout(ticketId, orderId, scope);
        long channel = orderChannel(ticket, orderId);
        OrderSource source =
                source(channel).orElseThrow(() -> new OrderActionNotAllowed("this ticket's channel has no orders"));
        OrderView before =
                refresh(ticket.clientId(), channel, orderId).orElseThrow(() -> new NotFound("order " + orderId));
        if (!before.order().canCancel()) {
            throw new OrderActionNotAllowed("the marketplace does not allow cancelling this order (state "
                    + before.order().state() + ")");
        }
        return act(ticket, channel, orderId, "cancel", "", actor, () -> source.cancel(channel, orderId));
    }

    /** Refuses lines of an order awaiting acceptance; the remaining waiting lines are accepted if asked. */
    public OrderActionOutcome refuseLines(
            long ticketId, String orderId, List<String> lineIds, boolean acceptOthers, ClientScope scope, Actor actor) {
        if (lineIds == null || lineIds.isEmpty()) {
            throw dev.kontor.shared.InvalidInput.of("lineIds", "choose at least one line to refuse");
        }
        TicketView ticket = ticketAbout(ticketId, orderId, scope);
        long channel = orderChannel(ticket, orderId);
        OrderSource source =
                source(channel).orElseThrow(() -> new OrderActionNotAllowed("this ticket's channel has no orders"));
        OrderView before =
                refresh(ticket.clientId(), channel, orderId).orElseThrow(() -> new NotFound("order " + orderId));
        for (String line : lineIds) {
            boolean waiting =
                    before.order().lines().stream().anyMatch(l -> l.lineId().equals(line) && l.awaitsAcceptance());
            if (!waiting) {
                throw new OrderActionNotAllowed("line " + line + " does not await acceptance");
            }
        }
        String detail = String.join(", ", lineIds) + (acceptOthers ? " (others accepted)" : "");
        return act(
                ticket,
                channel,
                orderId,
                "refuse_lines",
                detail,
                actor,
                () -> source.refuseLines(channel, orderId, lineIds, acceptOthers));
    }

    private OrderActionOutcome act(
            TicketView ticket, long channel, String orderId, String action, String detail, Actor actor, Runnable call) {
        String outcome;
        String answer;
        try {
            call.run();
            outcome = "done";
            answer = "";
        } catch (OrderActionRejected e) {
            outcome = "rejected";
            answer = e.getMessage();
        } catch (OrderSourceUnavailable e) {
            outcome = "failed";
            answer = e.getMessage();
        }
        long snapshotId = db.select(ORDER_SNAPSHOT.ID)
                .from(ORDER_SNAPSHOT)
                .where(ORDER_SNAPSHOT.CHANNEL_ID.eq(channel).and(ORDER_SNAPSHOT.ORDER_ID.eq(orderId)))
                .fetchSingle(ORDER_SNAPSHOT.ID);
        String finalOutcome = outcome;
        String finalAnswer = answer == null ? "" : answer;
        transactions.executeWithoutResult(tx -> {
            db.insertInto(ORDER_ACTION)
                    .set(ORDER_ACTION.SNAPSHOT_ID, snapshotId)
                    .set(ORDER_ACTION.TICKET_ID, ticket.id())
                    .set(ORDER_ACTION.ACTION, action)
                    .set(ORDER_ACTION.DETAIL, detail)
                    .set(ORDER_ACTION.USER_ID, actor.userId())
                    .set(ORDER_ACTION.USER_NAME, actor.name())
                    .set(ORDER_ACTION.OUTCOME, finalOutcome)
                    .set(ORDER_ACTION.ANSWER, finalAnswer)
                    .set(ORDER_ACTION.AT, clock.instant())
                    .execute();
            events.publishEvent(new OrderActionTaken(ticket.id(), channel, orderId, action, finalOutcome));
        });
        OrderView after = "done".equals(outcome)
                ? refresh(ticket.clientId(), channel, orderId).orElseThrow()
                : find(channel, orderId).orElseThrow();
        return new OrderActionOutcome(outcome, finalAnswer, after);
    }

    /** The channel the order came from: the ticket's own, or another channel of the client (linked by triage). */
    private long orderChannel(TicketView ticket, String orderId) {
        return find(ticket.channelId(), orderId)
                .or(() -> findInClient(ticket.clientId(), orderId))
                .map(OrderView::channelId)
                .orElse(ticket.channelId());
    }

    private TicketView ticketAbout(long ticketId, String orderId, ClientScope scope) {
        TicketView ticket = tickets.find(ticketId, scope).orElseThrow(() -> new NotFound("ticket " + ticketId));
        if (!ticket.orderRefs().contains(orderId)) {
            throw new NotFound("order " + orderId + " on ticket " + ticket.number());
        }
        return ticket;
    }

    private Optional<OrderSource> source(long channelId) {
        return sources.stream().filter(s -> s.serves(channelId)).findFirst();
    }

    private void upsert(long clientId, long channelId, OrderData o) {
        Instant now = clock.instant();
        var before = db.select(ORDER_SNAPSHOT.STATE, ORDER_SNAPSHOT.CAN_CANCEL, ORDER_SNAPSHOT.SHIPPING_DEADLINE)
                .from(ORDER_SNAPSHOT)
                .where(ORDER_SNAPSHOT.CHANNEL_ID.eq(channelId).and(ORDER_SNAPSHOT.ORDER_ID.eq(o.orderId())))
                .fetchOne();
        boolean changed = before == null
                || !java.util.Objects.equals(before.value1(), o.state())
                || before.value2() != o.canCancel()
                || !java.util.Objects.equals(before.value3(), o.shippingDeadline());
        if (changed) {
            // Deadlines and the cancellation banner depend on state, cancellability and the shipping deadline.
            events.publishEvent(
                    new OrderEvents.OrderUpdated(clientId, channelId, o.orderId(), o.state(), o.canCancel()));
        }
        long id = db.insertInto(ORDER_SNAPSHOT)
                .set(ORDER_SNAPSHOT.CLIENT_ID, clientId)
                .set(ORDER_SNAPSHOT.CHANNEL_ID, channelId)
                .set(ORDER_SNAPSHOT.ORDER_ID, o.orderId())
                .set(ORDER_SNAPSHOT.STATE, o.state())
                .set(ORDER_SNAPSHOT.FETCHED_AT, now)
                .onConflict(ORDER_SNAPSHOT.CHANNEL_ID, ORDER_SNAPSHOT.ORDER_ID)
                .doUpdate()
                .set(ORDER_SNAPSHOT.FETCHED_AT, now)
                .returning(ORDER_SNAPSHOT.ID)
                .fetchSingle(ORDER_SNAPSHOT.ID);
        db.update(ORDER_SNAPSHOT)
                .set(ORDER_SNAPSHOT.COMMERCIAL_ID, o.commercialId())
                .set(ORDER_SNAPSHOT.STATE, o.state())
                .set(ORDER_SNAPSHOT.CAN_CANCEL, o.canCancel())
                .set(ORDER_SNAPSHOT.CURRENCY, o.currency())
                .set(ORDER_SNAPSHOT.TOTAL_PRICE, o.totalPrice())
                .set(ORDER_SNAPSHOT.SHIPPING_PRICE, o.shippingPrice())
                .set(ORDER_SNAPSHOT.SHIPPING_CARRIER, o.shippingCarrier())
                .set(ORDER_SNAPSHOT.TRACKING_NUMBER, o.trackingNumber())
                .set(ORDER_SNAPSHOT.TRACKING_URL, o.trackingUrl())
                .set(ORDER_SNAPSHOT.SHIPPING_DEADLINE, o.shippingDeadline())
                .set(ORDER_SNAPSHOT.CUSTOMER_NAME, o.customerName())
                .set(ORDER_SNAPSHOT.CUSTOMER_EMAIL, o.customerEmail())
                .set(ORDER_SNAPSHOT.SOURCE_CREATED_AT, o.createdAt())
                .set(ORDER_SNAPSHOT.SOURCE_UPDATED_AT, o.updatedAt())
                .setNull(ORDER_SNAPSHOT.REFRESH_ERROR)
                .setNull(ORDER_SNAPSHOT.REFRESH_ERROR_AT)
                .where(ORDER_SNAPSHOT.ID.eq(id))
                .execute();
        db.deleteFrom(ORDER_LINE).where(ORDER_LINE.SNAPSHOT_ID.eq(id)).execute();
        int position = 0;
        for (OrderData.Line l : o.lines()) {
            db.insertInto(ORDER_LINE)
                    .set(ORDER_LINE.SNAPSHOT_ID, id)
                    .set(ORDER_LINE.POSITION, position++)
                    .set(ORDER_LINE.LINE_ID, l.lineId())
                    .set(ORDER_LINE.SKU, l.sku())
                    .set(ORDER_LINE.TITLE, l.title())
                    .set(ORDER_LINE.QUANTITY, l.quantity())
                    .set(ORDER_LINE.UNIT_PRICE, l.unitPrice())
                    .set(ORDER_LINE.PRICE, l.price())
                    .set(ORDER_LINE.STATE, l.state())
                    .execute();
        }
    }

    private OrderView toView(OrderSnapshotRecord s) {
        List<OrderData.Line> lines = db.selectFrom(ORDER_LINE)
                .where(ORDER_LINE.SNAPSHOT_ID.eq(s.getId()))
                .orderBy(ORDER_LINE.POSITION)
                .fetch(l -> new OrderData.Line(
                        l.getLineId(),
                        l.getSku(),
                        l.getTitle(),
                        l.getQuantity(),
                        l.getUnitPrice(),
                        l.getPrice(),
                        l.getState()));
        List<OrderView.ActionView> actions = db.selectFrom(ORDER_ACTION)
                .where(ORDER_ACTION.SNAPSHOT_ID.eq(s.getId()))
                .orderBy(ORDER_ACTION.AT.desc())
                .limit(5)
                .fetch(a -> new OrderView.ActionView(
                        a.getAction(), a.getDetail(), a.getUserName(), a.getOutcome(), a.getAnswer(), a.getAt()));
        OrderData order = new OrderData(
                s.getOrderId(),
                s.getCommercialId(),
                s.getState(),
                s.getCanCancel(),
                s.getCurrency(),
                s.getTotalPrice(),
                s.getShippingPrice(),
                s.getShippingCarrier(),
                s.getTrackingNumber(),
                s.getTrackingUrl(),
                s.getShippingDeadline(),
                s.getCustomerName(),
                s.getCustomerEmail(),
                s.getSourceCreatedAt(),
                s.getSourceUpdatedAt(),
                lines);
        return new OrderView(s.getChannelId(), order, s.getFetchedAt(), s.getRefreshError(), actions);
    }
}
