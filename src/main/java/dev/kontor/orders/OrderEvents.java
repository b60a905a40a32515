package dev.kontor.orders;

/** What happened to orders. */
public final class OrderEvents {

    private OrderEvents() {}

    /** An agent acted on an order through its channel; {@code outcome} is done, rejected or failed. */
    /** The channel reported an order as new, or with another state, cancellability or shipping deadline. */
    public record OrderUpdated(long clientId, long channelId, String orderId, String state, boolean canCancel) {}

    public record OrderActionTaken(long ticketId, long channelId, String orderId, String action, String outcome) {}
}
