package dev.kontor.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The SLA clock itself, without storage: which deadlines a ticket has at {@code now}, given what happened to it,
 * its policy and calendar. Pure, so the rules are tested with fixed instants; {@code SlaClocks} feeds it.
 */
final class SlaRules {

    static final String FIRST = "first_response";
    static final String NEXT = "next_response";
    static final String RESOLUTION = "resolution";

    private SlaRules() {}

    /**
     * What happened to the ticket. {@code unansweredSince}: the oldest customer message after the team's latest
     * reply (null when the customer has not written since), so a second message never moves the clock later.
     */
    record Facts(
            Instant createdAt,
            Instant firstResponseAt,
            Instant unansweredSince,
            boolean open,
            String category,
            Instant replyNeededSince,
            boolean noReplyNeeded) {}

    /** The policy's targets in minutes (null: none); {@code marketplaceClock}: the channel's own clock. */
    record Targets(Integer firstResponse, Integer nextResponse, Integer resolution, boolean marketplaceClock) {}

    /** The order a cancellation is about. */
    record Order(String orderId, String state, boolean canCancel, Instant shippingDeadline) {}

    /** Resolution time the ticket spent waiting on the customer, and whether it waits now. */
    record Pause(long pausedSeconds, boolean paused) {}

    record Result(List<TicketSla.Deadline> deadlines, List<Long> targetSeconds, TicketSla.CancellationGuard guard) {}

    /**
     * @param cancellationTarget the response target of a cancellation (the shortest the client has, or the default)
     * @param margin a cancellation must be answered this long before the order's shipping deadline
     * @param order the order a cancellation names, null if unknown; {@code orderRef} its reference
     */
    static Result deadlines(
            Facts f,
            Targets targets,
            BusinessCalendar calendar,
            Pause pause,
            Duration cancellationTarget,
            Duration margin,
            Order order,
            String orderRef,
            Instant now) {
        List<TicketSla.Deadline> deadlines = new ArrayList<>();
        List<Long> seconds = new ArrayList<>();
        TicketSla.CancellationGuard guard = guard(f.category(), order, orderRef, now);
        if (!f.open()) {
            return new Result(List.of(), List.of(), guard);
        }
        String metric = null;
        Instant start = null;
        Integer minutes = null;
        if (f.firstResponseAt() == null) {
            metric = FIRST;
            start = f.createdAt();
            minutes = targets == null ? null : targets.firstResponse();
        } else if (f.unansweredSince() != null) {
            metric = NEXT; // from the first customer message that follows a reply, however many come after it
            start = f.unansweredSince();
            minutes = targets == null ? null : targets.nextResponse();
        }
        BusinessCalendar responseCalendar = calendar;
        if (metric != null && targets != null && targets.marketplaceClock()) {
            // The marketplace's clock: from its "reply needed since", every hour counts; "no reply needed" stops it.
            // A marketplace that restarts its mark with each message would let a buyer's second message push the
            // deadline later: the oldest unanswered message we hold wins when it is earlier.
            if (f.noReplyNeeded() || f.replyNeededSince() == null) {
                metric = null;
            } else {
                Instant oldest = f.unansweredSince();
                start = oldest != null && oldest.isBefore(f.replyNeededSince()) ? oldest : f.replyNeededSince();
                responseCalendar = BusinessCalendar.always();
            }
        }
        if (metric != null && "cancellation".equals(f.category())) {
            Duration target = cancellationTarget;
            if (minutes != null && Duration.ofMinutes(minutes).compareTo(target) < 0) {
                target = Duration.ofMinutes(minutes);
            }
            Instant due = responseCalendar.add(start, target);
            boolean capped = false;
            if (order != null && order.shippingDeadline() != null && order.canCancel()) {
                // Answer a margin before the order ships; when the margin is already gone on arrival, before it
                // ships at all. A ship-by time that passed before the message came cannot be met by anyone: the
                // request gets the cancellation target from its arrival, and the banner says the time has passed.
                Instant cap = order.shippingDeadline().minus(margin);
                if (!cap.isAfter(start)) {
                    cap = order.shippingDeadline();
                }
                if (cap.isAfter(start) && cap.isBefore(due)) {
                    due = cap;
                    capped = true;
                }
            }
            deadlines.add(new TicketSla.Deadline(metric, due, !due.isAfter(now), capped));
            seconds.add(target.toSeconds());
        } else if (metric != null && minutes != null) {
            Instant due = responseCalendar.add(start, Duration.ofMinutes(minutes));
            deadlines.add(new TicketSla.Deadline(metric, due, !due.isAfter(now), false));
            seconds.add(minutes * 60L);
        }
        if (targets != null && targets.resolution() != null && !pause.paused()) {
            Duration target = Duration.ofMinutes(targets.resolution()).plusSeconds(pause.pausedSeconds());
            Instant due = calendar.add(f.createdAt(), target);
            deadlines.add(new TicketSla.Deadline(RESOLUTION, due, !due.isAfter(now), false));
            seconds.add(targets.resolution() * 60L);
        }
        return new Result(deadlines, seconds, guard);
    }

    /**
     * What the banner of a cancellation request says, whether or not a response clock runs (it stays after the
     * reply): the order and its real state, or only the reference when the order is not known.
     */
    static TicketSla.CancellationGuard guard(String category, Order order, String orderRef, Instant now) {
        if (!"cancellation".equals(category)) {
            return null;
        }
        if (order != null) {
            return new TicketSla.CancellationGuard(
                    order.orderId(),
                    order.state(),
                    order.canCancel(),
                    order.shippingDeadline(),
                    order.shippingDeadline() != null
                            && !order.shippingDeadline().isAfter(now));
        }
        return orderRef == null ? null : new TicketSla.CancellationGuard(orderRef, null, false, null, false);
    }

    /** A wait on the customer ends: the open time it lasted is added to the paused total. */
    static long resumed(long pausedSeconds, Instant pausedSince, Instant now, BusinessCalendar calendar) {
        return pausedSeconds + calendar.between(pausedSince, now).toSeconds();
    }
}
