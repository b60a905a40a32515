package dev.kontor.translation.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.kontor.translation.Translation;
import dev.kontor.translation.TranslationRequest;
import dev.kontor.translation.Translator;
import org.junit.jupiter.api.Test;

/** Cloud Translation v2 (Basic), from cloud.google.com/translate/docs/basic/translating-text. */
class GoogleBasicTranslatorContractTests extends ProviderContract {

    @Override
    Translator translator(String baseUrl) {
        return new GoogleBasicTranslator(
                new TranslationSettings.GoogleBasic("AIza-key", baseUrl, 128), settings(), CLOCK);
    }

    @Override
    MappingBuilder endpoint() {
        return post(urlEqualTo("/language/translate/v2"));
    }

    @Override
    String errorBody(String message) {
        return "{\"error\":{\"code\":400,\"message\":\"" + message + "\",\"errors\":[{\"reason\":\"invalid\"}]}}";
    }

    @Test
    void sendsTheApiKeyAndReadsDataTranslations() {
        server.stubFor(endpoint()
                .withHeader("X-goog-api-key", equalTo("AIza-key"))
                .withRequestBody(equalToJson("{\"q\":[\"Bonjour\"],\"target\":\"en\",\"format\":\"text\"}"))
                .willReturn(json(200, """
                        {"data":{"translations":[{"translatedText":"Hello","detectedSourceLanguage":"fr"}]}}
                        """)));

        Translation t = translator(base()).translate(TranslationRequest.of(EN, "Bonjour"));

        assertThat(t.texts()).containsExactly("Hello");
        assertThat(t.detectedSource().value()).isEqualTo("fr");
        assertThat(t.provider()).isEqualTo("google-basic");
    }
}
