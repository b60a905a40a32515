package dev.kontor.translation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.clients.ClientView;
import dev.kontor.shared.InvalidInput;
import dev.kontor.shared.LanguageCode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Translations with provider accounts from the database, against WireMock stubs of a cloud provider (DeepL) and two
 * self-hosted ones (LibreTranslate, a chat model): chains, fallback, clients that keep texts in the house, formality
 * and glossary, usage and caps, retries, and credentials sealed at rest.
 */
@KontorIntegrationTest
@org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc
@TestPropertySource(properties = "kontor.translation.retry.backoff=200ms")
class TranslationsIntegrationTests {

    static final LanguageCode EN = new LanguageCode("en");
    static final LanguageCode ES = new LanguageCode("es");
    static final LanguageCode DE = new LanguageCode("de");
    static final String DEEPL_KEY = "0a1b2c3d-0000-4000-8000-00000000wxyz";

    @RegisterExtension
    static WireMockExtension cloud = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @RegisterExtension
    static WireMockExtension house = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @Autowired
    Translations translations;

    @Autowired
    TranslationManagement management;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    JdbcTemplate jdbc;

    final List<Duration> waits = new ArrayList<>();
    String deepl;
    String libre;

    @BeforeEach
    void accounts() {
        translations.sleepWith(waits::add);
        deepl = TestFixtures.unique("deepl").toLowerCase();
        libre = TestFixtures.unique("libre").toLowerCase();
        management.saveAccount(
                null,
                new ProviderAccount.Change(
                        deepl, "deepl", cloud.baseUrl(), null, null, null, null, null, DEEPL_KEY, null));
        management.saveAccount(
                null,
                new ProviderAccount.Change(
                        libre, "libretranslate", house.baseUrl(), null, null, null, null, true, null, null));
    }

    @AfterEach
    void removeAccounts() {
        management.accounts().stream().filter(a -> !a.fromEnvironment()).forEach(a -> management.deleteAccount(a.id()));
    }

    private ClientView clientWith(String chain, boolean allowCloud, Long cap) {
        ClientView client = fixtures.client();
        management.saveClient(new ClientTranslation(
                client.id(), ChainEntry.parse(chain, "chain"), Map.of(), List.of(), allowCloud, cap));
        return client;
    }

    private void deeplAnswers(String text) {
        cloud.stubFor(post(urlEqualTo("/v2/translate"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"translations\":[{\"detected_source_language\":\"ES\",\"text\":\"" + text
                                + "\"}]}")));
    }

    private void libreAnswers(String text) {
        house.stubFor(post(urlEqualTo("/translate"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"translatedText\":[\"" + text
                                + "\"],\"detectedLanguage\":[{\"language\":\"es\",\"confidence\":90}]}")));
    }

    @Test
    void credentialsAreSealedAtRestAndNeverShownBack() {
        ProviderAccount account = management.accounts().stream()
                .filter(a -> a.name().equals(deepl))
                .findFirst()
                .orElseThrow();

        byte[] stored = jdbc.queryForObject(
                "select key_sealed from translation.provider_account where id = ?", byte[].class, account.id());
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(DEEPL_KEY);
        assertThat(jdbc
                        .queryForList("select * from translation.provider_account where id = ?", account.id())
                        .get(0)
                        .values()
                        .stream()
                        .map(String::valueOf))
                .noneMatch(v -> v.contains(DEEPL_KEY));
        assertThat(account.keyHint()).isEqualTo("…wxyz");
        assertThat(account.toString()).doesNotContain(DEEPL_KEY);

        deeplAnswers("Hello");
        ClientView client = clientWith(deepl, true, null);
        translations.translate(client.id(), TranslationRequest.of(EN, "Hola").from(ES));
        cloud.verify(postRequestedFor(urlEqualTo("/v2/translate"))
                .withHeader(
                        "Authorization",
                        com.github.tomakehurst.wiremock.client.WireMock.equalTo("DeepL-Auth-Key " + DEEPL_KEY)));
    }

    @Test
    void aChangedAccountIsRebuiltOnTheNextCall() {
        ClientView client = clientWith(libre, true, null);
        libreAnswers("Hello");
        translations.translate(client.id(), TranslationRequest.of(EN, "Hola"));
        long id = management.accounts().stream()
                .filter(a -> a.name().equals(libre))
                .findFirst()
                .orElseThrow()
                .id();
        int version = management.account(id).version();

        management.saveAccount(
                id,
                new ProviderAccount.Change(
                        null, "libretranslate", cloud.baseUrl(), null, null, null, null, true, "lt-key", null));
        cloud.stubFor(post(urlEqualTo("/translate"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"translatedText\":[\"Hi\"]}")));

        assertThat(management.account(id).version()).isEqualTo(version + 1);
        assertThat(translations
                        .translate(
                                client.id(), TranslationRequest.of(EN, "Hola").from(ES))
                        .texts())
                .containsExactly("Hi");
        cloud.verify(postRequestedFor(urlEqualTo("/translate")).withRequestBody(containing("lt-key")));
    }

    @Test
    void badAccountInputNamesTheFields() {
        assertThatThrownBy(() -> management.saveAccount(
                        null,
                        new ProviderAccount.Change(
                                "Bad Name", "amazon", "ftp://x", null, null, null, null, null, null, null)))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.errors().stream().map(f -> f.field()).toList())
                                .contains("name", "url", "region", "key", "secret"));
        assertThatThrownBy(() -> management.saveAccount(
                        null,
                        new ProviderAccount.Change("x1", "babelfish", null, null, null, null, null, null, null, null)))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("kind"));
        assertThatThrownBy(() -> management.saveAccount(
                        null,
                        new ProviderAccount.Change(
                                deepl, "apertium", "http://localhost:2737", null, null, null, null, null, null, null)))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("name"));
        ClientView client = fixtures.client();
        assertThatThrownBy(() -> management.saveClient(new ClientTranslation(
                        client.id(), ChainEntry.parse("nobody", "chain"), Map.of(), List.of(), true, null)))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("chain"));
        assertThatThrownBy(() -> ChainEntry.parse("deepl xx>en", "chain"))
                .isInstanceOfSatisfying(
                        InvalidInput.class, e -> assertThat(e.getMessage()).contains("chain", "line 1"));
    }

    @Test
    void theChainFallsBackWhenTheFirstProviderIsDown() {
        ClientView client = clientWith(deepl + "\n" + libre, true, null);
        cloud.stubFor(post(urlEqualTo("/v2/translate")).willReturn(aResponse().withStatus(503)));
        libreAnswers("Hello");

        Translation t = translations.translate(client.id(), TranslationRequest.of(EN, "Hola"));

        assertThat(t.texts()).containsExactly("Hello");
        assertThat(t.provider()).isEqualTo("libretranslate");
        cloud.verify(3, postRequestedFor(urlEqualTo("/v2/translate")));
        assertThat(waits).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void aRateLimitedProviderIsRetriedAfterTheWaitItAsksFor() {
        ClientView client = clientWith(deepl, true, null);
        cloud.stubFor(post(urlEqualTo("/v2/translate"))
                .inScenario("limit")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2"))
                .willSetStateTo("free"));
        cloud.stubFor(post(urlEqualTo("/v2/translate"))
                .inScenario("limit")
                .whenScenarioStateIs("free")
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"translations\":[{\"text\":\"Hello\"}]}")));

        assertThat(translations
                        .translate(
                                client.id(), TranslationRequest.of(EN, "Hola").from(ES))
                        .texts())
                .containsExactly("Hello");
        assertThat(waits).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void aClientThatKeepsTextsInTheHouseNeverReachesTheCloud() {
        ClientView keeps = clientWith(deepl + "\n" + libre, false, null);
        ClientView allows = clientWith(deepl + "\n" + libre, true, null);
        deeplAnswers("Hello from the cloud");
        libreAnswers("Hello from the house");

        assertThat(translations
                        .translate(keeps.id(), TranslationRequest.of(EN, "Hola"))
                        .texts())
                .containsExactly("Hello from the house");
        assertThat(translations.covers(keeps.id(), ES, EN)).isTrue();
        cloud.verify(0, postRequestedFor(urlEqualTo("/v2/translate")));

        assertThat(translations
                        .translate(allows.id(), TranslationRequest.of(EN, "Hola"))
                        .texts())
                .containsExactly("Hello from the cloud");
        cloud.verify(1, postRequestedFor(urlEqualTo("/v2/translate")));

        ClientView cloudOnly = clientWith(deepl, false, null);
        assertThat(translations.covers(cloudOnly.id(), ES, EN)).isFalse();
        assertThatThrownBy(() -> translations.translate(cloudOnly.id(), TranslationRequest.of(EN, "Hola")))
                .isInstanceOf(TranslationNotConfigured.class);
        cloud.verify(1, postRequestedFor(urlEqualTo("/v2/translate")));
    }

    @Test
    void languagePairsPickTheirProvider() {
        ClientView client = clientWith(libre + " es>en\n" + libre + " en>es\n" + deepl + " >de", true, null);
        libreAnswers("Hello");
        deeplAnswers("Hallo");

        assertThat(translations.covers(client.id(), ES, EN)).isTrue();
        assertThat(translations.covers(client.id(), null, DE)).isTrue();
        assertThat(translations.covers(client.id(), ES, new LanguageCode("fr"))).isFalse();
        assertThat(translations.covers(client.id(), null, EN))
                .as("a pair-specific entry needs the source language")
                .isFalse();
        assertThat(translations
                        .translate(
                                client.id(), TranslationRequest.of(EN, "Hola").from(ES))
                        .provider())
                .isEqualTo("libretranslate");
        assertThat(translations
                        .translate(
                                client.id(), TranslationRequest.of(DE, "Hola").from(ES))
                        .provider())
                .isEqualTo("deepl");
    }

    @Test
    void formalityAndGlossaryReachTheProvider() {
        String chat = TestFixtures.unique("chat").toLowerCase();
        management.saveAccount(
                null,
                new ProviderAccount.Change(
                        chat, "openai", house.baseUrl(), null, null, null, "llama3", true, null, null));
        ClientView client = fixtures.client();
        management.saveClient(new ClientTranslation(
                client.id(),
                ChainEntry.parse(deepl + " >de\n" + chat, "chain"),
                ClientTranslation.parseFormality("de: formal\nes: informal"),
                ClientTranslation.parseGlossary("Kontor\nshipping label = etiqueta de envío"),
                true,
                null));
        deeplAnswers("Hallo von ⟦1⟧");
        house.stubFor(
                post(urlEqualTo("/v1/chat/completions"))
                        .willReturn(
                                aResponse()
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":"
                                                        + "\"{\\\"detected_language\\\":\\\"en\\\",\\\"translations\\\":[\\\"Hola\\\"]}\"}}]}")));

        translations.translate(
                client.id(), TranslationRequest.of(DE, "Hello from Kontor").from(EN));
        translations.translate(client.id(), TranslationRequest.of(ES, "Hello").from(EN));

        cloud.verify(postRequestedFor(urlEqualTo("/v2/translate"))
                .withRequestBody(matchingJsonPath(
                        "$.formality", com.github.tomakehurst.wiremock.client.WireMock.equalTo("prefer_more")))
                .withRequestBody(matchingJsonPath(
                        "$.text[0]", com.github.tomakehurst.wiremock.client.WireMock.notContaining("Kontor"))));
        house.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(containing("informal register"))
                .withRequestBody(containing("shipping label")));
    }

    @Test
    void usageCountsCharactersPerClientAccountAndMonth() {
        ClientView a = clientWith(libre, true, null);
        ClientView b = clientWith(libre, true, null);
        libreAnswers("Hello");

        translations.translate(a.id(), TranslationRequest.of(EN, "Hola"));
        translations.translate(a.id(), TranslationRequest.of(EN, "Buenos días"));
        translations.translate(b.id(), TranslationRequest.of(EN, "Hola"));

        YearMonth month = YearMonth.now(ZoneOffset.UTC);
        Map<Long, Long> chars = management.usage(month).stream()
                .filter(u -> u.account().equals(libre))
                .collect(Collectors.toMap(TranslationUsage::clientId, TranslationUsage::characters));
        assertThat(chars).containsEntry(a.id(), 15L).containsEntry(b.id(), 4L);
        assertThat(management.usage(month).stream()
                        .filter(u -> u.clientId() == a.id())
                        .findFirst()
                        .orElseThrow()
                        .requests())
                .isEqualTo(2);
    }

    @Test
    void theMonthlyCapRefusesWithANamedError() {
        ClientView client = clientWith(libre, true, 10L);
        libreAnswers("Hello");
        translations.translate(client.id(), TranslationRequest.of(EN, "Hola"));

        assertThatThrownBy(() -> translations.translate(client.id(), TranslationRequest.of(EN, "Buenos días")))
                .isInstanceOfSatisfying(TranslationCapReached.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.used()).isEqualTo(4);
                    assertThat(e.retryAfter()).isPresent();
                });
        house.verify(1, postRequestedFor(urlEqualTo("/translate")));
    }

    @Test
    void aProviderAskingForALongerWaitThanAllowedIsSkippedAtOnce() {
        ClientView client = clientWith(deepl + "\n" + libre, true, null);
        cloud.stubFor(post(urlEqualTo("/v2/translate"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));
        libreAnswers("Hello");

        assertThat(translations
                        .translate(client.id(), TranslationRequest.of(EN, "Hola"))
                        .provider())
                .isEqualTo("libretranslate");
        cloud.verify(1, postRequestedFor(urlEqualTo("/v2/translate")));
        assertThat(waits).isEmpty();
    }

    @Test
    void clientsWithoutAChainOfTheirOwnUseTheInstallChain() {
        ClientView client = fixtures.client();
        deeplAnswers("Hello from the cloud");
        libreAnswers("Hello from the house");
        try {
            management.setInstallChain(ChainEntry.parse(deepl, "chain"));
            assertThat(translations
                            .translate(client.id(), TranslationRequest.of(EN, "Hola"))
                            .provider())
                    .isEqualTo("deepl");
            assertThat(management.installChain())
                    .extracting(ChainEntry::account)
                    .containsExactly(deepl);
        } finally {
            management.setInstallChain(List.of());
        }
        house.verify(0, postRequestedFor(urlEqualTo("/translate")));
    }
}
