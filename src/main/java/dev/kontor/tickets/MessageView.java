package dev.kontor.tickets;

import java.time.Instant;
import java.util.List;

/** {@code automated}: Kontor sent it by itself (a rule's auto-reply), not an agent. */
public record MessageView(
        long id,
        long ticketId,
        MessageKind kind,
        Long authorUserId,
        String authorName,
        String bodyText,
        String bodyHtml,
        String externalId,
        Instant createdAt,
        List<AttachmentView> attachments,
        boolean automated) {

    public record AttachmentView(long id, String filename, String contentType, long size) {}
}
