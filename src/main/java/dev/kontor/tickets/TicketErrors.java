package dev.kontor.tickets;

/** Named errors of the ticket module; mapped to HTTP in {@code rest/TicketProblems}. */
public final class TicketErrors {

    private TicketErrors() {}

    /** A status change the status machine does not allow, e.g. closed → open. */
    public static class IllegalStatusChange extends RuntimeException {
        private final TicketStatus from;
        private final TicketStatus to;

        public IllegalStatusChange(TicketStatus from, TicketStatus to) {
            super("a ticket cannot move from " + from.key() + " to " + to.key());
            this.from = from;
            this.to = to;
        }

        public TicketStatus from() {
            return from;
        }

        public TicketStatus to() {
            return to;
        }
    }

    /** A closed ticket takes no more replies or changes; a customer writing again opens a follow-up. */
    public static class TicketClosed extends RuntimeException {
        public TicketClosed(long number) {
            super("ticket #" + number + " is closed");
        }
    }
}
