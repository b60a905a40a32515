package dev.kontor.drafts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.clients.ClientView;
import dev.kontor.clients.StoreView;
import dev.kontor.drafts.internal.DraftRepository;
import dev.kontor.drafts.internal.Guardrails;
import dev.kontor.drafts.internal.SpringAiDraftModel;
import dev.kontor.orders.OrderData;
import dev.kontor.shared.ClientScope;
import dev.kontor.tickets.TicketView;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Drafts on embedded PostgreSQL: the template draft without a model (the default), the client's model policy, a
 * model's draft through the real client against a stub of the chat-completions API, its guardrails, and a failing
 * model that leaves the agent the template and the admin the reason.
 */
@KontorIntegrationTest
class DraftsIntegrationTests {

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @Autowired
    TestFixtures fixtures;

    @Autowired
    DraftFixtures draftFixtures;

    @Autowired
    DraftManagement drafts;

    @Autowired
    DraftRepository repository;

    @Autowired
    dev.kontor.knowledge.KnowledgeBase knowledge;

    static DraftModel stubModel(DraftSettings.Location location) {
        return new SpringAiDraftModel(new DraftSettings(
                server.baseUrl() + "/v1", null, "llama3.1:8b", Duration.ofSeconds(3), 400, 0.2, location, 0));
    }

    static void modelAnswers(String content) {
        server.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1764756000,"
                                + "\"model\":\"llama3.1:8b\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
                                + "\"assistant\",\"content\":"
                                + tools.jackson.databind.json.JsonMapper.shared()
                                        .writeValueAsString(content)
                                + "},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":300,"
                                + "\"completion_tokens\":60,\"total_tokens\":360}}")));
    }

    record Setup(ClientView client, StoreView store, OrderData order, TicketView ticket) {}

    Setup frenchWismo() {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        draftFixtures.wismoTemplate(client.id());
        OrderData order = draftFixtures.shippedOrder(store);
        TicketView ticket = draftFixtures.ticket(
                store, "fr", order.orderId(), "Bonjour, où est ma commande " + order.commercialId() + " ?");
        return new Setup(client, store, order, ticket);
    }

    @Test
    void withoutAModelTheDraftIsTheCategoryTemplateFilledInTheCustomersLanguage() {
        Setup s = frenchWismo();

        Draft d = drafts.draft(s.ticket().id(), ClientScope.everything(), null, "Marie Agent");

        assertThat(d.kind()).isEqualTo(Draft.Kind.TEMPLATE);
        assertThat(d.fallback()).isEqualTo("not_configured");
        assertThat(d.language()).isEqualTo("fr");
        assertThat(d.text())
                .startsWith("Bonjour Buyer, votre commande " + s.order().commercialId())
                .contains("DHL : JJD0099887766")
                .contains("https://www.dhl.de/track?piececode=JJD0099887766")
                .contains("20 décembre 2026");
        assertThat(d.sources()).extracting(Draft.Source::kind).containsExactly("template", "order");
        assertThat(d.flags()).isEmpty();
        assertThat(repository.kindsOf(s.ticket().id())).containsExactly("template");
    }

    @Test
    void aClientThatForbidsModelsOrCloudModelsGetsTheTemplate() {
        Setup s = frenchWismo();
        modelAnswers("Bonjour, votre colis JJD0099887766 est en route.");

        drafts.saveSettings(s.client().id(), ClientScope.everything(), "never", "");
        Draft never = drafts.draft(
                s.ticket().id(), ClientScope.everything(), null, "Marie", stubModel(DraftSettings.Location.LOCAL));
        drafts.saveSettings(s.client().id(), ClientScope.everything(), "local_only", "");
        Draft cloud = drafts.draft(
                s.ticket().id(), ClientScope.everything(), null, "Marie", stubModel(DraftSettings.Location.CLOUD));

        assertThat(never.kind()).isEqualTo(Draft.Kind.TEMPLATE);
        assertThat(never.fallback()).isEqualTo("client_never");
        assertThat(cloud.kind()).isEqualTo(Draft.Kind.TEMPLATE);
        assertThat(cloud.fallback()).isEqualTo("cloud_forbidden");
        server.verify(0, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    @Test
    void aModelDraftNamesItsSourcesAndPassesTheGuardrails() {
        Setup s = frenchWismo();
        drafts.saveSettings(s.client().id(), ClientScope.everything(), "allowed", "shop.example");
        modelAnswers("Bonjour, votre commande " + s.order().commercialId() + " est partie avec DHL (suivi"
                + " JJD0099887766 : https://www.dhl.de/track?piececode=JJD0099887766). Vous pouvez la retourner"
                + " dans les 30 jours. Cordialement, Marie");

        Draft d = drafts.draft(
                s.ticket().id(), ClientScope.everything(), null, "Marie", stubModel(DraftSettings.Location.CLOUD));

        assertThat(d.kind()).isEqualTo(Draft.Kind.MODEL);
        assertThat(d.model()).isEqualTo("llama3.1:8b");
        assertThat(d.fallback()).isNull();
        assertThat(d.flags()).isEmpty();
        assertThat(d.sources())
                .extracting(Draft.Source::kind)
                .containsExactly("conversation", "order", "policy", "template");
        assertThat(repository.kindsOf(s.ticket().id())).containsExactly("model");
        // The prompt carried the order, the policy and the filled template, and the customer's words as data.
        String sent = server.getAllServeEvents().get(0).getRequest().getBodyAsString();
        assertThat(sent)
                .contains("JJD0099887766")
                .contains("within 30 days")
                .contains("<template language=\\\"fr\\\">")
                .contains("<conversation>");
    }

    @Test
    void anInventedTrackingNumberARefundAboveTheTotalAndAForeignLinkAreEachFlagged() {
        Setup s = frenchWismo();
        drafts.saveSettings(s.client().id(), ClientScope.everything(), "allowed", "shop.example");
        modelAnswers("Bonjour, votre colis JJD5555555555 arrive. Nous vous remboursons 2 000,00 € aujourd'hui."
                + " Suivez-le sur https://colis-suivi.example/JJD5555555555.");

        Draft d = drafts.draft(
                s.ticket().id(), ClientScope.everything(), null, "Marie", stubModel(DraftSettings.Location.LOCAL));

        assertThat(d.kind()).isEqualTo(Draft.Kind.MODEL);
        assertThat(d.flags())
                .extracting(Draft.Flag::code)
                .contains(Guardrails.UNKNOWN_NUMBER, Guardrails.REFUND_ABOVE_TOTAL, Guardrails.FOREIGN_LINK);
        assertThat(d.flags()).contains(new Draft.Flag(Guardrails.UNKNOWN_NUMBER, "JJD5555555555"));
    }

    @Test
    void thePolicyArticlesOfTheClientAreSourcesAndAllowWhatTheyPromise() {
        Setup s = frenchWismo();
        drafts.saveSettings(s.client().id(), ClientScope.everything(), "allowed", "");
        var article = knowledge.create(
                ClientScope.everything(),
                new dev.kontor.knowledge.KnowledgeCommands.Author(null, "Admin"),
                new dev.kontor.knowledge.KnowledgeCommands.SaveArticle(
                        s.client().id(),
                        "internal",
                        "returns",
                        null,
                        java.util.List.of(),
                        java.util.List.of(),
                        java.util.Map.of(
                                "en",
                                new dev.kontor.knowledge.KnowledgeCommands.VariantText(
                                        "Returns",
                                        "Customers may return items within 30 days; we send a free return label."))));
        modelAnswers("Bonjour, nous vous envoyons une étiquette de retour gratuite : vous avez 30 jours.");

        Draft d = drafts.draft(
                s.ticket().id(), ClientScope.everything(), null, "Marie", stubModel(DraftSettings.Location.LOCAL));

        assertThat(d.sources()).contains(new Draft.Source("policy", String.valueOf(article.id()), "Returns"));
        assertThat(d.flags()).isEmpty();
        String sent = server.getAllServeEvents().get(0).getRequest().getBodyAsString();
        assertThat(sent).contains("we send a free return label");
    }

    @Test
    void aFreeLabelThePolicyDoesNotOfferIsFlagged() {
        Setup s = frenchWismo();
        drafts.saveSettings(s.client().id(), ClientScope.everything(), "allowed", "");
        modelAnswers("Bonjour, nous vous envoyons une étiquette de retour gratuite ; vous avez 60 jours.");

        Draft d = drafts.draft(
                s.ticket().id(), ClientScope.everything(), null, "Marie", stubModel(DraftSettings.Location.LOCAL));

        assertThat(d.flags())
                .extracting(Draft.Flag::code)
                .containsExactlyInAnyOrder(Guardrails.FREE_LABEL, Guardrails.RETURN_WINDOW);
    }

    @Test
    void aFailingModelLeavesTheAgentTheTemplateAndTheAdminTheReason() {
        Setup s = frenchWismo();
        drafts.saveSettings(s.client().id(), ClientScope.everything(), "allowed", "");
        server.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "20")));
        long failuresBefore = drafts.status().health().failures();

        Draft d = drafts.draft(
                s.ticket().id(), ClientScope.everything(), null, "Marie", stubModel(DraftSettings.Location.LOCAL));

        assertThat(d.kind()).isEqualTo(Draft.Kind.TEMPLATE);
        assertThat(d.fallback()).isEqualTo("model_failed");
        assertThat(d.failure()).isEqualTo("rate_limited");
        assertThat(d.failureDetail()).contains("retry after 20 s");
        assertThat(d.text()).contains("JJD0099887766");
        ModelHealth health = drafts.status().health();
        assertThat(health.failures()).isEqualTo(failuresBefore + 1);
        assertThat(health.lastFailure()).isEqualTo("rate_limited");
        assertThat(health.lastFailureDetail()).contains("429");
    }

    @Test
    void aTicketWithoutTemplateForItsCategoryGetsAnEmptyDraftThatSaysSo() {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        TicketView ticket = draftFixtures.ticket(store, "de", null, "Wo ist meine Bestellung?");

        Draft d = drafts.draft(ticket.id(), ClientScope.everything(), null, "Max");

        assertThat(d.kind()).isEqualTo(Draft.Kind.TEMPLATE);
        assertThat(d.templateId()).isNull();
        assertThat(d.text()).isEmpty();
        assertThat(d.language()).isEqualTo("de");
    }

    @Test
    void badSettingsNameTheField() {
        ClientView client = fixtures.client();
        var e = org.assertj.core.api.Assertions.catchThrowableOfType(
                dev.kontor.shared.InvalidInput.class,
                () -> drafts.saveSettings(client.id(), ClientScope.everything(), "sometimes", "shop..example"));
        assertThat(e.errors()).extracting(dev.kontor.shared.FieldError::field).containsExactly("policy", "linkDomains");
        assertThat(drafts.saveSettings(
                                client.id(),
                                ClientScope.everything(),
                                "allowed",
                                "https://Shop.Example/x\nhelp.shop.example")
                        .linkDomains())
                .containsExactly("shop.example", "help.shop.example");
    }
}
