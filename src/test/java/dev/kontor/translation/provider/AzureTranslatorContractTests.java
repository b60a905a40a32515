package dev.kontor.translation.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.kontor.translation.QuotaExceeded;
import dev.kontor.translation.TextFormat;
import dev.kontor.translation.Translation;
import dev.kontor.translation.TranslationRequest;
import dev.kontor.translation.Translator;
import org.junit.jupiter.api.Test;

/** Azure AI Translator v3, from learn.microsoft.com/azure/ai-services/translator/reference/v3-0-translate. */
class AzureTranslatorContractTests extends ProviderContract {

    @Override
    Translator translator(String baseUrl) {
        return new AzureTranslator(
                new TranslationSettings.Azure("azure-key", "westeurope", baseUrl, 1000), settings(), CLOCK);
    }

    @Override
    MappingBuilder endpoint() {
        return post(urlPathEqualTo("/translate"));
    }

    @Override
    String errorBody(String message) {
        return "{\"error\":{\"code\":400036,\"message\":\"" + message + "\"}}";
    }

    @Test
    void sendsKeyRegionAndLanguagesAndReadsTheDetectedLanguage() {
        server.stubFor(endpoint()
                .withQueryParam("api-version", equalTo("3.0"))
                .withQueryParam("to", equalTo("en"))
                .withQueryParam("from", absent())
                .withQueryParam("textType", equalTo("html"))
                .withHeader("Ocp-Apim-Subscription-Key", equalTo("azure-key"))
                .withHeader("Ocp-Apim-Subscription-Region", equalTo("westeurope"))
                .withRequestBody(equalToJson("[{\"Text\":\"<p>Hallo</p>\"},{\"Text\":\"Danke\"}]"))
                .willReturn(json(200, """
                        [{"detectedLanguage":{"language":"de","score":1.0},"translations":[{"text":"<p>Hello</p>","to":"en"}]},
                         {"detectedLanguage":{"language":"de","score":0.9},"translations":[{"text":"Thanks","to":"en"}]}]
                        """)));

        Translation t = translator(base())
                .translate(TranslationRequest.of(EN, "<p>Hallo</p>", "Danke").withFormat(TextFormat.HTML));

        assertThat(t.texts()).containsExactly("<p>Hello</p>", "Thanks");
        assertThat(t.detectedSource()).isEqualTo(DE);
        assertThat(t.provider()).isEqualTo("azure");
    }

    @Test
    void freeTierQuotaIs403001() {
        server.stubFor(endpoint()
                .willReturn(
                        json(403, "{\"error\":{\"code\":403001,\"message\":\"The free quota has been exceeded.\"}}")));

        assertThatThrownBy(() -> translator(base()).translate(request())).isInstanceOf(QuotaExceeded.class);
    }
}
