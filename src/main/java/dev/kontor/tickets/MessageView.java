package dev.kontor.tickets;

import java.time.Instant;
import java.util.List;

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
        List<AttachmentView> attachments) {

    public record AttachmentView(long id, String filename, String contentType, long size) {}
}
