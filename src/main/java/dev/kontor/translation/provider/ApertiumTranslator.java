package dev.kontor.translation.provider;

import dev.kontor.shared.LanguageCode;
import dev.kontor.translation.NotSupported;
import dev.kontor.translation.ProviderRejected;
import dev.kontor.translation.TextFormat;
import dev.kontor.translation.Translation;
import dev.kontor.translation.TranslationRequest;
import dev.kontor.translation.Translator;
import dev.kontor.translation.UnusableAnswer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.JsonNode;

/**
 * Apertium's APY server {@code POST /translate} (self-hosted, rule-based, offline): form fields
 * {@code langpair=spa|eng} with ISO 639-3 codes, {@code q}, {@code format} txt or html and {@code markUnknown=no}
 * (so unknown words are not starred); one text per request. It needs the source language (its language
 * identification is usually not installed), and a pair that is not installed is a 400 with an explanation.
 */
final class ApertiumTranslator implements Translator {

    static final String NAME = "apertium";

    private final TranslationSettings.Apertium settings;
    private final ProviderHttp http;

    ApertiumTranslator(TranslationSettings.Apertium settings, TranslationSettings all, Clock clock) {
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
        LanguageCode source = request.sourceLanguage()
                .orElseThrow(() -> new NotSupported(NAME, "Apertium needs the source language"));
        String pair = iso3(source) + "|" + iso3(request.target());
        List<String> out = new ArrayList<>();
        for (String text : request.texts()) {
            MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
            form.add("langpair", pair);
            form.add("q", text);
            form.add("format", request.format() == TextFormat.HTML ? "html" : "txt");
            form.add("markUnknown", "no");
            JsonNode answer = http.exchange(
                    http.http
                            .post()
                            .uri(settings.url() + "/translate")
                            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                            .body(form),
                    (status, body, headers) -> null);
            // APY may also report a failure inside a 200 answer.
            int status = answer.path("responseStatus").asInt(answer.path("code").asInt(200));
            if (status != 200) {
                throw new ProviderRejected(NAME, status, ProviderHttp.message(answer, new byte[0]));
            }
            JsonNode translated = answer.path("responseData").path("translatedText");
            if (!translated.isString()) {
                throw new UnusableAnswer(NAME, "no translatedText");
            }
            out.add(translated.asString());
        }
        return new Translation(out, source, NAME, request.characters());
    }

    /** APY names languages by ISO 639-3 ({@code spa}, {@code eng}, {@code fra}). */
    static String iso3(LanguageCode language) {
        return new Locale(language.value()).getISO3Language();
    }
}
