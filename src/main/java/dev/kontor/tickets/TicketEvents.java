package dev.kontor.tickets;

import java.util.List;

/** What happened to tickets. Published after the change commits; listeners run from the publication registry. */
public final class TicketEvents {

    private TicketEvents() {}

    /**
     * A customer's first message opened the ticket. Triage, rules and SLA take it in the pass after ingest (see
     * {@link MessageStep}), not from this event.
     */
    public record TicketOpened(long ticketId, long clientId, long storeId, long channelId, long messageId) {}

    /** A customer message was stored; like {@link TicketOpened}, it also goes through the pass after ingest. */
    public record MessageReceived(long ticketId, long clientId, long channelId, long messageId) {}

    public record ReplyPosted(long ticketId, long clientId, long channelId, long messageId, Long authorId) {}

    /**
     * The team answered on the channel itself (e.g. on the marketplace's portal) and the channel reported it: a
     * reply for the clocks and reports, but never one to send.
     */
    public record ChannelReplyRecorded(long ticketId, long clientId, long channelId, long messageId) {}

    public record NoteAdded(long ticketId, long clientId, long messageId, Long authorId) {}

    public record TicketStatusChanged(long ticketId, long clientId, String from, String to) {}

    public record TicketAssigned(long ticketId, long clientId, Long assigneeId, Long teamId) {}

    /** {@code added}: the tags this change added (the rest were kept or removed). */
    public record TicketTagsChanged(long ticketId, long clientId, List<String> tags, List<String> added) {}

    public record TicketPriorityChanged(long ticketId, long clientId, String priority) {}

    /** Triage (or an agent) set the ticket's language, category or order references. */
    public record TicketTriaged(long ticketId, long clientId, String language, String category) {}

    /** The channel changed what it says about the ticket's need for a reply (a marketplace's clock). */
    public record ChannelAttentionChanged(long ticketId, long clientId) {}
}
