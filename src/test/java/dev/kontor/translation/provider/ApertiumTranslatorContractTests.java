package dev.kontor.translation.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.kontor.translation.NotSupported;
import dev.kontor.translation.ProviderRejected;
import dev.kontor.translation.Translation;
import dev.kontor.translation.TranslationRequest;
import dev.kontor.translation.Translator;
import org.junit.jupiter.api.Test;

/** Apertium APY /translate, from wiki.apertium.org/wiki/Apertium-apy and the answers of APY on this machine. */
class ApertiumTranslatorContractTests extends ProviderContract {

    @Override
    Translator translator(String baseUrl) {
        return new ApertiumTranslator(new TranslationSettings.Apertium(baseUrl), settings(), CLOCK);
    }

    @Override
    MappingBuilder endpoint() {
        return post(urlEqualTo("/translate"));
    }

    @Override
    String errorBody(String message) {
        return "{\"status\":\"error\",\"code\":400,\"message\":\"Bad Request\",\"explanation\":\"" + message + "\"}";
    }

    @Test
    void sendsThreeLetterPairAndOneTextPerRequest() {
        server.stubFor(
                endpoint()
                        .withRequestBody(containing("langpair=spa%7Ceng"))
                        .withRequestBody(containing("markUnknown=no"))
                        .withRequestBody(containing("format=txt"))
                        .willReturn(
                                json(
                                        200,
                                        "{\"responseData\":{\"translatedText\":\"Hello\"},\"responseDetails\":null,\"responseStatus\":200}")));

        Translation t = translator(base())
                .translate(TranslationRequest.of(EN, "Hola", "Buenas").from(ES));

        assertThat(t.texts()).containsExactly("Hello", "Hello");
        assertThat(t.detectedSource()).isEqualTo(ES);
        server.verify(2, postRequestedFor(urlEqualTo("/translate")));
    }

    @Test
    void missingPairIsRefusedWithItsExplanation() {
        server.stubFor(endpoint().willReturn(json(400, errorBody("That pair is not installed"))));

        assertThatThrownBy(() -> translator(base())
                        .translate(TranslationRequest.of(DE, "Hola").from(ES)))
                .isInstanceOfSatisfying(
                        ProviderRejected.class,
                        e -> assertThat(e.providerMessage()).isEqualTo("That pair is not installed"));
    }

    @Test
    void needsTheSourceLanguage() {
        assertThatThrownBy(() -> translator(base()).translate(TranslationRequest.of(EN, "Hola")))
                .isInstanceOf(NotSupported.class);
    }
}
