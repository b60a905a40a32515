package dev.kontor.translation.provider;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kontor.shared.LanguageCode;
import dev.kontor.translation.NotSupported;
import dev.kontor.translation.TextFormat;
import dev.kontor.translation.Translation;
import dev.kontor.translation.TranslationRequest;
import dev.kontor.translation.Translator;
import dev.kontor.translation.UnusableAnswer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Google Cloud Translation v3 {@code POST /v3/projects/{project}/locations/{location}:translateText} with a bearer
 * token: up to 1024 texts and about 30,000 code points per request; {@code mimeType} always sent (it defaults to
 * HTML); a glossary by id, which needs a regional location and the source language.
 */
final class GoogleTranslator implements Translator {

    static final String NAME = "google";

    private static final long MAX_CHARS = 30_000;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Request(
            List<String> contents,
            String mimeType,
            String sourceLanguageCode,
            String targetLanguageCode,
            GlossaryConfig glossaryConfig) {}

    record GlossaryConfig(String glossary) {}

    record Response(List<Item> translations, List<Item> glossaryTranslations) {}

    record Item(String translatedText, String detectedLanguageCode) {}

    private final TranslationSettings.Google settings;
    private final ProviderHttp http;

    GoogleTranslator(TranslationSettings.Google settings, TranslationSettings all, Clock clock) {
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
            throw new NotSupported(NAME, "a Google glossary needs the source language");
        }
        String parent = "projects/" + settings.project() + "/locations/" + settings.location();
        GlossaryConfig glossary = request.providerGlossary() == null
                ? null
                : new GlossaryConfig(parent + "/glossaries/" + request.providerGlossary());
        List<String> out = new ArrayList<>();
        LanguageCode detected = request.source();
        for (List<String> batch : Batches.split(request.texts(), settings.batchSize(), MAX_CHARS)) {
            Request body = new Request(
                    batch,
                    request.format() == TextFormat.HTML ? "text/html" : "text/plain",
                    request.source() == null ? null : request.source().value(),
                    request.target().value(),
                    glossary);
            Response answer = http.read(
                    http.exchange(
                            http.http
                                    .post()
                                    .uri(settings.url() + "/v3/" + parent + ":translateText")
                                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + settings.accessToken())
                                    .contentType(MediaType.APPLICATION_JSON)
                                    .body(http.json(body)),
                            null),
                    Response.class);
            List<Item> items = glossary != null && answer.glossaryTranslations() != null
                    ? answer.glossaryTranslations()
                    : answer.translations();
            if (items == null || items.size() != batch.size()) {
                throw new UnusableAnswer(NAME, "not one translation per text");
            }
            for (Item item : items) {
                out.add(item.translatedText());
                if (detected == null) {
                    detected = ProviderHttp.language(item.detectedLanguageCode());
                }
            }
        }
        return new Translation(out, detected, NAME, request.characters());
    }
}
