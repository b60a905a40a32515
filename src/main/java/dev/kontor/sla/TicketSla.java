package dev.kontor.sla;

import java.time.Instant;
import java.util.List;

/**
 * A ticket's SLA as the ticket page shows it: the policy, each running deadline, whether resolution is paused,
 * and for a cancellation request the order's state and whether it can still be cancelled.
 */
public record TicketSla(String policyName, List<Deadline> deadlines, boolean paused, CancellationGuard cancellation) {

    public record Deadline(String metric, Instant dueAt, boolean breached, boolean cappedByShipping) {}

    /** {@code orderState} null when the order is not known. */
    public record CancellationGuard(String orderId, String orderState, boolean canCancel, Instant shippingDeadline) {

        public boolean cancelled() {
            return "CANCELED".equals(orderState) || "REFUSED".equals(orderState);
        }

        public boolean shipped() {
            return orderState != null
                    && List.of("SHIPPED", "TO_COLLECT", "RECEIVED", "CLOSED").contains(orderState);
        }
    }
}
