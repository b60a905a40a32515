package dev.kontor.translation;

import dev.kontor.shared.InvalidInput;
import dev.kontor.shared.LanguageCode;
import java.util.List;
import java.util.Optional;

/**
 * What to translate.
 *
 * @param texts the texts, translated in order (a batch)
 * @param source the language of the texts, or null to let the provider detect it
 * @param target the language wanted
 * @param format plain text or HTML
 * @param formality the register wanted, where the provider supports it
 * @param glossary terms and how they must come out (used in the instructions of chat models; terms kept as they
 *     are are protected for every provider)
 * @param providerGlossary the id or name of a glossary kept at the provider (DeepL glossary id, Google glossary
 *     name, Amazon terminology name), or null
 */
public record TranslationRequest(
        List<String> texts,
        LanguageCode source,
        LanguageCode target,
        TextFormat format,
        Formality formality,
        List<GlossaryEntry> glossary,
        String providerGlossary) {

    public TranslationRequest {
        if (texts == null || texts.isEmpty()) {
            throw InvalidInput.of("texts", "nothing to translate");
        }
        if (texts.stream().anyMatch(t -> t == null)) {
            throw InvalidInput.of("texts", "a text is missing");
        }
        if (target == null) {
            throw InvalidInput.of("target", "a target language is required");
        }
        texts = List.copyOf(texts);
        format = format == null ? TextFormat.TEXT : format;
        formality = formality == null ? Formality.DEFAULT : formality;
        glossary = glossary == null ? List.of() : List.copyOf(glossary);
        providerGlossary = providerGlossary == null || providerGlossary.isBlank() ? null : providerGlossary.strip();
    }

    /** Plain texts from a detected language into {@code target}. */
    public static TranslationRequest of(LanguageCode target, String... texts) {
        return new TranslationRequest(List.of(texts), null, target, TextFormat.TEXT, Formality.DEFAULT, null, null);
    }

    public Optional<LanguageCode> sourceLanguage() {
        return Optional.ofNullable(source);
    }

    public TranslationRequest from(LanguageCode language) {
        return new TranslationRequest(texts, language, target, format, formality, glossary, providerGlossary);
    }

    public TranslationRequest withFormat(TextFormat f) {
        return new TranslationRequest(texts, source, target, f, formality, glossary, providerGlossary);
    }

    public TranslationRequest withFormality(Formality f) {
        return new TranslationRequest(texts, source, target, format, f, glossary, providerGlossary);
    }

    public TranslationRequest withGlossary(List<GlossaryEntry> entries, String atProvider) {
        return new TranslationRequest(texts, source, target, format, formality, entries, atProvider);
    }

    public TranslationRequest withTexts(List<String> other) {
        return new TranslationRequest(other, source, target, format, formality, glossary, providerGlossary);
    }

    /** Characters in all texts, as providers bill them when they do not say (code points). */
    public long characters() {
        return texts.stream().mapToLong(t -> t.codePointCount(0, t.length())).sum();
    }
}
