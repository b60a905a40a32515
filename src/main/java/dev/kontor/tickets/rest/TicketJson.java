package dev.kontor.tickets.rest;

import dev.kontor.tickets.MessageTranslator;
import dev.kontor.tickets.MessageView;
import dev.kontor.tickets.TicketView;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
            List<MessageView.AttachmentView> attachments,

            @Schema(description = "The language the message went out in, when Kontor translated it")
            String language,

            @Schema(
                    description =
                            "Sent translated: bodyText is what the customer got, originalText what the agent wrote")
            boolean translated,

            String originalText,
            String originalLanguage,

            @Schema(description = "Stored translations of a customer message, by target language")
            Map<String, TranslationJson> translations) {

        static MessageJson of(MessageView m) {
            return of(m, List.of());
        }

        static MessageJson of(MessageView m, List<MessageTranslator.TranslatedText> translations) {
            Map<String, TranslationJson> byLanguage = new LinkedHashMap<>();
            for (var t : translations) {
                byLanguage.put(t.targetLanguage(), TranslationJson.of(t));
            }
            return new MessageJson(
                    m.id(),
                    m.kind().key(),
                    m.authorUserId(),
                    m.authorName(),
                    m.bodyText(),
                    m.bodyHtml(),
                    m.externalId(),
                    m.createdAt(),
                    m.attachments(),
                    m.language(),
                    m.translated(),
                    m.originalText(),
                    m.originalLanguage(),
                    byLanguage);
        }
    }

    /** One translation: {@code status} pending (being made or retried), ok, or failed (with {@code error}). */
    record TranslationJson(String status, String text, String provider, String sourceLanguage, String error) {
        static TranslationJson of(MessageTranslator.TranslatedText t) {
            return new TranslationJson(t.status(), t.text(), t.provider(), t.sourceLanguage(), t.error());
        }
    }

    record Page(List<TicketJson> items, String nextCursor) {}
}
