package dev.kontor.translation.provider;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.kontor.shared.LanguageCode;
import dev.kontor.translation.QuotaExceeded;
import dev.kontor.translation.TextFormat;
import dev.kontor.translation.Translation;
import dev.kontor.translation.TranslationRequest;
import dev.kontor.translation.Translator;
import dev.kontor.translation.UnusableAnswer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Azure AI Translator v3 {@code POST /translate?api-version=3.0&to=..}: the key in
 * {@code Ocp-Apim-Subscription-Key} and the resource's region in {@code Ocp-Apim-Subscription-Region}; up to 1000
 * texts and 50,000 characters per request. Its error code 403001 means the free tier's quota is used up.
 */
final class AzureTranslator implements Translator {

    static final String NAME = "azure";

    private static final long MAX_CHARS = 50_000;

    record Text(@JsonProperty("Text") String text) {}

    record Result(DetectedLanguage detectedLanguage, List<Item> translations) {}

    record DetectedLanguage(String language, Double score) {}

    record Item(String text, String to) {}

    private final TranslationSettings.Azure settings;
    private final ProviderHttp http;

    AzureTranslator(TranslationSettings.Azure settings, TranslationSettings all, Clock clock) {
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
        UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(settings.url())
                .path("/translate")
                .queryParam("api-version", "3.0")
                .queryParam("to", request.target().value());
        if (request.source() != null) {
            uri.queryParam("from", request.source().value());
        }
        uri.queryParam("textType", request.format() == TextFormat.HTML ? "html" : "plain");
        String target = uri.build().toUriString();
        List<String> out = new ArrayList<>();
        LanguageCode detected = request.source();
        for (List<String> batch : Batches.split(request.texts(), settings.batchSize(), MAX_CHARS)) {
            var call = http.http
                    .post()
                    .uri(java.net.URI.create(target))
                    .header("Ocp-Apim-Subscription-Key", settings.key())
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(http.json(batch.stream().map(Text::new).toList()));
            if (TranslationSettings.set(settings.region())) {
                call.header("Ocp-Apim-Subscription-Region", settings.region());
            }
            Result[] results = http.read(
                    http.exchange(
                            call,
                            (status, body, headers) ->
                                    body.path("error").path("code").asInt(0) == 403001
                                            ? new QuotaExceeded(NAME, ProviderHttp.message(body, new byte[0]))
                                            : null),
                    Result[].class);
            if (results.length != batch.size()) {
                throw new UnusableAnswer(NAME, "not one translation per text");
            }
            for (Result result : results) {
                if (result.translations() == null || result.translations().isEmpty()) {
                    throw new UnusableAnswer(NAME, "a text came back without translation");
                }
                out.add(result.translations().get(0).text());
                if (detected == null && result.detectedLanguage() != null) {
                    detected = ProviderHttp.language(result.detectedLanguage().language());
                }
            }
        }
        return new Translation(out, detected, NAME, request.characters());
    }
}
