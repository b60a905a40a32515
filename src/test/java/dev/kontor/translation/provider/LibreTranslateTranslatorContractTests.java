package dev.kontor.translation.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.kontor.translation.Translation;
import dev.kontor.translation.TranslationRequest;
import dev.kontor.translation.Translator;
import org.junit.jupiter.api.Test;

/** LibreTranslate /translate, from docs.libretranslate.com/guides/api_usage. */
class LibreTranslateTranslatorContractTests extends ProviderContract {

    @Override
    Translator translator(String baseUrl) {
        return new LibreTranslateTranslator(
                new TranslationSettings.LibreTranslate(baseUrl, "lt-key", 50), settings(), CLOCK);
    }

    @Override
    MappingBuilder endpoint() {
        return post(urlEqualTo("/translate"));
    }

    @Override
    String errorBody(String message) {
        return "{\"error\":\"" + message + "\"}";
    }

    @Test
    void sendsTextsAsAListWithAutoSourceAndReadsTheDetectedLanguage() {
        server.stubFor(endpoint()
                .withRequestBody(
                        equalToJson(
                                "{\"q\":[\"Ciao\",\"Grazie\"],\"source\":\"auto\",\"target\":\"en\",\"format\":\"text\",\"api_key\":\"lt-key\"}"))
                .willReturn(json(200, """
                        {"translatedText":["Hello","Thank you"],
                         "detectedLanguage":[{"language":"it","confidence":90},{"language":"it","confidence":88}]}
                        """)));

        Translation t = translator(base()).translate(TranslationRequest.of(EN, "Ciao", "Grazie"));

        assertThat(t.texts()).containsExactly("Hello", "Thank you");
        assertThat(t.detectedSource().value()).isEqualTo("it");
        assertThat(t.provider()).isEqualTo("libretranslate");
        assertThat(translator(base()).selfHosted()).isTrue();
    }
}
