package dev.kontor.translation.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.kontor.shared.LanguageCode;
import dev.kontor.translation.ProviderRejected;
import dev.kontor.translation.ProviderUnavailable;
import dev.kontor.translation.RateLimited;
import dev.kontor.translation.TranslationRequest;
import dev.kontor.translation.Translator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What every adapter must do with a provider's failures, against a WireMock stub of its documented endpoint:
 * a refusal keeps the provider's message, 429 honours Retry-After, 5xx, a cut connection and a timeout are
 * "unavailable". Each adapter's test adds its request shape, auth, batching and own error codes.
 */
abstract class ProviderContract {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    static final LanguageCode EN = new LanguageCode("en");
    static final LanguageCode ES = new LanguageCode("es");
    static final LanguageCode DE = new LanguageCode("de");

    /** The adapter, pointed at the stub. */
    abstract Translator translator(String baseUrl);

    /** The provider's translate endpoint as the adapter calls it. */
    abstract MappingBuilder endpoint();

    /** The provider's documented error body carrying this message. */
    abstract String errorBody(String message);

    /** A request this provider accepts. */
    TranslationRequest request() {
        return TranslationRequest.of(EN, "Hola").from(ES);
    }

    static TranslationSettings settings(Duration readTimeout) {
        return new TranslationSettings(
                Duration.ofSeconds(2), readTimeout, null, null, null, null, null, null, null, null);
    }

    static TranslationSettings settings() {
        return settings(Duration.ofSeconds(5));
    }

    String base() {
        return server.baseUrl();
    }

    ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    @Test
    void refusedRequestKeepsTheProvidersMessage() {
        server.stubFor(endpoint().willReturn(json(400, errorBody("Value for 'target_lang' not supported."))));

        assertThatThrownBy(() -> translator(base()).translate(request()))
                .isInstanceOfSatisfying(ProviderRejected.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.providerMessage()).contains("not supported");
                    assertThat(e.retryable()).isFalse();
                });
    }

    @Test
    void wrongKeyIsRefusedNotRetried() {
        server.stubFor(endpoint().willReturn(json(403, errorBody("Invalid authentication key"))));

        assertThatThrownBy(() -> translator(base()).translate(request()))
                .isInstanceOfSatisfying(
                        ProviderRejected.class, e -> assertThat(e.status()).isEqualTo(403));
    }

    @Test
    void tooManyRequestsSaysWhenToRetry() {
        server.stubFor(
                endpoint().willReturn(json(429, errorBody("Too many requests")).withHeader("Retry-After", "30")));

        assertThatThrownBy(() -> translator(base()).translate(request()))
                .isInstanceOfSatisfying(RateLimited.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
                });
    }

    @Test
    void retryAfterAsDateIsCountedFromTheClock() {
        server.stubFor(endpoint()
                .willReturn(
                        json(429, errorBody("slow down")).withHeader("Retry-After", "Thu, 03 Dec 2026 10:02:00 GMT")));

        assertThatThrownBy(() -> translator(base()).translate(request()))
                .isInstanceOfSatisfying(
                        RateLimited.class, e -> assertThat(e.retryAfter()).contains(Duration.ofMinutes(2)));
    }

    @Test
    void serverErrorIsUnavailableAndRetryable() {
        server.stubFor(endpoint().willReturn(json(503, errorBody("Service unavailable"))));

        assertThatThrownBy(() -> translator(base()).translate(request()))
                .isInstanceOfSatisfying(
                        ProviderUnavailable.class,
                        e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void cutConnectionIsUnavailable() {
        server.stubFor(endpoint().willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> translator(base()).translate(request())).isInstanceOf(ProviderUnavailable.class);
    }
}
