package dev.kontor.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kontor.ApiClient;
import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.clients.ClientManagement;
import dev.kontor.clients.ClientView;
import dev.kontor.clients.StoreView;
import dev.kontor.orders.OrderData;
import dev.kontor.orders.OrderManagement;
import dev.kontor.shared.ClientScope;
import dev.kontor.tickets.TicketCommands.Actor;
import dev.kontor.tickets.TicketManagement;
import dev.kontor.tickets.TicketQueries;
import dev.kontor.tickets.TicketView;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Triage on real messages through the channel path, agents' corrections, learning and clients' keywords. */
@KontorIntegrationTest
class TriageIntegrationTests {

    @Autowired
    TestFixtures fixtures;

    @Autowired
    TicketManagement tickets;

    @Autowired
    TicketQueries ticketQueries;

    @Autowired
    TriageManagement triage;

    @Autowired
    OrderManagement orders;

    @Autowired
    ClientManagement clients;

    @LocalServerPort
    int port;

    /**
     * A customer message through the API channel; triage runs right after it is stored (a module listener). The
     * first one waits for the language models, which load in the background from start-up (seconds; more on a busy
     * machine).
     */
    private TicketView ticket(StoreView store, String subject, String body) {
        long id = fixtures.ticket(store, subject, body, null).ticketId();
        return await().atMost(Duration.ofSeconds(90))
                .until(() -> ticketQueries.find(id, ClientScope.everything()).orElseThrow(), t -> t.category() != null);
    }

    @Test
    void aGermanCancellationRequestIsTriagedOnArrival() {
        StoreView store = fixtures.store(fixtures.client());
        TicketView t = ticket(
                store,
                "Storno",
                "Hallo, bitte stornieren Sie meine Bestellung 028-5566778-1234567, ich habe sie doppelt. Tel. 0171 2345678");
        assertThat(t.language()).isEqualTo("de");
        assertThat(t.category()).isEqualTo("cancellation");
        assertThat(t.orderRefs()).containsExactly("028-5566778-1234567");
    }

    @Test
    void aReferenceToAStoredOrderIsLinkedToIt() {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        long channel = clients.apiChannelOf(store.id()).id();
        orders.record(
                client.id(),
                channel,
                new OrderData(
                        "55501-A",
                        "55501",
                        "SHIPPING",
                        true,
                        "EUR",
                        new BigDecimal("59.90"),
                        BigDecimal.ZERO,
                        null,
                        null,
                        null,
                        Instant.parse("2026-11-26T12:00:00Z"),
                        "Eva Sommer",
                        null,
                        null,
                        null,
                        List.of(new OrderData.Line(
                                "55501-A-1",
                                "SKU",
                                "Tent",
                                1,
                                new BigDecimal("59.90"),
                                new BigDecimal("59.90"),
                                "SHIPPING"))));
        TicketView t = ticket(store, "Lieferung", "Wo bleibt meine Bestellung 55501? Sie sollte gestern ankommen.");
        assertThat(t.orderRefs()).containsExactly("55501-A");
        assertThat(t.category()).isEqualTo("where_is_my_order");
        assertThat(orders.forTicket(t.id(), ClientScope.everything()))
                .singleElement()
                .satisfies(o -> assertThat(o.order().customerName()).isEqualTo("Eva Sommer"));
    }

    /**
     * A B2B reply: the request is read without the quoted earlier mail, the signature and the footer; the stored
     * order comes first, the unknown one from the text after it, and numbers that only look like orders (customer
     * number, phone, the order in the quoted mail) are not taken.
     */
    @Test
    void aStoredOrderLeadsAndQuotedTextSignatureAndFooterAreNotRead() {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        long channel = clients.apiChannelOf(store.id()).id();
        orders.record(
                client.id(),
                channel,
                new OrderData(
                        "100388",
                        null,
                        "SHIPPED",
                        true,
                        "EUR",
                        new BigDecimal("120.00"),
                        BigDecimal.ZERO,
                        null,
                        null,
                        null,
                        Instant.parse("2026-11-20T12:00:00Z"),
                        "Berger GmbH",
                        null,
                        null,
                        null,
                        List.of()));
        String body = "Guten Tag,\n\nbitte senden Sie uns die Rechnung zu Auftrag 100411 und 100388."
                + " Unsere Kundennummer ist 483920.\n\nMit freundlichen Grüßen\nThomas Berger\nTel. 0171 2345678\n\n"
                + "Berger GmbH · Geschäftsführer: Thomas Berger · Registergericht München HRB 234567\n"
                + "This e-mail may contain confidential information.\n\n"
                + "Am 12.03.2025 um 09:14 schrieb Kundenservice <service@shop.de>:\n"
                + "> Ihre Bestellung 100999 wird morgen versendet. Stornieren ist nicht mehr möglich.";
        TicketView t = ticket(store, "Re: Rechnung", body);
        assertThat(t.category()).isEqualTo("invoice");
        assertThat(t.orderRefs()).containsExactly("100388", "100411");

        ApiClient agent = new ApiClient(port, fixtures.token(fixtures.agent(client)));
        var analyzed = agent.post(
                "/api/v1/triage/analyze",
                "{\"clientId\":" + client.id() + ",\"subject\":\"Re: Rechnung\",\"body\":"
                        + tools.jackson.databind.json.JsonMapper.builder()
                                .build()
                                .writeValueAsString(body) + "}");
        assertThat(analyzed.json().path("mainOrderRef").asString()).isEqualTo("100388");
        assertThat(analyzed.json().path("readText").asString()).doesNotContain("Berger GmbH", "100999");
        assertThat(analyzed.json().path("cutParts").findValuesAsString("part"))
                .containsExactly("signature", "footer", "quote");
    }

    @Test
    void anAgentsCorrectionIsRecordedKeptAndLearnedForTheClient() {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        TicketView t = ticket(store, "Gutschein", "Mein Geschenkgutschein wurde an der Kasse abgelehnt.");
        assertThat(t.category()).isEqualTo("other");

        triage.correct(t.id(), ClientScope.everything(), new Actor(null, "Anna"), "de", "refund");
        tickets.ingest(new dev.kontor.tickets.TicketCommands.IngestMessage(
                client.id(),
                store.id(),
                clients.apiChannelOf(store.id()).id(),
                t.customerId(),
                "Buyer",
                null,
                "Noch eine Frage zum Geschenkgutschein aus Bestellung 40011223-A",
                null,
                null,
                t.id(),
                null,
                List.of()));
        TicketView after = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> ticketQueries
                                .find(t.id(), ClientScope.everything())
                                .orElseThrow(),
                        v -> !v.orderRefs().isEmpty());
        assertThat(after.category()).isEqualTo("refund");
        assertThat(after.triageCorrected()).isTrue();
        assertThat(triage.corrections(ClientScope.everything(), 50)).anySatisfy(c -> {
            assertThat(c.ticketId()).isEqualTo(t.id());
            assertThat(c.fromCategory()).isEqualTo("other");
            assertThat(c.toCategory()).isEqualTo("refund");
            assertThat(c.userName()).isEqualTo("Anna");
        });
        // The client's next customer using those words lands in the corrected category; another client's does not.
        assertThat(ticket(store, "Gutschein", "Der Geschenkgutschein wurde abgelehnt, was nun?")
                        .category())
                .isEqualTo("refund");
        assertThat(ticket(
                                fixtures.store(fixtures.client()),
                                "Gutschein",
                                "Der Geschenkgutschein wurde abgelehnt, was nun?")
                        .category())
                .isEqualTo("other");
    }

    @Test
    void aClientsKeywordLeansItsMessagesToACategory() {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        triage.addKeyword(client.id(), "damaged_or_defective", "Garantiefall", 3.0);
        assertThat(ticket(store, "Garantiefall", "Ich möchte einen Garantiefall melden.")
                        .category())
                .isEqualTo("damaged_or_defective");
    }

    @Test
    void theApiCorrectsTriageAndNamesAWrongField() {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        TicketView t = ticket(store, "Hello", "Where is my parcel? It has not arrived yet.");
        ApiClient agent = new ApiClient(port, fixtures.token(fixtures.agent(client)));

        var wrong = agent.put("/api/v1/tickets/" + t.id() + "/triage", "{\"category\":\"lost\"}");
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.json().path("errors").path(0).path("field").asString()).isEqualTo("category");

        var ok = agent.put("/api/v1/tickets/" + t.id() + "/triage", "{\"language\":\"en\",\"category\":\"refund\"}");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(agent.get("/api/v1/tickets/" + t.id())
                        .json()
                        .path("ticket")
                        .path("category")
                        .asString())
                .isEqualTo("refund");

        var analyzed = agent.post(
                "/api/v1/triage/analyze",
                "{\"clientId\":" + client.id()
                        + ",\"subject\":\"Annulation\",\"body\":\"Merci d'annuler la commande 4400112-A.\"}");
        assertThat(analyzed.json().path("language").asString()).isEqualTo("fr");
        assertThat(analyzed.json().path("category").asString()).isEqualTo("cancellation");
        assertThat(analyzed.json().path("orderRefs").path(0).asString()).isEqualTo("4400112-A");
    }
}
