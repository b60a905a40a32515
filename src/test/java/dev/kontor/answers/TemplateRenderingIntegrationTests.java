package dev.kontor.answers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.answers.AnswerCommands.SaveTemplate;
import dev.kontor.clients.ClientView;
import dev.kontor.clients.StoreView;
import dev.kontor.orders.OrderData;
import dev.kontor.shared.ClientScope;
import dev.kontor.shared.InvalidInput;
import dev.kontor.shared.NotFound;
import dev.kontor.tickets.TicketView;
import dev.kontor.translation.ChainEntry;
import dev.kontor.translation.ClientTranslation;
import dev.kontor.translation.ProviderAccount;
import dev.kontor.translation.TranslationManagement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Templates filled for tickets on a real PostgreSQL: every placeholder from the ticket, customer, store and order,
 * values that are missing, the customer's language (dates and amounts in its form), a variant made through the
 * translation service (against a LibreTranslate stub) and kept as machine-translated, and client separation.
 */
@KontorIntegrationTest
class TemplateRenderingIntegrationTests {

    static final WireMockServer LIBRE = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        LIBRE.start();
    }

    @AfterAll
    static void stop() {
        LIBRE.stop();
    }

    static final ClientScope ALL = ClientScope.everything();

    @Autowired
    TemplateManagement templates;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    AnswerFixtures answers;

    @Autowired
    TranslationManagement translation;

    /** Provider accounts are install-wide: one left behind would translate for every later test class. */
    @AfterEach
    void removeProviderAccounts() {
        translation.accounts().stream()
                .filter(a -> !a.fromEnvironment())
                .forEach(a -> translation.deleteAccount(a.id()));
    }

    static final String EVERYTHING = String.join(
            "\n",
            "#{{ticket.number}} {{ticket.subject}}",
            "Hello {{customer.first_name}} ({{customer.name}}),",
            "order {{order.number}} of {{order.date}} is {{order.state}}:",
            "{{order.items}}",
            "{{order.item_count}} items, {{order.total}}.",
            "{{order.carrier}} {{order.tracking_number}} {{order.tracking_link}}",
            "Ship by {{ order.ship_by }}. Returns: {{order.return_days}} days, until {{order.return_until}}.",
            "{{agent.first_name}} / {{agent.name}}, {{store.name}}",
            "{{store.signature}}");

    private TemplateView template(ClientView client, Map<String, String> variants) {
        return templates.create(
                ALL,
                new SaveTemplate(client.id(), null, "where_is_my_order", TestFixtures.unique("WISMO"), null, variants));
    }

    @Test
    void fillsEveryPlaceholderFromTicketCustomerStoreAndOrder() {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        templates.setSignatures(store.id(), ALL, Map.of("*", "Your Mug Shop team"));
        templates.setReturnDays(client.id(), ALL, 30);
        OrderData order = answers.shippedOrder(store);
        TicketView ticket = answers.ticket(store, "en", order.orderId());
        TemplateView t = template(client, Map.of("en", EVERYTHING));

        RenderedAnswer r = templates.render(t.id(), ticket.id(), ALL, "Maria Rossi");

        assertThat(Placeholders.used(EVERYTHING)).containsExactlyInAnyOrderElementsOf(Placeholders.NAMES);
        assertThat(r.missing()).isEmpty();
        assertThat(r.language()).isEqualTo("en");
        assertThat(r.machineTranslated()).isFalse();
        assertThat(r.text())
                .isEqualTo(String.join(
                        "\n",
                        "#" + ticket.number() + " Where is my order?",
                        "Hello Buyer (Buyer),",
                        "order C-" + order.orderId() + " of 20 November 2026 is shipped:",
                        "2 × Blue mug",
                        "1 × Teapot",
                        "3 items, €1,234.50.",
                        "DHL JJD0099887766 https://www.dhl.de/track?piececode=JJD0099887766",
                        "Ship by 23 November 2026. Returns: 30 days, until 20 December 2026.",
                        "Maria / Maria Rossi, " + store.name(),
                        "Your Mug Shop team"));
    }

    @Test
    void reportsPlaceholdersWithoutValueAndLeavesThemForTheAgent() {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        TicketView ticket = answers.ticket(store, "en", null);
        TemplateView t = template(
                client,
                Map.of("en", "Hi {{customer.first_name}}, your parcel: {{order.tracking_link}} {{store.signature}}"));

        RenderedAnswer r = templates.render(t.id(), ticket.id(), ALL, "Maria");

        assertThat(r.complete()).isFalse();
        assertThat(r.missing()).containsExactly("order.tracking_link", "store.signature");
        assertThat(r.text()).isEqualTo("Hi Buyer, your parcel: {{order.tracking_link}} {{store.signature}}");
    }

    @Test
    void writesTheCustomersLanguageWithItsDatesAndAmounts() {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        templates.setSignatures(store.id(), ALL, Map.of("*", "Team", "de", "Ihr Team", "fr", "Votre équipe"));
        OrderData order = answers.shippedOrder(store);
        Map<String, String> variants = new LinkedHashMap<>();
        variants.put(
                "en",
                "Order {{order.number}} is {{order.state}}, {{order.total}}, {{order.date}}. {{store.signature}}");
        variants.put(
                "de",
                "Bestellung {{order.number}} ist {{order.state}}, {{order.total}}, {{order.date}}. {{store.signature}}");
        variants.put(
                "fr",
                "Commande {{order.number}} {{order.state}}, {{order.total}}, {{order.date}}. {{store.signature}}");
        TemplateView t = template(client, variants);

        RenderedAnswer de = templates.render(
                t.id(), answers.ticket(store, "de", order.orderId()).id(), ALL, "Max");
        RenderedAnswer fr = templates.render(
                t.id(), answers.ticket(store, "fr", order.orderId()).id(), ALL, "Max");

        assertThat(de.language()).isEqualTo("de");
        assertThat(de.text())
                .isEqualTo("Bestellung C-" + order.orderId()
                        + " ist versandt, 1.234,50\u00a0€, 20. November 2026. Ihr Team");
        assertThat(fr.language()).isEqualTo("fr");
        assertThat(fr.text())
                .startsWith("Commande C-" + order.orderId() + " expédiée, 1\u202f234,50\u00a0€, 20 novembre 2026.")
                .endsWith("Votre équipe");
    }

    @Test
    void makesAMissingLanguageThroughTheTranslationServiceAndKeepsItMarked() {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        String account = TestFixtures.unique("libre").toLowerCase();
        translation.saveAccount(
                null,
                new ProviderAccount.Change(
                        account, "libretranslate", LIBRE.baseUrl(), null, null, null, null, true, null, null));
        translation.saveClient(new ClientTranslation(
                client.id(), ChainEntry.parse(account, "chain"), Map.of(), List.of(), false, null));
        LIBRE.stubFor(post(urlEqualTo("/translate"))
                .withRequestBody(containing("parcel"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"translatedText\":[\"Ciao ⟦1⟧, il tuo pacco ⟦2⟧ è in viaggio.\"]}")));
        OrderData order = answers.shippedOrder(store);
        TemplateView t = template(
                client,
                Map.of("en", "Hello {{customer.first_name}}, your parcel {{order.tracking_number}} is on its way."));
        TicketView italian = answers.ticket(store, "it", order.orderId());

        RenderedAnswer first = templates.render(t.id(), italian.id(), ALL, "Max");
        RenderedAnswer again = templates.render(t.id(), italian.id(), ALL, "Max");

        assertThat(first.language()).isEqualTo("it");
        assertThat(first.machineTranslated()).isTrue();
        assertThat(first.text()).isEqualTo("Ciao Buyer, il tuo pacco JJD0099887766 è in viaggio.");
        assertThat(again.text()).isEqualTo(first.text());
        assertThat(LIBRE.countRequestsMatching(postRequestedFor(urlEqualTo("/translate"))
                                .withRequestBody(containing("parcel"))
                                .build())
                        .getCount())
                .isEqualTo(1);
        TemplateView stored = templates.template(t.id(), ALL);
        assertThat(stored.variant("it").orElseThrow().machineTranslated()).isTrue();
        assertThat(stored.variant("it").orElseThrow().translatedFrom()).isEqualTo("en");

        Map<String, String> checked = new LinkedHashMap<>();
        stored.variants().forEach(v -> checked.put(v.language(), v.body()));
        templates.update(t.id(), ALL, new SaveTemplate(null, null, "where_is_my_order", t.name(), null, checked));

        assertThat(templates.template(t.id(), ALL).variant("it").orElseThrow().machineTranslated())
                .isFalse();
        assertThat(templates.render(t.id(), italian.id(), ALL, "Max").machineTranslated())
                .isFalse();
    }

    @Test
    void fallsBackToTheSourceVariantAndSaysWhyWhenNoTranslationIsPossible() {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        String account = TestFixtures.unique("libre").toLowerCase();
        translation.saveAccount(
                null,
                new ProviderAccount.Change(
                        account, "libretranslate", LIBRE.baseUrl(), null, null, null, null, true, null, null));
        // The client's only provider translates into German: nobody can make Polish.
        translation.saveClient(new ClientTranslation(
                client.id(), ChainEntry.parse(account + " >de", "chain"), Map.of(), List.of(), false, null));
        TemplateView t = template(client, Map.of("en", "Hello {{customer.first_name}}"));

        RenderedAnswer r =
                templates.render(t.id(), answers.ticket(store, "pl", null).id(), ALL, "Max");

        assertThat(r.language()).isEqualTo("en");
        assertThat(r.text()).isEqualTo("Hello Buyer");
        assertThat(r.translationProblem()).isNotBlank();
        assertThat(templates.template(t.id(), ALL).languages()).containsExactly("en");
    }

    @Test
    void refusesUnknownPlaceholdersAndLanguagesNamingTheVariant() {
        ClientView client = fixtures.client();

        assertThatThrownBy(() -> template(client, Map.of("de", "Hallo {{customer.nickname}}", "xx", "?")))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.errors())
                                .extracting(f -> f.field() + ": " + f.message())
                                .contains(
                                        "variants.de: unknown placeholder {{customer.nickname}}",
                                        "variants.xx: not a known two-letter language code"));
    }

    @Test
    void anotherClientsTemplateDoesNotExistForTheAgent() {
        ClientView a = fixtures.client();
        ClientView b = fixtures.client();
        StoreView storeA = fixtures.store(a);
        TemplateView ofB = template(b, Map.of("en", "Secret of B"));
        TemplateView ofA = template(a, Map.of("en", "Answer of A"));
        ClientScope agentOfA = ClientScope.of(List.of(a.id()));
        TicketView ticketOfA = answers.ticket(storeA, "en", null);

        assertThat(templates.templates(agentOfA, null))
                .extracting(TemplateView::id)
                .contains(ofA.id())
                .doesNotContain(ofB.id());
        assertThat(templates.templates(agentOfA, b.id())).isEmpty();
        assertThatThrownBy(() -> templates.template(ofB.id(), agentOfA)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> templates.render(ofB.id(), ticketOfA.id(), ALL, "Max"))
                .isInstanceOf(NotFound.class);
        assertThat(templates.search(ticketOfA.id(), agentOfA, "secret")).isEmpty();
        assertThat(templates.search(ticketOfA.id(), agentOfA, "answer"))
                .extracting(TemplateView::id)
                .containsExactly(ofA.id());
        assertThatThrownBy(() -> templates.create(
                        agentOfA, new SaveTemplate(b.id(), null, null, "Mine now", null, Map.of("en", "x"))))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("clientId"));
    }
}
