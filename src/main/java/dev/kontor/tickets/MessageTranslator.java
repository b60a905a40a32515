package dev.kontor.tickets;

import dev.kontor.tickets.TicketCommands.TranslatedReply;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Translation of a ticket's messages, for the ticket API. Another module implements it (the ticket module knows
 * no translation provider); without an implementation messages carry no translations and {@code translateTo} is
 * refused.
 */
public interface MessageTranslator {

    /** A message in another language, as stored. {@code status}: pending, ok or failed (then {@code error}). */
    record TranslatedText(
            String targetLanguage, String status, String text, String provider, String sourceLanguage, String error) {}

    /** The stored translations of these messages, by message id (the caller checked access to their tickets). */
    Map<Long, List<TranslatedText>> translationsOf(Collection<Long> messageIds);

    /**
     * The agent's reply in {@code targetLanguage}, with the original kept; throws the provider's named failure when
     * it cannot be translated (then nothing may be sent).
     */
    TranslatedReply translateReply(TicketView ticket, long agentId, String body, String targetLanguage);
}
