package dev.kontor.tickets.rest;

import dev.kontor.tickets.MessageView;
import dev.kontor.tickets.TicketView;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** The API's shape of a ticket: enum values as their lower-case keys, the store by its key. */
record TicketJson(
        long id,
        long number,
        String status,
        String subject,
        long clientId,
        long storeId,
        String storeKey,
        long channelId,
        long customerId,
        String language,
        String category,
        List<String> orderRefs,
        List<String> tags,
        String priority,
        Long assigneeId,
        Long teamId,
        int messageCount,
        Instant createdAt,
        Instant updatedAt,
        Instant firstResponseAt,
        Instant solvedAt,

        @Schema(
                description =
                        "Since when the channel (a marketplace) waits for a reply, by its own count; null when answered")
        Instant replyNeededSince,

        @Schema(description = "Someone marked the conversation on the channel as needing no reply")
        boolean noReplyNeeded) {

    static TicketJson of(TicketView t, String storeKey) {
        return new TicketJson(
                t.id(),
                t.number(),
                t.status().key(),
                t.subject(),
                t.clientId(),
                t.storeId(),
                storeKey,
                t.channelId(),
                t.customerId(),
                t.language(),
                t.category(),
                t.orderRefs(),
                t.tags(),
                t.priority().key(),
                t.assigneeId(),
                t.teamId(),
                t.messageCount(),
                t.createdAt(),
                t.updatedAt(),
                t.firstResponseAt(),
                t.solvedAt(),
                t.replyNeededSince(),
                t.noReplyNeeded());
    }

    record WithMessages(TicketJson ticket, List<MessageJson> messages) {}

    record MessageJson(
            long id,
            String kind,
            Long authorUserId,
            String authorName,
            String bodyText,
            String bodyHtml,
            String externalId,
            Instant createdAt,
            List<MessageView.AttachmentView> attachments) {

        static MessageJson of(MessageView m) {
            return new MessageJson(
                    m.id(),
                    m.kind().key(),
                    m.authorUserId(),
                    m.authorName(),
                    m.bodyText(),
                    m.bodyHtml(),
                    m.externalId(),
                    m.createdAt(),
                    m.attachments());
        }
    }

    record Page(List<TicketJson> items, String nextCursor) {}
}
