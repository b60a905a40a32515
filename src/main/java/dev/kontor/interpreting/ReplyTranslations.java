package dev.kontor.interpreting;

import dev.kontor.shared.ClientScope;
import dev.kontor.shared.InvalidInput;
import dev.kontor.shared.LanguageCode;
import dev.kontor.shared.NotFound;
import dev.kontor.tickets.MessageTranslator;
import dev.kontor.tickets.TicketCommands.TranslatedReply;
import dev.kontor.tickets.TicketQueries;
import dev.kontor.tickets.TicketView;
import dev.kontor.translation.Translation;
import dev.kontor.translation.TranslationFailed;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Replies written in the agent's language and sent in the customer's: the preview shows the translation and a
 * back-translation into the agent's language to check the meaning. Internal notes never come here.
 */
@Service
public class ReplyTranslations implements MessageTranslator {

    private final Translating translating;
    private final MessageTranslations messages;
    private final TicketQueries tickets;

    ReplyTranslations(Translating translating, MessageTranslations messages, TicketQueries tickets) {
        this.translating = translating;
        this.messages = messages;
        this.tickets = tickets;
    }

    /**
     * A reply ready to check: {@code text} in the customer's language (the agent may edit it), {@code back} that text
     * translated back into the agent's language, {@code provider} who translated.
     */
    public record Preview(
            String original, String originalLanguage, String text, String language, String back, String provider) {}

    /** A preview, or why there is none: the provider's named failure, for the agent to read and retry. */
    public record PreviewResult(Preview preview, String error, boolean retryable) {}

    /** Like {@link #preview}, with a provider's failure as the result instead of thrown. */
    public PreviewResult tryPreview(
            long ticketId, ClientScope scope, long agentId, String body, String targetLanguage) {
        try {
            return new PreviewResult(preview(ticketId, scope, agentId, body, targetLanguage), null, false);
        } catch (TranslationFailed e) {
            return new PreviewResult(null, e.getMessage(), e.retryable());
        } catch (InvalidInput e) {
            // An empty draft or a ticket without a known language: said next to the composer, not as an error page.
            return new PreviewResult(null, e.getMessage(), false);
        }
    }

    /** Translates the agent's draft for the ticket's customer and back; throws the provider's named failure. */
    public Preview preview(long ticketId, ClientScope scope, long agentId, String body, String targetLanguage) {
        TicketView t = tickets.find(ticketId, scope).orElseThrow(() -> new NotFound("ticket " + ticketId));
        String target = target(targetLanguage);
        if (body == null || body.isBlank()) {
            throw InvalidInput.of("body", "must not be empty");
        }
        String agentLanguage = messages.readingLanguage(agentId);
        Translation out = translating.translate(t.clientId(), agentLanguage, target, body);
        String text = out.texts().get(0);
        String back = translating
                .translate(t.clientId(), target, agentLanguage, text)
                .texts()
                .get(0);
        return new Preview(body, agentLanguage, text, target, back, out.provider());
    }

    /** A back-translation checked again, or why there is none. */
    public record BackCheck(String text, String error) {}

    /** Like {@link #backTranslation}, with a provider's failure or an empty text as the result instead of thrown. */
    public BackCheck tryBackTranslation(long ticketId, ClientScope scope, long agentId, String text, String language) {
        if (text == null || text.isBlank()) {
            return new BackCheck(
                    null, InvalidInput.of("translation", "must not be empty").getMessage());
        }
        try {
            return new BackCheck(backTranslation(ticketId, scope, agentId, text, language), null);
        } catch (TranslationFailed | InvalidInput e) {
            return new BackCheck(null, e.getMessage());
        }
    }

    /** The back-translation of an edited preview text, for the agent to check again. */
    public String backTranslation(long ticketId, ClientScope scope, long agentId, String text, String language) {
        TicketView t = tickets.find(ticketId, scope).orElseThrow(() -> new NotFound("ticket " + ticketId));
        return translating
                .translate(t.clientId(), target(language), messages.readingLanguage(agentId), text)
                .texts()
                .get(0);
    }

    /** The language a reply to this ticket's customer should go out in: the ticket's, when known. */
    public static String customerLanguage(TicketView ticket) {
        return LanguageCode.isKnown(ticket.language()) ? ticket.language() : null;
    }

    @Override
    public Map<Long, List<TranslatedText>> translationsOf(Collection<Long> messageIds) {
        return messages.of(messageIds).entrySet().stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey,
                        e -> e.getValue().stream()
                                .map(v -> new TranslatedText(
                                        v.targetLanguage(),
                                        v.status().key(),
                                        v.text(),
                                        v.provider(),
                                        v.sourceLanguage(),
                                        v.error()))
                                .toList()));
    }

    @Override
    public TranslatedReply translateReply(TicketView ticket, long agentId, String body, String targetLanguage) {
        String target = target(targetLanguage);
        String agentLanguage = messages.readingLanguage(agentId);
        if (body == null || body.isBlank()) {
            throw InvalidInput.of("body", "must not be empty");
        }
        if (target.equals(agentLanguage)) {
            return new TranslatedReply(body, null, null, null);
        }
        Translation out = translating.translate(ticket.clientId(), agentLanguage, target, body);
        return new TranslatedReply(out.texts().get(0), target, body, agentLanguage);
    }

    private static String target(String language) {
        if (!LanguageCode.isKnown(language)) {
            throw InvalidInput.of("translateTo", "must be a known two-letter language code");
        }
        return language;
    }
}
