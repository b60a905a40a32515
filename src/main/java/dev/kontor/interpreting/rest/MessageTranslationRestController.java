package dev.kontor.interpreting.rest;

import dev.kontor.accounts.CurrentUser;
import dev.kontor.interpreting.MessageTranslationView;
import dev.kontor.interpreting.MessageTranslations;
import dev.kontor.shared.LanguageCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Translations of a ticket's messages on request (the ticket's message views carry the stored ones). */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Tickets")
class MessageTranslationRestController {

    private final MessageTranslations translations;

    MessageTranslationRestController(MessageTranslations translations) {
        this.translations = translations;
    }

    record TranslationRequestJson(
            @NotBlank @LanguageCode.Known String targetLanguage) {}

    record TranslationJson(
            long messageId,
            String targetLanguage,
            String status,
            String text,
            String provider,
            String sourceLanguage,
            String error) {
        static TranslationJson of(MessageTranslationView v) {
            return new TranslationJson(
                    v.messageId(),
                    v.targetLanguage(),
                    v.status().key(),
                    v.text(),
                    v.provider(),
                    v.sourceLanguage(),
                    v.error());
        }
    }

    @PostMapping("/tickets/{id}/messages/{messageId}/translations")
    @Operation(
            summary = "The message in targetLanguage: the stored translation, or made now",
            description = "A stored translation is answered without calling a provider. A provider failure answers"
                    + " with a problem naming the provider and whether a retry may help; it is kept on the message.")
    TranslationJson request(
            CurrentUser user,
            @PathVariable long id,
            @PathVariable long messageId,
            @Valid @RequestBody TranslationRequestJson body) {
        return TranslationJson.of(translations.request(id, messageId, user.scope(), body.targetLanguage()));
    }
}
