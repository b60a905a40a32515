package dev.kontor.interpreting;

import dev.kontor.interpreting.internal.MessageTranslationRepository;
import dev.kontor.shared.LanguageCode;
import dev.kontor.tickets.MessageKind;
import dev.kontor.tickets.MessageView;
import dev.kontor.tickets.TicketView;
import dev.kontor.translation.Formality;
import dev.kontor.translation.TextFormat;
import dev.kontor.translation.Translation;
import dev.kontor.translation.TranslationRequest;
import dev.kontor.translation.Translations;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;

/** Calls {@link Translations} for one message and keeps the answer; no transaction is held during the call. */
@Component
class Translating {

    private final Translations translations;
    private final MessageTranslationRepository stored;
    private final Clock clock;

    Translating(Translations translations, MessageTranslationRepository stored, Clock clock) {
        this.translations = translations;
        this.stored = stored;
        this.clock = clock;
    }

    /** Translates the message and stores the result; a failure is thrown for the caller to record. */
    void translateMessage(TicketView ticket, MessageView message, String target) {
        // A customer message is in the ticket's language; a reply in the language it went out in, if Kontor knows.
        String source = message.kind() == MessageKind.INBOUND ? ticket.language() : message.language();
        Translation t = translate(ticket.clientId(), source, target, message.bodyText());
        stored.succeeded(
                message.id(),
                target,
                t.texts().get(0),
                t.detectedSource() == null ? source : t.detectedSource().value(),
                t.provider(),
                clock.instant());
    }

    Translation translate(long clientId, String source, String target, String text) {
        return translations.translate(
                clientId,
                new TranslationRequest(
                        List.of(text),
                        LanguageCode.isKnown(source) ? new LanguageCode(source) : null,
                        new LanguageCode(target),
                        TextFormat.TEXT,
                        Formality.DEFAULT,
                        null,
                        null));
    }

    boolean covers(long clientId, String source, String target) {
        return LanguageCode.isKnown(target)
                && translations.covers(
                        clientId,
                        LanguageCode.isKnown(source) ? new LanguageCode(source) : null,
                        new LanguageCode(target));
    }
}
