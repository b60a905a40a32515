package dev.kontor.orders;

import java.time.Instant;
import java.util.List;

/**
 * An order beside a ticket: the last snapshot, when it was taken, the last refresh error (the snapshot is then
 * older than it should be), and the latest actions agents took on it.
 */
public record OrderView(
        long channelId, OrderData order, Instant fetchedAt, String refreshError, List<ActionView> actions) {

    public boolean canRefuseLines() {
        return order.lines().stream().anyMatch(OrderData.Line::awaitsAcceptance);
    }

    public record ActionView(
            String action, String detail, String userName, String outcome, String answer, Instant at) {}
}
