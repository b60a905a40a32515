package dev.kontor.orders;

/** What happened to orders. */
public final class OrderEvents {

    private OrderEvents() {}

    /** An agent acted on an order through its channel; {@code outcome} is done, rejected or failed. */
    public record OrderActionTaken(long ticketId, long channelId, String orderId, String action, String outcome) {}
}
