package dev.kontor.translation.provider;

import com.fasterxml.jackson.annotation.JsonInclude;
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

/**
 * Google Cloud Translation v2 ("Basic") {@code POST /language/translate/v2} with an API key (sent as the
 * {@code X-goog-api-key} header, so it stays out of URLs and logs): up to 128 texts per request, {@code format}
 * text or html; no glossary or formality.
 */
final class GoogleBasicTranslator implements Translator {

    static final String NAME = "google-basic";

    private static final long MAX_CHARS = 30_000;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Request(List<String> q, String target, String source, String format) {}

    record Response(Data data) {}

    record Data(List<Item> translations) {}

    record Item(String translatedText, String detectedSourceLanguage) {}

    private final TranslationSettings.GoogleBasic settings;
    private final ProviderHttp http;

    GoogleBasicTranslator(TranslationSettings.GoogleBasic settings, TranslationSettings all, Clock clock) {
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
        List<String> out = new ArrayList<>();
        LanguageCode detected = request.source();
        for (List<String> batch : Batches.split(request.texts(), settings.batchSize(), MAX_CHARS)) {
            Request body = new Request(
                    batch,
                    request.target().value(),
                    request.source() == null ? null : request.source().value(),
                    request.format() == TextFormat.HTML ? "html" : "text");
            Response answer = http.read(
                    http.exchange(
                            http.http
                                    .post()
                                    .uri(settings.url() + "/language/translate/v2")
                                    .header("X-goog-api-key", settings.apiKey())
                                    .contentType(MediaType.APPLICATION_JSON)
                                    .body(http.json(body)),
                            null),
                    Response.class);
            List<Item> items = answer.data() == null ? null : answer.data().translations();
            if (items == null || items.size() != batch.size()) {
                throw new UnusableAnswer(NAME, "not one translation per text");
            }
            for (Item item : items) {
                out.add(item.translatedText());
                if (detected == null) {
                    detected = ProviderHttp.language(item.detectedSourceLanguage());
                }
            }
        }
        return new Translation(out, detected, NAME, request.characters());
    }
}
