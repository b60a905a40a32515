package dev.kontor.tickets;

import dev.kontor.shared.Text;
import java.time.Instant;
import java.util.List;

/** Commands the ticket module accepts from channels and agents. */
public final class TicketCommands {

    private TicketCommands() {}

    /**
     * A customer message a channel accepted. {@code externalId} is the channel's id of the message: the same id
     * on the same channel is stored once. {@code ticketId}, when a channel threads it onto an existing ticket.
     * {@code orderRefs}: orders the channel knows the message is about (a marketplace thread's order). {@code
     * automated}: the channel knows a machine sent it (an auto-reply, a delivery report), so nobody answers it
     * automatically.
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
            List<NewAttachment> attachments,
            List<String> orderRefs,
            boolean automated) {

        /** Text from a channel is cleaned and kept, never refused (see {@link Text}); the API refuses it earlier. */
        public IngestMessage {
            authorName = Text.clean(authorName);
            subject = Text.clean(subject);
            bodyText = Text.clean(bodyText);
            bodyHtml = Text.clean(bodyHtml);
            externalId = Text.clean(externalId);
        }

        /** A message a person sent. */
        public IngestMessage(
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
                List<NewAttachment> attachments,
                List<String> orderRefs) {
            this(
                    clientId,
                    storeId,
                    channelId,
                    customerId,
                    authorName,
                    subject,
                    bodyText,
                    bodyHtml,
                    externalId,
                    ticketId,
                    receivedAt,
                    attachments,
                    orderRefs,
                    false);
        }

        /** A message that names no order. */
        public IngestMessage(
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
                List<NewAttachment> attachments) {
            this(
                    clientId,
                    storeId,
                    channelId,
                    customerId,
                    authorName,
                    subject,
                    bodyText,
                    bodyHtml,
                    externalId,
                    ticketId,
                    receivedAt,
                    attachments,
                    List.of());
        }
    }

    /**
     * An answer to the customer written on the channel itself (a seller replying in the marketplace's back office):
     * recorded on the ticket, never sent again.
     */
    public record RecordChannelReply(
            long ticketId, long channelId, String externalId, String authorName, String bodyText, Instant sentAt) {}

    /**
     * A reply the agent wrote in {@code originalLanguage} and Kontor translated into {@code language}: the customer
     * gets only the translation, the ticket keeps both.
     */
    public record TranslatedReply(String text, String language, String originalText, String originalLanguage) {}

    public record NewAttachment(String filename, String contentType, byte[] content) {}

    /** Who acts on a ticket: an agent, or the system (rules, channels) with {@code userId} null. */
    public record Actor(Long userId, String name) {
        public static Actor system() {
            return new Actor(null, "Kontor");
        }
    }
}
