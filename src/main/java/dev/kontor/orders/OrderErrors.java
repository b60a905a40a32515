package dev.kontor.orders;

/** What can go wrong with orders; the web and API layers map these to their answers. */
public final class OrderErrors {

    private OrderErrors() {}

    /** The channel could not be reached or failed (network, 5xx, rate limit, revoked key). */
    public static class OrderSourceUnavailable extends RuntimeException {
        public OrderSourceUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The channel answered and refused the action (wrong state, unknown line …); the message is its answer. */
    public static class OrderActionRejected extends RuntimeException {
        public OrderActionRejected(String message) {
            super(message);
        }
    }

    /** The action is not possible on the order as we know it (nothing was sent to the channel). */
    public static class OrderActionNotAllowed extends RuntimeException {
        public OrderActionNotAllowed(String message) {
            super(message);
        }
    }
}
