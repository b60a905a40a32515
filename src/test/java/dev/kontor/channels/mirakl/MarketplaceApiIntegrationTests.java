package dev.kontor.channels.mirakl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontor.ApiClient;
import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.clients.ClientView;
import dev.kontor.clients.StoreView;
import dev.kontor.simulator.MiraklSimulator;
import dev.kontor.simulator.SimMarketplace;
import dev.kontor.simulator.SimOrder;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Marketplace accounts and orders through the REST API, as an integration would use them. */
@KontorIntegrationTest
class MarketplaceApiIntegrationTests {

    static MiraklSimulator simulator;

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @BeforeAll
    static void start() {
        simulator = MiraklSimulator.start(0, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    static List<String> fields(ApiClient.Response r) {
        List<String> fields = new ArrayList<>();
        r.json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
        return fields;
    }

    @Test
    void anInvalidAccountIsRefusedNamingEachField() {
        ApiClient admin = new ApiClient(port, fixtures.token(fixtures.admin()));
        var r = admin.post("/api/v1/marketplace-accounts", """
                {"storeId": null, "name": "", "operatorName": "X", "baseUrl": "ftp://nope", "apiKey": "",
                 "pollSeconds": 5}""");
        assertThat(r.status()).as(r.raw().body()).isEqualTo(400);
        assertThat(fields(r)).contains("storeId", "name", "baseUrl", "apiKey", "pollSeconds");
    }

    @Test
    void anAdminConnectsAMarketplaceAndAnAgentCancelsAnOrderThroughTheApi() {
        SimMarketplace market =
                simulator.marketplace(TestFixtures.unique("api")).addShop(7001, "Shop", "api-key");
        market.addOrder(
                SimOrder.builder(7001, "91001-A").state("SHIPPING").lines(1).build());
        market.customerOpensThread(7001, "91001-A", "cust-91001-A", "Eva", "Storno", "Bitte stornieren", List.of());
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        ApiClient admin = new ApiClient(port, fixtures.token(fixtures.admin()));

        var created = admin.post("/api/v1/marketplace-accounts", """
                {"storeId": %d, "name": "API Markt", "operatorName": "API Markt AG", "baseUrl": "%s",
                 "apiKey": "api-key", "shopId": 7001, "copyOperator": false, "pollSeconds": 3600}""".formatted(store.id(), market.baseUrl()));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.raw().body()).doesNotContain("api-key");
        long id = created.json().path("id").asLong();
        assertThat(admin.post("/api/v1/marketplace-accounts/" + id + "/check", "{}")
                        .json()
                        .path("error")
                        .isNull())
                .isTrue();
        assertThat(admin.post("/api/v1/marketplace-accounts/" + id + "/poll", "{}")
                        .json()
                        .path("conversations")
                        .asInt())
                .isEqualTo(1);

        ApiClient agent = new ApiClient(port, fixtures.token(fixtures.agent(client)));
        JsonNode ticket = agent.get("/api/v1/tickets?storeKey=" + store.key())
                .json()
                .path("items")
                .path(0);
        long ticketId = ticket.path("id").asLong();
        var orders = agent.get("/api/v1/tickets/" + ticketId + "/orders");
        assertThat(orders.status()).isEqualTo(200);
        assertThat(orders.json().path(0).path("order").path("state").asString()).isEqualTo("SHIPPING");

        var cancelled = agent.post("/api/v1/tickets/" + ticketId + "/orders/91001-A/cancel", "{}");
        assertThat(cancelled.json().path("outcome").asString()).isEqualTo("done");
        assertThat(market.order("91001-A").state()).isEqualTo("CANCELED");
        var again = agent.post("/api/v1/tickets/" + ticketId + "/orders/91001-A/cancel", "{}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("detail").asString()).contains("CANCELED");

        ApiClient stranger = new ApiClient(port, fixtures.token(fixtures.agent(fixtures.client())));
        assertThat(stranger.get("/api/v1/tickets/" + ticketId + "/orders").status())
                .isEqualTo(404);
        assertThat(agent.get("/api/v1/marketplace-accounts").status()).isEqualTo(403);
    }
}
