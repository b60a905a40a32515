package dev.kontor.triage;

/** What triage did. */
public final class TriageEvents {

    private TriageEvents() {}

    /**
     * A customer message was triaged and the ticket carries its language, category and order references: what
     * rules wait for before they look at a new message. {@code opening}: the message opened the ticket.
     */
    public record MessageTriaged(long ticketId, long clientId, long messageId, boolean opening) {}
}
