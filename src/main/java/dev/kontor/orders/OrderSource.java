package dev.kontor.orders;

import java.util.List;
import java.util.Optional;

/**
 * Where orders come from: implemented by each channel that has orders (marketplaces). Calls go to the outside
 * world; they throw {@link OrderErrors.OrderSourceUnavailable} when the channel cannot be reached and
 * {@link OrderErrors.OrderActionRejected} with the channel's own words when it refuses an action.
 */
public interface OrderSource {

    /** Whether this source serves the channel (a marketplace account's channel). */
    boolean serves(long channelId);

    Optional<OrderData> fetch(long channelId, String orderId);

    /** Cancels the whole order. */
    void cancel(long channelId, String orderId);

    /**
     * Refuses the given lines of an order awaiting acceptance; {@code acceptOthers} accepts the remaining waiting
     * lines in the same call (marketplaces without partial acceptance require a decision on every line).
     */
    void refuseLines(long channelId, String orderId, List<String> lineIds, boolean acceptOthers);
}
