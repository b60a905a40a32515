package dev.kontor.tickets;

import java.time.Instant;
import java.util.List;

/** Commands the ticket module accepts from channels and agents. */
public final class TicketCommands {

    private TicketCommands() {}

    /**
     * A customer message a channel accepted. {@code externalId} is the channel's id of the message: the same id
     * on the same channel is stored once. {@code ticketId}, when a channel threads it onto an existing ticket.
     */
    public record IngestMessage(
            long clientId,
            long storeId,
            long channelId,
            long customerId,
            String authorName,
            String subject,
            String bodyText,
            String bodyHtml,
            String externalId,
            Long ticketId,
            Instant receivedAt,
            List<NewAttachment> attachments) {}

    public record NewAttachment(String filename, String contentType, byte[] content) {}

    /** Who acts on a ticket: an agent, or the system (rules, channels) with {@code userId} null. */
    public record Actor(Long userId, String name) {
        public static Actor system() {
            return new Actor(null, "Kontor");
        }
    }
}
