package dev.kontor.translation.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.kontor.translation.Formality;
import dev.kontor.translation.NotSupported;
import dev.kontor.translation.QuotaExceeded;
import dev.kontor.translation.RateLimited;
import dev.kontor.translation.TextFormat;
import dev.kontor.translation.Translation;
import dev.kontor.translation.TranslationRequest;
import dev.kontor.translation.Translator;
import org.junit.jupiter.api.Test;

/** Amazon Translate TranslateText, from docs.aws.amazon.com/translate/latest/APIReference/API_TranslateText.html. */
class AmazonTranslatorContractTests extends ProviderContract {

    @Override
    Translator translator(String baseUrl) {
        return new AmazonTranslator(
                new TranslationSettings.Amazon(
                        "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null, "eu-west-1", baseUrl),
                settings(),
                CLOCK);
    }

    @Override
    MappingBuilder endpoint() {
        return post(urlEqualTo("/"));
    }

    @Override
    String errorBody(String message) {
        return "{\"__type\":\"com.amazonaws.translate#ValidationException\",\"message\":\"" + message + "\"}";
    }

    @Test
    void signsEachTextAsItsOwnCall() {
        server.stubFor(endpoint()
                .withHeader("X-Amz-Target", equalTo("AWSShineFrontendService_20170701.TranslateText"))
                .withHeader("Content-Type", equalTo("application/x-amz-json-1.1"))
                .withHeader("X-Amz-Date", equalTo("20261203T100000Z"))
                .withHeader(
                        "Authorization",
                        matching("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261203/eu-west-1/translate/aws4_request, "
                                + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=[0-9a-f]{64}"))
                .withRequestBody(equalToJson("""
                        {"Text":"${json-unit.any-string}","SourceLanguageCode":"auto","TargetLanguageCode":"de",
                         "Settings":{"Formality":"FORMAL"}}
                        """))
                .willReturn(json(
                        200,
                        "{\"TranslatedText\":\"Hallo\",\"SourceLanguageCode\":\"en\",\"TargetLanguageCode\":\"de\"}")));

        Translation t = translator(base())
                .translate(TranslationRequest.of(DE, "Hello", "Hi").withFormality(Formality.FORMAL));

        assertThat(t.texts()).containsExactly("Hallo", "Hallo");
        assertThat(t.detectedSource()).isEqualTo(EN);
        server.verify(2, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void throttlingIsARateLimit() {
        server.stubFor(
                endpoint().willReturn(json(400, "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}")));

        assertThatThrownBy(() -> translator(base()).translate(request())).isInstanceOf(RateLimited.class);
    }

    @Test
    void limitExceededIsAQuota() {
        server.stubFor(endpoint()
                .willReturn(json(
                        400, "{\"__type\":\"com.amazonaws.translate#LimitExceededException\",\"message\":\"Limit\"}")));

        assertThatThrownBy(() -> translator(base()).translate(request())).isInstanceOf(QuotaExceeded.class);
    }

    @Test
    void htmlIsNotSentToTheRealTimeApi() {
        assertThatThrownBy(() -> translator(base()).translate(request().withFormat(TextFormat.HTML)))
                .isInstanceOf(NotSupported.class);
        server.verify(0, postRequestedFor(urlEqualTo("/")));
    }
}
