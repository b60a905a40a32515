package dev.kontor.sla;

import java.time.Instant;
import java.util.List;

/**
 * A ticket's SLA as the ticket page shows it: the policy, each running deadline, whether resolution is paused,
 * for a cancellation request the order's state and whether it can still be cancelled, and {@code problem}: why the
 * SLA is not worked out as configured (null when it is).
 */
public record TicketSla(
        String policyName, List<Deadline> deadlines, boolean paused, CancellationGuard cancellation, String problem) {

    public record Deadline(String metric, Instant dueAt, boolean breached, boolean cappedByShipping) {}

    /**
     * {@code orderState} null when the order is not known; {@code shipByPassed}: the order's ship-by time is behind
     * us, so whatever the marketplace's flag says, a cancellation is no longer a safe promise.
     */
    public record CancellationGuard(
            String orderId, String orderState, boolean canCancel, Instant shippingDeadline, boolean shipByPassed) {

        /** Can still be cancelled as far as anyone can tell. */
        public boolean cancellable() {
            return orderState != null && canCancel && !shipByPassed && !cancelled();
        }

        public boolean cancelled() {
            return "CANCELED".equals(orderState) || "REFUSED".equals(orderState);
        }

        public boolean shipped() {
            return orderState != null
                    && List.of("SHIPPED", "TO_COLLECT", "RECEIVED", "CLOSED").contains(orderState);
        }
    }
}
