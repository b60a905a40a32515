package dev.kontor.translation.provider;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.kontor.shared.LanguageCode;
import dev.kontor.translation.TextFormat;
import dev.kontor.translation.Translation;
import dev.kontor.translation.TranslationRequest;
import dev.kontor.translation.Translator;
import dev.kontor.translation.UnusableAnswer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * LibreTranslate {@code POST /translate} (self-hosted): {@code q} as a list, {@code source} {@code auto} or a code,
 * {@code format} text or html, {@code api_key} only when the server asks for one. With a list it answers lists of
 * {@code translatedText} and {@code detectedLanguage}. Batch size and character limits are the server's; the
 * batch size is a setting.
 */
final class LibreTranslateTranslator implements Translator {

    static final String NAME = "libretranslate";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Request(
            List<String> q,
            String source,
            String target,
            String format,
            @JsonProperty("api_key") String apiKey) {}

    private final TranslationSettings.LibreTranslate settings;
    private final ProviderHttp http;

    LibreTranslateTranslator(TranslationSettings.LibreTranslate settings, TranslationSettings all, Clock clock) {
        this.settings = settings;
        this.http = new ProviderHttp(NAME, all.connectTimeout(), all.readTimeout(), clock);
    }

    @Override
    public String provider() {
        return NAME;
    }

    @Override
    public boolean selfHosted() {
        return true;
    }

    @Override
    public Translation translate(TranslationRequest request) {
        List<String> out = new ArrayList<>();
        LanguageCode detected = request.source();
        for (List<String> batch : Batches.split(request.texts(), settings.batchSize(), Long.MAX_VALUE)) {
            Request body = new Request(
                    batch,
                    request.source() == null ? "auto" : request.source().value(),
                    request.target().value(),
                    request.format() == TextFormat.HTML ? "html" : "text",
                    TranslationSettings.set(settings.apiKey()) ? settings.apiKey() : null);
            JsonNode answer = http.exchange(
                    http.http
                            .post()
                            .uri(settings.url() + "/translate")
                            .contentType(MediaType.APPLICATION_JSON)
                            .body(http.json(body)),
                    null);
            JsonNode texts = answer.path("translatedText");
            if (!texts.isArray() || texts.size() != batch.size()) {
                throw new UnusableAnswer(NAME, "not one translation per text");
            }
            for (int i = 0; i < batch.size(); i++) {
                out.add(texts.get(i).asString());
                if (detected == null) {
                    JsonNode language = answer.path("detectedLanguage");
                    language = language.isArray() ? language.path(i) : language;
                    detected = ProviderHttp.language(language.path("language").asString(null));
                }
            }
        }
        return new Translation(out, detected, NAME, request.characters());
    }
}
