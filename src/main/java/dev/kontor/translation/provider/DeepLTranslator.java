package dev.kontor.translation.provider;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.kontor.shared.LanguageCode;
import dev.kontor.translation.Formality;
import dev.kontor.translation.NotSupported;
import dev.kontor.translation.TextFormat;
import dev.kontor.translation.Translation;
import dev.kontor.translation.TranslationRequest;
import dev.kontor.translation.Translator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * DeepL API v2 {@code POST /v2/translate}: up to 50 texts per request (and a 128 KiB body), the key in
 * {@code Authorization: DeepL-Auth-Key}, formality as {@code prefer_more}/{@code prefer_less} (a preference, so
 * languages without formality do not fail), a glossary by id (it needs the source language) and HTML tag handling.
 */
final class DeepLTranslator implements Translator {

    static final String NAME = "deepl";

    /** Safely below the documented 128 KiB request body, leaving room for JSON escaping. */
    private static final long MAX_CHARS = 60_000;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Request(
            List<String> text,
            @JsonProperty("target_lang") String targetLang,
            @JsonProperty("source_lang") String sourceLang,
            String formality,
            @JsonProperty("glossary_id") String glossaryId,
            @JsonProperty("tag_handling") String tagHandling,
            @JsonProperty("show_billed_characters") Boolean showBilledCharacters) {}

    record Response(List<Item> translations) {}

    record Item(
            @JsonProperty("detected_source_language") String detectedSourceLanguage,
            String text,
            @JsonProperty("billed_characters") Long billedCharacters) {}

    private final TranslationSettings.DeepL settings;
    private final ProviderHttp http;

    DeepLTranslator(TranslationSettings.DeepL settings, TranslationSettings all, Clock clock) {
        this.settings = settings;
        this.http = new ProviderHttp(NAME, all.connectTimeout(), all.readTimeout(), clock);
    }

    @Override
    public String provider() {
        return NAME;
    }

    @Override
    public boolean selfHosted() {
        return false;
    }

    @Override
    public Translation translate(TranslationRequest request) {
        if (request.providerGlossary() != null && request.source() == null) {
            throw new NotSupported(NAME, "a DeepL glossary needs the source language");
        }
        List<String> out = new ArrayList<>();
        LanguageCode detected = request.source();
        long billed = 0;
        for (List<String> batch : Batches.split(request.texts(), settings.batchSize(), MAX_CHARS)) {
            Request body = new Request(
                    batch,
                    target(request.target()),
                    request.source() == null ? null : request.source().value().toUpperCase(java.util.Locale.ROOT),
                    formality(request.formality()),
                    request.providerGlossary(),
                    request.format() == TextFormat.HTML ? "html" : null,
                    Boolean.TRUE);
            Response answer = http.read(
                    http.exchange(
                            http.http
                                    .post()
                                    .uri(settings.baseUrl() + "/v2/translate")
                                    .header(HttpHeaders.AUTHORIZATION, "DeepL-Auth-Key " + settings.authKey())
                                    .contentType(MediaType.APPLICATION_JSON)
                                    .body(http.json(body)),
                            null),
                    Response.class);
            if (answer.translations() == null || answer.translations().size() != batch.size()) {
                throw new dev.kontor.translation.UnusableAnswer(NAME, "not one translation per text");
            }
            for (int i = 0; i < batch.size(); i++) {
                Item item = answer.translations().get(i);
                out.add(item.text());
                billed += item.billedCharacters() != null
                        ? item.billedCharacters()
                        : batch.get(i).codePointCount(0, batch.get(i).length());
                if (detected == null) {
                    detected = ProviderHttp.language(item.detectedSourceLanguage());
                }
            }
        }
        return new Translation(out, detected, NAME, billed);
    }

    /** DeepL wants a variant for English and Portuguese targets; the plain codes are deprecated there. */
    private static String target(LanguageCode target) {
        return switch (target.value()) {
            case "en" -> "EN-US";
            case "pt" -> "PT-PT";
            default -> target.value().toUpperCase(java.util.Locale.ROOT);
        };
    }

    private static String formality(Formality formality) {
        return switch (formality) {
            case FORMAL -> "prefer_more";
            case INFORMAL -> "prefer_less";
            case DEFAULT -> null;
        };
    }
}
