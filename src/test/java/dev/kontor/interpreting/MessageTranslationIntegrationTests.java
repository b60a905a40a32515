package dev.kontor.interpreting;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.kontor.ApiClient;
import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.accounts.AccountCommands.CreateUser;
import dev.kontor.accounts.AccountManagement;
import dev.kontor.accounts.Role;
import dev.kontor.accounts.UserView;
import dev.kontor.clients.ClientView;
import dev.kontor.clients.StoreView;
import dev.kontor.interpreting.MessageTranslationView.Status;
import dev.kontor.shared.ClientScope;
import dev.kontor.shared.NotFound;
import dev.kontor.tickets.TicketManagement;
import dev.kontor.tickets.TicketQueries;
import dev.kontor.translation.ProviderRejected;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Customer messages translated for the agents who need them, against a LibreTranslate stub: made in the background
 * when a ticket reaches an agent who does not read its language, kept (a second view calls no provider), retried
 * after an outage, shown as failed when refused, and never given to an agent of another client.
 */
@KontorIntegrationTest
@AutoConfigureMockMvc
class MessageTranslationIntegrationTests {

    static final WireMockServer PROVIDER = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        PROVIDER.start();
    }

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        registry.add("kontor.translation.libretranslate.url", PROVIDER::baseUrl);
        registry.add("kontor.interpreting.first-retry", () -> "1s");
        registry.add("kontor.interpreting.work-interval", () -> "500ms");
    }

    @AfterAll
    static void stop() {
        PROVIDER.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    AccountManagement accounts;

    @Autowired
    TicketManagement tickets;

    @Autowired
    TicketQueries ticketQueries;

    @Autowired
    MessageTranslations translations;

    static void translates(String spanishWord, String english) {
        PROVIDER.stubFor(post(urlEqualTo("/translate"))
                .withRequestBody(containing(spanishWord))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"translatedText\":[\"" + english + "\"]}")));
    }

    static int calls(String spanishWord) {
        return PROVIDER.countRequestsMatching(postRequestedFor(urlEqualTo("/translate"))
                        .withRequestBody(containing(spanishWord))
                        .build())
                .getCount();
    }

    UserView englishAgent(ClientView client) {
        return accounts.createUser(new CreateUser(
                TestFixtures.unique("reader") + "@example.com",
                "English Reader",
                Role.AGENT,
                TestFixtures.PASSWORD,
                "en",
                List.of("en"),
                Set.of(client.id())));
    }

    /** A Spanish customer message on a new ticket of the store; returns ticket and message id. */
    long[] spanishTicket(StoreView store, String text) {
        var r = fixtures.ticket(store, "Pedido", text, null);
        fixtures.awaitListenersDone(r.ticketId());
        // The agent's correction wins over detection, so the test does not hang on the detector's opinion.
        tickets.correctTriage(r.ticketId(), ClientScope.everything(), "es", null);
        fixtures.awaitListenersDone(r.ticketId());
        return new long[] {r.ticketId(), r.messageId()};
    }

    MessageTranslationView awaitStatus(long messageId, Status status) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(
                        () -> translations.of(List.of(messageId)).getOrDefault(messageId, List.of()).stream()
                                .filter(v -> v.status() == status)
                                .findFirst()
                                .orElse(null),
                        v -> v != null);
    }

    @Test
    void translatesCustomerMessagesInTheBackgroundWhenAnAgentWhoDoesNotReadThemGetsTheTicket() {
        translates("paquete", "My package has not arrived yet.");
        ClientView client = fixtures.client();
        UserView agent = englishAgent(client);
        long[] t = spanishTicket(fixtures.store(client), "Hola, mi paquete no ha llegado todavía. ¿Dónde está?");

        assertThat(calls("paquete")).isZero();
        tickets.assign(t[0], ClientScope.everything(), agent.id(), null);

        var made = awaitStatus(t[1], Status.OK);
        assertThat(made.text()).isEqualTo("My package has not arrived yet.");
        assertThat(made.targetLanguage()).isEqualTo("en");
        assertThat(made.sourceLanguage()).isEqualTo("es");
        assertThat(made.provider()).isEqualTo("libretranslate");
        assertThat(calls("paquete")).isEqualTo(1);
    }

    @Test
    void aSecondViewCallsNoProvider() {
        translates("devolución", "I want a refund.");
        ClientView client = fixtures.client();
        UserView agent = englishAgent(client);
        long[] t = spanishTicket(fixtures.store(client), "Quiero una devolución, por favor.");
        var details = ticketQueries.details(t[0], ClientScope.of(Set.of(client.id())));

        translations.forReader(details, "en");
        awaitStatus(t[1], Status.OK);
        var first = translations.forReader(details, "en");
        var second = translations.forReader(details, "en");
        var requested = translations.request(t[0], t[1], ClientScope.of(Set.of(client.id())), "en");

        assertThat(first.get(t[1]).text()).isEqualTo("I want a refund.");
        assertThat(second.get(t[1]).text()).isEqualTo("I want a refund.");
        assertThat(requested.text()).isEqualTo("I want a refund.");
        assertThat(calls("devolución")).isEqualTo(1);
        assertThat(agent.languages()).containsExactly("en");
    }

    @Test
    void readerOfTheTicketsLanguageGetsNoTranslation() {
        ClientView client = fixtures.client();
        long[] t = spanishTicket(fixtures.store(client), "Necesito la factura de mi compra.");
        var details = ticketQueries.details(t[0], ClientScope.everything());

        assertThat(translations.forReader(details, "es")).isEmpty();
        assertThat(translations.of(List.of(t[1]))).isEmpty();
    }

    @Test
    void retriesAfterAnOutageWithTheErrorVisibleMeanwhile() {
        PROVIDER.stubFor(post(urlEqualTo("/translate"))
                .withRequestBody(containing("caja"))
                .willReturn(aResponse().withStatus(503).withBody("down for maintenance")));
        ClientView client = fixtures.client();
        UserView agent = englishAgent(client);
        long[] t = spanishTicket(fixtures.store(client), "La caja llegó rota.");
        tickets.assign(t[0], ClientScope.everything(), agent.id(), null);

        var waiting = Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(
                        () -> translations.of(List.of(t[1])).getOrDefault(t[1], List.of()).stream()
                                .filter(v -> v.error() != null)
                                .findFirst()
                                .orElse(null),
                        v -> v != null);
        assertThat(waiting.status()).isEqualTo(Status.PENDING);
        assertThat(waiting.error()).contains("unavailable");

        translates("caja", "The box arrived broken.");
        var made = awaitStatus(t[1], Status.OK);
        assertThat(made.text()).isEqualTo("The box arrived broken.");
        assertThat(made.error()).isNull();
        assertThat(made.attempts()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aRefusedTranslationIsFailedAndAnAgentRetriesIt() {
        PROVIDER.stubFor(post(urlEqualTo("/translate"))
                .withRequestBody(containing("garantía"))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"Invalid request\"}")));
        ClientView client = fixtures.client();
        UserView agent = englishAgent(client);
        long[] t = spanishTicket(fixtures.store(client), "¿Tiene garantía este producto?");
        tickets.assign(t[0], ClientScope.everything(), agent.id(), null);

        var failed = awaitStatus(t[1], Status.FAILED);
        assertThat(failed.error()).contains("Invalid request");
        assertThatThrownBy(() -> translations.request(t[0], t[1], ClientScope.of(Set.of(client.id())), "en"))
                .isInstanceOf(ProviderRejected.class);

        translates("garantía", "Does this product have a warranty?");
        var made = translations.request(t[0], t[1], ClientScope.of(Set.of(client.id())), "en");
        assertThat(made.status()).isEqualTo(Status.OK);
        assertThat(made.text()).isEqualTo("Does this product have a warranty?");
    }

    @Test
    void anAgentOfAnotherClientCannotRequestATranslation() {
        translates("talla", "Wrong size.");
        ClientView client = fixtures.client();
        ClientView other = fixtures.client();
        long[] t = spanishTicket(fixtures.store(client), "La talla es incorrecta.");

        assertThatThrownBy(() -> translations.request(t[0], t[1], ClientScope.of(Set.of(other.id())), "en"))
                .isInstanceOf(NotFound.class);
        assertThat(calls("talla")).isZero();
    }

    ApiClient api(UserView user) {
        return new ApiClient(port, fixtures.token(user));
    }

    @Test
    void messageViewsOfTheApiCarryTheirTranslations() {
        translates("zapatos", "The shoes are too small.");
        ClientView client = fixtures.client();
        UserView agent = englishAgent(client);
        long[] t = spanishTicket(fixtures.store(client), "Los zapatos son demasiado pequeños.");

        var made = api(agent)
                .post("/api/v1/tickets/" + t[0] + "/messages/" + t[1] + "/translations", "{\"targetLanguage\":\"en\"}");
        var ticket = api(agent).get("/api/v1/tickets/" + t[0]);

        assertThat(made.status()).isEqualTo(200);
        assertThat(made.json().get("text").asString()).isEqualTo("The shoes are too small.");
        assertThat(made.json().get("provider").asString()).isEqualTo("libretranslate");
        var en = ticket.json().get("messages").get(0).get("translations").get("en");
        assertThat(en.get("text").asString()).isEqualTo("The shoes are too small.");
        assertThat(en.get("provider").asString()).isEqualTo("libretranslate");
        assertThat(en.get("sourceLanguage").asString()).isEqualTo("es");
        assertThat(en.get("status").asString()).isEqualTo("ok");
    }

    @Test
    void anAgentOfAnotherClientGetsNotFoundForItsMessagesTranslations() {
        translates("bolso", "The bag is damaged.");
        ClientView client = fixtures.client();
        ClientView other = fixtures.client();
        UserView outsider = englishAgent(other);
        long[] t = spanishTicket(fixtures.store(client), "El bolso está dañado.");

        var refused = api(outsider)
                .post("/api/v1/tickets/" + t[0] + "/messages/" + t[1] + "/translations", "{\"targetLanguage\":\"en\"}");
        var reply = api(outsider)
                .post("/api/v1/tickets/" + t[0] + "/replies", "{\"body\":\"Hello\",\"translateTo\":\"es\"}");

        assertThat(refused.status()).isEqualTo(404);
        assertThat(reply.status()).isEqualTo(404);
        assertThat(calls("bolso")).isZero();
    }

    @Test
    void aBadTargetLanguageIsRefusedOnItsField() {
        ClientView client = fixtures.client();
        UserView agent = englishAgent(client);
        long[] t = spanishTicket(fixtures.store(client), "Quiero cambiar la dirección.");

        var request = api(agent)
                .post("/api/v1/tickets/" + t[0] + "/messages/" + t[1] + "/translations", "{\"targetLanguage\":\"xx\"}");
        var reply = api(agent)
                .post("/api/v1/tickets/" + t[0] + "/replies", "{\"body\":\"Hello\",\"translateTo\":\"klingon\"}");

        assertThat(request.status()).isEqualTo(400);
        assertThat(request.json().toString()).contains("targetLanguage");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().toString()).contains("translateTo");
    }

    @Test
    void aReplyWithTranslateToSendsOnlyTheTranslationAndKeepsTheOriginal() {
        PROVIDER.stubFor(post(urlEqualTo("/translate"))
                .withRequestBody(containing("refund is on its way"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"translatedText\":[\"Su reembolso está en camino.\"]}")));
        ClientView client = fixtures.client();
        UserView agent = englishAgent(client);
        long[] t = spanishTicket(fixtures.store(client), "¿Dónde está mi reembolso?");

        var sent = api(agent)
                .post(
                        "/api/v1/tickets/" + t[0] + "/replies",
                        "{\"body\":\"Your refund is on its way.\",\"translateTo\":\"es\"}");

        assertThat(sent.status()).isEqualTo(201);
        assertThat(sent.json().get("bodyText").asString()).isEqualTo("Su reembolso está en camino.");
        assertThat(sent.json().get("translated").asBoolean()).isTrue();
        assertThat(sent.json().get("language").asString()).isEqualTo("es");
        assertThat(sent.json().get("originalText").asString()).isEqualTo("Your refund is on its way.");
        assertThat(sent.json().get("originalLanguage").asString()).isEqualTo("en");
        PROVIDER.verify(postRequestedFor(urlEqualTo("/translate"))
                .withRequestBody(containing("\"source\":\"en\""))
                .withRequestBody(containing("\"target\":\"es\"")));
    }

    @Test
    void aProviderFailureOnAReplyIsAProblemAndSendsNothing() {
        PROVIDER.stubFor(post(urlEqualTo("/translate"))
                .withRequestBody(containing("tracking number"))
                .willReturn(aResponse().withStatus(503)));
        ClientView client = fixtures.client();
        UserView agent = englishAgent(client);
        long[] t = spanishTicket(fixtures.store(client), "¿Me dan el número de seguimiento?");

        var refused = api(agent)
                .post(
                        "/api/v1/tickets/" + t[0] + "/replies",
                        "{\"body\":\"Here is your tracking number.\",\"translateTo\":\"es\"}");

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.json().get("provider").asString()).isEqualTo("libretranslate");
        assertThat(refused.json().get("retryable").asBoolean()).isTrue();
        assertThat(ticketQueries.details(t[0], ClientScope.everything()).messages())
                .hasSize(1);
    }

    static RequestPostProcessor as(UserView user) {
        return user(Long.toString(user.id())).roles("AGENT");
    }

    String page(long ticketId, UserView viewer) throws Exception {
        return mvc.perform(get("/tickets/" + ticketId).with(as(viewer)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    @Test
    void theTicketPageShowsTheTranslationWithTheOriginalOneClickAway() throws Exception {
        translates("lámpara", "The lamp does not work.");
        ClientView client = fixtures.client();
        UserView agent = englishAgent(client);
        long[] t = spanishTicket(fixtures.store(client), "La lámpara no funciona.");

        page(t[0], agent); // the first view queues the translation; the page never waits on the provider
        awaitStatus(t[1], Status.OK);
        String html = page(t[0], agent);

        assertThat(html)
                .contains("The lamp does not work.", "Show original", "La lámpara no funciona.")
                .contains("Translated from es into en by libretranslate")
                .contains("Translate to es", "Send without translation");
        assertThat(calls("lámpara")).isEqualTo(1);
    }

    @Test
    void aFailedTranslationShowsItsErrorAndRetryTranslatesAgain() throws Exception {
        PROVIDER.stubFor(post(urlEqualTo("/translate"))
                .withRequestBody(containing("cargador"))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"Unsupported text\"}")));
        ClientView client = fixtures.client();
        UserView agent = englishAgent(client);
        long[] t = spanishTicket(fixtures.store(client), "Falta el cargador.");
        page(t[0], agent);
        awaitStatus(t[1], Status.FAILED);

        assertThat(page(t[0], agent))
                .contains("Translation failed", "Unsupported text")
                .contains("/tickets/" + t[0] + "/messages/" + t[1] + "/translation");

        translates("cargador", "The charger is missing.");
        String fragment = mvc.perform(
                        MockMvcRequestBuilders.post("/tickets/" + t[0] + "/messages/" + t[1] + "/translation")
                                .header("HX-Request", "true")
                                .with(as(agent))
                                .with(csrf()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(fragment).contains("The charger is missing.").doesNotContain("<html");
    }

    @Test
    void thePreviewShowsTheCustomersLanguageAndABackTranslation() throws Exception {
        translates("will call you", "Le llamaremos mañana.");
        translates("llamaremos", "We will call you tomorrow.");
        ClientView client = fixtures.client();
        UserView agent = englishAgent(client);
        long[] t = spanishTicket(fixtures.store(client), "Necesito ayuda urgente.");

        String preview = mvc.perform(MockMvcRequestBuilders.post("/tickets/" + t[0] + "/reply/preview")
                        .param("body", "We will call you tomorrow.")
                        .param("translateTo", "es")
                        .header("HX-Request", "true")
                        .with(as(agent))
                        .with(csrf()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(preview)
                .contains("Le llamaremos mañana.", "We will call you tomorrow.", "send-translated")
                .doesNotContain("<html");
    }

    @Test
    void anEditedTranslationIsBackTranslatedAgainForTheAgentToCheck() throws Exception {
        translates("pasado mañana", "We will call you the day after tomorrow.");
        ClientView client = fixtures.client();
        UserView agent = englishAgent(client);
        long[] t = spanishTicket(fixtures.store(client), "Necesito ayuda, por favor.");

        String back = mvc.perform(MockMvcRequestBuilders.post("/tickets/" + t[0] + "/reply/back-translation")
                        .param("translation", "Le llamaremos pasado mañana.")
                        .param("translationLanguage", "es")
                        .header("HX-Request", "true")
                        .with(as(agent))
                        .with(csrf()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        String empty = mvc.perform(MockMvcRequestBuilders.post("/tickets/" + t[0] + "/reply/back-translation")
                        .param("translation", " ")
                        .param("translationLanguage", "es")
                        .header("HX-Request", "true")
                        .with(as(agent))
                        .with(csrf()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(back).contains("the day after tomorrow").doesNotContain("<html");
        assertThat(empty).contains("translation").contains("error");
        assertThat(calls("pasado mañana")).isEqualTo(1);
    }

    @Test
    void theComposerSendsNothingUntranslatedUnlessTheAgentChoosesSo() throws Exception {
        ClientView client = fixtures.client();
        UserView agent = englishAgent(client);
        long[] t = spanishTicket(fixtures.store(client), "¿Cuándo llega?");

        String refused = mvc.perform(MockMvcRequestBuilders.post("/tickets/" + t[0] + "/reply")
                        .param("body", "Tomorrow.")
                        .param("translateTo", "es")
                        .header("HX-Request", "true")
                        .with(as(agent))
                        .with(csrf()))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(refused).contains("translation", "notice error");
        assertThat(ticketQueries.details(t[0], ClientScope.everything()).messages())
                .hasSize(1);

        mvc.perform(MockMvcRequestBuilders.post("/tickets/" + t[0] + "/reply")
                        .param("body", "Tomorrow.")
                        .param("translateTo", "es")
                        .param("send", "translated")
                        .param("translation", "Mañana.")
                        .param("translationLanguage", "es")
                        .with(as(agent))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(MockMvcRequestBuilders.post("/tickets/" + t[0] + "/reply")
                        .param("body", "Gracias!")
                        .param("translateTo", "es")
                        .param("send", "as-written")
                        .with(as(agent))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());

        var messages = ticketQueries.details(t[0], ClientScope.everything()).messages();
        assertThat(messages).hasSize(3);
        assertThat(messages.get(1).bodyText()).isEqualTo("Mañana.");
        assertThat(messages.get(1).originalText()).isEqualTo("Tomorrow.");
        assertThat(messages.get(1).language()).isEqualTo("es");
        assertThat(messages.get(1).originalLanguage()).isEqualTo("en");
        assertThat(messages.get(2).bodyText()).isEqualTo("Gracias!");
        assertThat(messages.get(2).translated()).isFalse();
    }

    @Test
    void aNoteIsNeverTranslatedOutward() throws Exception {
        ClientView client = fixtures.client();
        UserView agent = englishAgent(client);
        long[] t = spanishTicket(fixtures.store(client), "Tengo una pregunta.");

        mvc.perform(MockMvcRequestBuilders.post("/tickets/" + t[0] + "/reply")
                        .param("body", "Ask the warehouse first.")
                        .param("mode", "note")
                        .param("translateTo", "es")
                        .param("send", "translated")
                        .param("translation", "Pregunte primero al almacén.")
                        .param("translationLanguage", "es")
                        .with(as(agent))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());

        var note =
                ticketQueries.details(t[0], ClientScope.everything()).messages().get(1);
        assertThat(note.kind().key()).isEqualTo("note");
        assertThat(note.bodyText()).isEqualTo("Ask the warehouse first.");
        assertThat(note.translated()).isFalse();
    }

    @Test
    void theInboxMarksTicketsReadThroughTranslation() throws Exception {
        ClientView client = fixtures.client();
        UserView agent = englishAgent(client);
        spanishTicket(fixtures.store(client), "Hola otra vez.");

        String inbox = mvc.perform(get("/inbox").with(as(agent)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(inbox).contains("lang translated", "Read through translation: es into en");
    }

    @Test
    void anAgentOfAnotherClientCannotRetryItsTranslations() throws Exception {
        ClientView client = fixtures.client();
        UserView outsider = englishAgent(fixtures.client());
        long[] t = spanishTicket(fixtures.store(client), "No me llegó la factura.");

        mvc.perform(MockMvcRequestBuilders.post("/tickets/" + t[0] + "/messages/" + t[1] + "/translation")
                        .with(as(outsider))
                        .with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(MockMvcRequestBuilders.post("/tickets/" + t[0] + "/reply/preview")
                        .param("body", "Hello")
                        .param("translateTo", "es")
                        .with(as(outsider))
                        .with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(MockMvcRequestBuilders.post("/tickets/" + t[0] + "/reply/back-translation")
                        .param("translation", "Hola")
                        .param("translationLanguage", "es")
                        .with(as(outsider))
                        .with(csrf()))
                .andExpect(status().isNotFound());
    }

    @Autowired
    dev.kontor.rules.RuleFixtures rf;

    @Autowired
    dev.kontor.routing.RoutingManagement routing;

    @Test
    void languageRoutingHandsATicketNobodySpeaksToAnAgentTranslationCoversAndTranslatesItForThem() {
        translates("tenda", "Is the tent waterproof?");
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        UserView english = rf.agent(client, "online", List.of("en"));
        var team = rf.team("team", english);
        routing.setStrategy(team.id(), "language", true);
        long[] t = spanishTicket(store, "Buongiorno, la tenda è davvero impermeabile?");
        tickets.correctTriage(t[0], ClientScope.everything(), "it", null);

        var outcome = routing.route(t[0], team.id(), null);

        assertThat(outcome).isInstanceOf(dev.kontor.routing.RoutingOutcome.Assigned.class);
        assertThat(ticketQueries
                        .find(t[0], ClientScope.everything())
                        .orElseThrow()
                        .assigneeId())
                .isEqualTo(english.id());
        assertThat(awaitStatus(t[1], Status.OK).text()).isEqualTo("Is the tent waterproof?");
    }

    @Test
    void anAgentWhoAlsoReadsTheTicketsLanguageSeesItAsWritten() throws Exception {
        ClientView client = fixtures.client();
        UserView bilingual = accounts.createUser(new CreateUser(
                TestFixtures.unique("bilingual") + "@example.com",
                "Both Languages",
                Role.AGENT,
                TestFixtures.PASSWORD,
                "de",
                List.of("de", "es"),
                Set.of(client.id())));
        long[] t = spanishTicket(fixtures.store(client), "Quiero saber el estado de la reparación.");
        tickets.assign(t[0], ClientScope.everything(), bilingual.id(), null);
        fixtures.awaitListenersDone(t[0]);

        String html = page(t[0], bilingual);

        assertThat(html).doesNotContain("translate-preview", "body text translated");
        assertThat(translations.of(List.of(t[1]))).isEmpty();
    }
}
