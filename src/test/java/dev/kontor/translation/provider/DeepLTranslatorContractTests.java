package dev.kontor.translation.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.kontor.translation.Formality;
import dev.kontor.translation.NotSupported;
import dev.kontor.translation.ProviderUnavailable;
import dev.kontor.translation.QuotaExceeded;
import dev.kontor.translation.TextFormat;
import dev.kontor.translation.Translation;
import dev.kontor.translation.TranslationRequest;
import dev.kontor.translation.Translator;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** DeepL API v2, from developers.deepl.com/api-reference/translate. */
class DeepLTranslatorContractTests extends ProviderContract {

    static final String KEY = "0a1b2c3d-0000-4000-8000-000000000000";

    @Override
    Translator translator(String baseUrl) {
        return new DeepLTranslator(new TranslationSettings.DeepL(KEY, baseUrl, 50), settings(), CLOCK);
    }

    @Override
    MappingBuilder endpoint() {
        return post(urlEqualTo("/v2/translate"));
    }

    @Override
    String errorBody(String message) {
        return "{\"message\":\"" + message + "\"}";
    }

    @Test
    void sendsTheKeyAndTheDocumentedFields() {
        server.stubFor(endpoint()
                .withHeader("Authorization", equalTo("DeepL-Auth-Key " + KEY))
                .withRequestBody(equalToJson("""
                        {"text":["<p>Hallo Welt</p>"],"target_lang":"EN-US","source_lang":"DE",
                         "formality":"prefer_more","glossary_id":"def3a26b-3e84-45b3-84ae-0c0aaf3525f7",
                         "tag_handling":"html","show_billed_characters":true}
                        """))
                .willReturn(json(200, """
                        {"translations":[{"detected_source_language":"DE","text":"<p>Hello world</p>","billed_characters":18}]}
                        """)));

        Translation t = translator(base())
                .translate(new TranslationRequest(
                        List.of("<p>Hallo Welt</p>"),
                        DE,
                        EN,
                        TextFormat.HTML,
                        Formality.FORMAL,
                        null,
                        "def3a26b-3e84-45b3-84ae-0c0aaf3525f7"));

        assertThat(t.texts()).containsExactly("<p>Hello world</p>");
        assertThat(t.detectedSource()).isEqualTo(DE);
        assertThat(t.provider()).isEqualTo("deepl");
        assertThat(t.charactersBilled()).isEqualTo(18);
    }

    @Test
    void reportsTheDetectedLanguageWhenNoSourceIsGiven() {
        server.stubFor(endpoint()
                .withRequestBody(
                        matchingJsonPath("$.source_lang", com.github.tomakehurst.wiremock.client.WireMock.absent()))
                .willReturn(
                        json(200, "{\"translations\":[{\"detected_source_language\":\"ES\",\"text\":\"Hello\"}]}")));

        Translation t = translator(base()).translate(TranslationRequest.of(EN, "Hola"));

        assertThat(t.detectedSource()).isEqualTo(ES);
        assertThat(t.charactersBilled()).isEqualTo(4);
    }

    @Test
    void splitsMoreThanFiftyTextsIntoRequestsOfFifty() {
        List<String> texts = IntStream.range(0, 120).mapToObj(i -> "Satz " + i).toList();
        server.stubFor(endpoint()
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withTransformers("response-template")
                        .withBody("""
                                {"translations":[{{#each (jsonPath request.body '$.text') as |t|}}{{#unless @first}},{{/unless}}{"detected_source_language":"DE","text":"EN {{t}}"}{{/each}}]}
                                """)));

        Translation t = translator(base()).translate(TranslationRequest.of(EN, texts.toArray(String[]::new)));

        assertThat(t.texts()).hasSize(120).startsWith("EN Satz 0").endsWith("EN Satz 119");
        server.verify(3, postRequestedFor(urlEqualTo("/v2/translate")));
        server.verify(
                2,
                postRequestedFor(urlEqualTo("/v2/translate"))
                        .withRequestBody(matchingJsonPath("$.text.length()", equalTo("50"))));
    }

    @Test
    void quotaExceededIs456() {
        server.stubFor(endpoint().willReturn(json(456, errorBody("Quota exceeded"))));

        assertThatThrownBy(() -> translator(base()).translate(request()))
                .isInstanceOfSatisfying(
                        QuotaExceeded.class,
                        e -> assertThat(e.providerMessage()).isEqualTo("Quota exceeded"));
    }

    @Test
    void glossaryWithoutSourceLanguageIsNotSent() {
        assertThatThrownBy(() -> translator(base())
                        .translate(TranslationRequest.of(EN, "Hallo").withGlossary(List.of(), "g1")))
                .isInstanceOf(NotSupported.class);
        server.verify(0, postRequestedFor(urlEqualTo("/v2/translate")));
    }

    @Test
    void slowAnswerTimesOutAsUnavailable() {
        server.stubFor(endpoint().willReturn(json(200, "{\"translations\":[]}").withFixedDelay(1500)));
        Translator impatient = new DeepLTranslator(
                new TranslationSettings.DeepL(KEY, base(), 50), settings(Duration.ofMillis(300)), CLOCK);

        assertThatThrownBy(() -> impatient.translate(request())).isInstanceOf(ProviderUnavailable.class);
    }

    @Test
    void freeKeysUseTheFreeHost() {
        assertThat(new TranslationSettings.DeepL("abc:fx", null, 50).baseUrl()).isEqualTo("https://api-free.deepl.com");
        assertThat(new TranslationSettings.DeepL("abc", null, 50).baseUrl()).isEqualTo("https://api.deepl.com");
    }
}
