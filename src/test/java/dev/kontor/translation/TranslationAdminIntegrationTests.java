package dev.kontor.translation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.kontor.ApiClient;
import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.clients.ClientView;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;

/** The translation settings API and page: admins only, credentials never returned, errors that name the field. */
@KontorIntegrationTest
@AutoConfigureMockMvc
@TestPropertySource(properties = "kontor.translation.retry.backoff=200ms")
class TranslationAdminIntegrationTests {

    static final String KEY = "dl-secret-key-0000:fx";

    @RegisterExtension
    static WireMockExtension house = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @Autowired
    TestFixtures fixtures;

    @Autowired
    TranslationManagement management;

    @Autowired
    MockMvc mvc;

    @LocalServerPort
    int port;

    @AfterEach
    void removeAccounts() {
        management.accounts().stream().filter(a -> !a.fromEnvironment()).forEach(a -> management.deleteAccount(a.id()));
    }

    private static List<String> fields(ApiClient.Response r) {
        List<String> fields = new ArrayList<>();
        r.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        return fields;
    }

    @Test
    void adminsConfigureAccountsAndClientsAndNeverSeeCredentialsAgain() {
        ClientView acme = fixtures.client();
        ClientView globex = fixtures.client();
        ApiClient admin = new ApiClient(port, fixtures.token(fixtures.admin()));
        String deepl = TestFixtures.unique("dl").toLowerCase();
        String libre = TestFixtures.unique("lt").toLowerCase();

        var created = admin.post(
                "/api/v1/translation/providers",
                "{\"name\":\"" + deepl + "\",\"kind\":\"deepl\",\"url\":\"http://localhost:1\",\"key\":\"" + KEY
                        + "\"}");
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        assertThat(created.json().get("keyHint").asString()).isEqualTo("…0:fx");
        var libreAccount = admin.post(
                "/api/v1/translation/providers",
                "{\"name\":\"" + libre + "\",\"kind\":\"libretranslate\",\"url\":\"" + house.baseUrl() + "\"}");
        assertThat(libreAccount.status()).isEqualTo(201);
        var list = admin.get("/api/v1/translation/providers");
        assertThat(list.raw().body()).contains(deepl, libre).doesNotContain(KEY);
        var changed = admin.put(
                "/api/v1/translation/providers/" + created.json().get("id").asLong(),
                "{\"kind\":\"deepl\",\"url\":\"http://localhost:2\"}");
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("keyHint").asString())
                .as("a key left out is kept")
                .isEqualTo("…0:fx");
        assertThat(changed.raw().body()).doesNotContain(KEY);

        var refused = admin.post(
                "/api/v1/translation/providers", "{\"name\":\"Has Space\",\"kind\":\"google\",\"url\":\"nope\"}");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(fields(refused)).contains("name", "url", "project", "key");

        var forAcme = admin.put(
                "/api/v1/translation/clients/" + acme.id(),
                "{\"chain\":[{\"account\":\"" + libre + "\",\"source\":\"es\",\"target\":\"en\"}],"
                        + "\"formality\":{\"de\":\"formal\"},\"glossary\":[{\"source\":\"Kontor\"}],"
                        + "\"allowCloud\":false,\"monthlyCap\":1000}");
        assertThat(forAcme.status()).as(forAcme.raw().body()).isEqualTo(200);
        var forGlobex = admin.put(
                "/api/v1/translation/clients/" + globex.id(),
                "{\"chain\":[{\"account\":\"" + deepl + "\"}],\"allowCloud\":true}");
        assertThat(forGlobex.status()).isEqualTo(200);
        JsonNode acmeSettings =
                admin.get("/api/v1/translation/clients/" + acme.id()).json();
        assertThat(acmeSettings.get("allowCloud").asBoolean()).isFalse();
        assertThat(acmeSettings.get("monthlyCap").asLong()).isEqualTo(1000);
        assertThat(acmeSettings.get("formality").get("de").asString()).isEqualTo("formal");
        assertThat(acmeSettings.get("chain").get(0).get("source").asString()).isEqualTo("es");
        assertThat(admin.get("/api/v1/translation/clients/" + globex.id())
                        .json()
                        .get("chain")
                        .get(0)
                        .get("account")
                        .asString())
                .isEqualTo(deepl);

        var badClient = admin.put(
                "/api/v1/translation/clients/" + acme.id(),
                "{\"chain\":[{\"account\":\"" + libre + "\",\"source\":\"xx\"}],\"monthlyCap\":-5}");
        assertThat(badClient.status()).isEqualTo(422);
        assertThat(fields(badClient)).contains("chain");
        assertThat(fields(admin.put("/api/v1/translation/clients/" + acme.id(), "{\"monthlyCap\":0}")))
                .contains("monthlyCap");
        assertThat(admin.get("/api/v1/translation/clients/999999999").status()).isEqualTo(404);
        assertThat(fields(admin.get("/api/v1/translation/usage?month=december")))
                .contains("month");
    }

    @Test
    void aTestTranslationNamesTheProviderOrTheError() {
        ClientView acme = fixtures.client();
        ApiClient admin = new ApiClient(port, fixtures.token(fixtures.admin()));
        String libre = TestFixtures.unique("lt").toLowerCase();
        management.saveAccount(
                null,
                new ProviderAccount.Change(
                        libre, "libretranslate", house.baseUrl(), null, null, null, null, true, null, null));
        management.saveClient(new ClientTranslation(
                acme.id(), ChainEntry.parse(libre, "chain"), java.util.Map.of(), List.of(), true, 6L));
        house.stubFor(post(urlEqualTo("/translate"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"translatedText\":[\"Hello\"],\"detectedLanguage\":[{\"language\":\"es\"}]}")));

        var ok = admin.post(
                "/api/v1/translation/test", "{\"clientId\":" + acme.id() + ",\"text\":\"Hola\",\"target\":\"en\"}");
        assertThat(ok.status()).as(ok.raw().body()).isEqualTo(200);
        assertThat(ok.json().get("text").asString()).isEqualTo("Hello");
        assertThat(ok.json().get("provider").asString()).isEqualTo("libretranslate");
        assertThat(ok.json().get("detectedLanguage").asString()).isEqualTo("es");

        var capped = admin.post(
                "/api/v1/translation/test", "{\"clientId\":" + acme.id() + ",\"text\":\"Hola\",\"target\":\"en\"}");
        assertThat(capped.status()).isEqualTo(429);
        assertThat(capped.json().get("error").asString()).isEqualTo("TranslationCapReached");

        var bad = admin.post("/api/v1/translation/test", "{\"text\":\"Hola\",\"target\":\"klingon\"}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(fields(bad)).containsExactly("target");
        var usage = admin.get("/api/v1/translation/usage");
        assertThat(usage.raw().body()).contains(libre);
    }

    @Test
    void nonAdminsAreRefused() throws Exception {
        ClientView acme = fixtures.client();
        var agent = fixtures.agent(acme);
        ApiClient api = new ApiClient(port, fixtures.token(agent));

        assertThat(api.get("/api/v1/translation/providers").status()).isEqualTo(403);
        assertThat(api.get("/api/v1/translation/clients/" + acme.id()).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/translation/test", "{\"text\":\"Hola\",\"target\":\"en\"}")
                        .status())
                .isEqualTo(403);
        assertThat(api.put("/api/v1/translation/chain", "{\"chain\":[]}").status())
                .isEqualTo(403);
        mvc.perform(get("/admin/translation")
                        .with(user(Long.toString(agent.id())).roles("AGENT")))
                .andExpect(status().isForbidden());
    }

    @Test
    void thePageShowsEachClientsSettingsAndTheTestResultAsAFragment() throws Exception {
        ClientView acme = fixtures.client();
        ClientView globex = fixtures.client();
        RequestPostProcessor admin = user(Long.toString(fixtures.admin().id())).roles("ADMIN");
        String libre = TestFixtures.unique("lt").toLowerCase();
        mvc.perform(MockMvcRequestBuilders.post("/admin/translation/providers")
                        .param("name", libre)
                        .param("kind", "libretranslate")
                        .param("url", house.baseUrl())
                        .param("selfHosted", "true")
                        .param("key", "lt-page-key-1234")
                        .with(admin)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(MockMvcRequestBuilders.post("/admin/translation/clients/" + acme.id())
                        .param("chain", libre + " es>en")
                        .param("glossary", "Kontor\nlabel = etiqueta")
                        .param("formality", "de: informal")
                        .param("monthlyCap", "5000")
                        .with(admin)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());

        String acmePage = mvc.perform(get("/admin/translation")
                        .param("client", Long.toString(acme.id()))
                        .with(admin))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(acmePage).contains(libre + " es&gt;en", "label = etiqueta", "de: informal", "5000", "…1234");
        assertThat(acmePage).doesNotContain("lt-page-key-1234");
        String globexPage = mvc.perform(get("/admin/translation")
                        .param("client", Long.toString(globex.id()))
                        .with(admin))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(globexPage).contains("id=\"client-settings\"").doesNotContain("label = etiqueta");

        String refused = mvc.perform(MockMvcRequestBuilders.post("/admin/translation/clients/" + globex.id())
                        .param("chain", "nobody-here")
                        .param("monthlyCap", "lots")
                        .with(admin)
                        .with(csrf()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(refused).contains("monthlyCap", "nobody-here");

        house.stubFor(post(urlEqualTo("/translate"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"translatedText\":[\"Hello\"]}")));
        String fragment = mvc.perform(MockMvcRequestBuilders.post("/admin/translation/test")
                        .param("clientId", Long.toString(acme.id()))
                        .param("text", "Hola")
                        .param("source", "es")
                        .param("target", "en")
                        .header("HX-Request", "true")
                        .with(admin)
                        .with(csrf()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(fragment).contains("Hello", "libretranslate").doesNotContain("<html");
        String notCovered = mvc.perform(MockMvcRequestBuilders.post("/admin/translation/test")
                        .param("clientId", Long.toString(acme.id()))
                        .param("text", "Hola")
                        .param("target", "de")
                        .header("HX-Request", "true")
                        .with(admin)
                        .with(csrf()))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(notCovered).contains("TranslationNotConfigured");
    }
}
