package dev.kontor.tickets;

import java.time.Instant;
import java.util.List;

/**
 * {@code automated}: Kontor sent it by itself (a rule's auto-reply), not an agent. A reply sent translated keeps
 * what the agent wrote: {@code bodyText} is what the customer got, in {@code language}; {@code originalText} the
 * agent's text, in {@code originalLanguage} (both null for a message sent as written).
 */
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
        boolean automated,
        String language,
        String originalText,
        String originalLanguage) {

    /** The agent wrote it in another language and Kontor sent it translated. */
    public boolean translated() {
        return originalText != null;
    }

    public record AttachmentView(long id, String filename, String contentType, long size) {}
}
