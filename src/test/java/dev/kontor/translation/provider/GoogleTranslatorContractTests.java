package dev.kontor.translation.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.kontor.translation.Formality;
import dev.kontor.translation.TextFormat;
import dev.kontor.translation.Translation;
import dev.kontor.translation.TranslationRequest;
import dev.kontor.translation.Translator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cloud Translation v3 translateText, from cloud.google.com/translate/docs/reference/rest/v3/projects/translateText. */
class GoogleTranslatorContractTests extends ProviderContract {

    static final String PATH = "/v3/projects/kontor-test/locations/us-central1:translateText";

    @Override
    Translator translator(String baseUrl) {
        return translator(baseUrl, 1024);
    }

    Translator translator(String baseUrl, int batchSize) {
        return new GoogleTranslator(
                new TranslationSettings.Google("kontor-test", "us-central1", "ya29.token", baseUrl, batchSize),
                settings(),
                CLOCK);
    }

    @Override
    MappingBuilder endpoint() {
        return post(urlEqualTo(PATH));
    }

    @Override
    String errorBody(String message) {
        return "{\"error\":{\"code\":400,\"message\":\"" + message + "\",\"status\":\"INVALID_ARGUMENT\"}}";
    }

    @Test
    void sendsTheBearerTokenAndPlainTextMimeType() {
        server.stubFor(endpoint()
                .withHeader("Authorization", equalTo("Bearer ya29.token"))
                .withRequestBody(
                        equalToJson(
                                "{\"contents\":[\"Hola\",\"Gracias\"],\"mimeType\":\"text/plain\",\"targetLanguageCode\":\"en\"}"))
                .willReturn(json(200, """
                        {"translations":[{"translatedText":"Hello","detectedLanguageCode":"es"},
                                         {"translatedText":"Thank you","detectedLanguageCode":"es"}]}
                        """)));

        Translation t = translator(base()).translate(TranslationRequest.of(EN, "Hola", "Gracias"));

        assertThat(t.texts()).containsExactly("Hello", "Thank you");
        assertThat(t.detectedSource()).isEqualTo(ES);
        assertThat(t.provider()).isEqualTo("google");
        assertThat(t.charactersBilled()).isEqualTo(11);
    }

    @Test
    void usesTheGlossaryTranslationsWithAGlossary() {
        server.stubFor(endpoint().withRequestBody(equalToJson("""
                        {"contents":["<b>Hola</b>"],"mimeType":"text/html","sourceLanguageCode":"es","targetLanguageCode":"en",
                         "glossaryConfig":{"glossary":"projects/kontor-test/locations/us-central1/glossaries/brands"}}
                        """)).willReturn(json(200, """
                        {"translations":[{"translatedText":"<b>Hi</b>"}],"glossaryTranslations":[{"translatedText":"<b>Hello</b>"}]}
                        """)));

        Translation t = translator(base())
                .translate(new TranslationRequest(
                        List.of("<b>Hola</b>"), ES, EN, TextFormat.HTML, Formality.DEFAULT, null, "brands"));

        assertThat(t.texts()).containsExactly("<b>Hello</b>");
    }

    @Test
    void splitsBatchesAtTheConfiguredLimit() {
        server.stubFor(endpoint()
                .withRequestBody(matchingJsonPath("$.contents.length()", equalTo("2")))
                .willReturn(json(200, "{\"translations\":[{\"translatedText\":\"a\"},{\"translatedText\":\"b\"}]}")));
        server.stubFor(endpoint()
                .withRequestBody(matchingJsonPath("$.contents.length()", equalTo("1")))
                .willReturn(json(200, "{\"translations\":[{\"translatedText\":\"c\"}]}")));

        Translation t = translator(base(), 2)
                .translate(TranslationRequest.of(EN, "x", "y", "z").from(ES));

        assertThat(t.texts()).containsExactly("a", "b", "c");
        server.verify(2, postRequestedFor(urlEqualTo(PATH)));
    }
}
