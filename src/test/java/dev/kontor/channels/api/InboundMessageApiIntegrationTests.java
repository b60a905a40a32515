package dev.kontor.channels.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontor.ApiClient;
import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.clients.ClientView;
import dev.kontor.clients.StoreView;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@KontorIntegrationTest
class InboundMessageApiIntegrationTests {

    @Autowired
    TestFixtures fixtures;

    @LocalServerPort
    int port;

    ClientView client;
    StoreView store;
    ApiClient api;

    @BeforeEach
    void setUp() {
        client = fixtures.client();
        store = fixtures.store(client);
        api = new ApiClient(port, fixtures.token(fixtures.agent(client)));
    }

    String message(String storeKey, String externalId) {
        var body = new java.util.LinkedHashMap<String, Object>();
        body.put("store", storeKey);
        body.put("from", Map.of("email", "Kunde@Example.de", "name", "Karl Kunde"));
        body.put("subject", "Bestellung stornieren");
        body.put("body", "Bitte stornieren Sie meine Bestellung 114-7788990-1122334.");
        if (externalId != null) {
            body.put("externalId", externalId);
        }
        return ApiClient.json(body);
    }

    @Test
    void createsATicketWithTheMessageAndItsCustomer() {
        var created = api.post("/api/v1/inbound-messages", message(store.key(), null));

        assertThat(created.status()).isEqualTo(201);
        long ticketId = created.json().get("ticketId").asLong();
        var ticket = api.get("/api/v1/tickets/" + ticketId);
        assertThat(ticket.status()).isEqualTo(200);
        JsonNode t = ticket.json().get("ticket");
        assertThat(t.get("status").asString()).isEqualTo("new");
        assertThat(t.get("subject").asString()).isEqualTo("Bestellung stornieren");
        assertThat(t.get("clientId").asLong()).isEqualTo(client.id());
        assertThat(t.get("storeKey").asString()).isEqualTo(store.key());
        assertThat(t.get("priority").asString()).isEqualTo("normal");
        assertThat(t.has("number")
                        && t.has("language")
                        && t.has("category")
                        && t.has("orderRefs")
                        && t.has("tags")
                        && t.has("assigneeId")
                        && t.has("createdAt"))
                .isTrue();
        JsonNode messages = ticket.json().get("messages");
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).get("kind").asString()).isEqualTo("inbound");
        assertThat(messages.get(0).get("authorName").asString()).isEqualTo("Karl Kunde");
        assertThat(messages.get(0).get("id").asLong())
                .isEqualTo(created.json().get("messageId").asLong());
    }

    @Test
    void repeatedExternalIdReturnsTheFirstResultAndStoresNothingNew() {
        var first = api.post("/api/v1/inbound-messages", message(store.key(), "form-4711"));
        var again = api.post("/api/v1/inbound-messages", message(store.key(), "form-4711"));

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json()).isEqualTo(first.json());
        var list = api.get("/api/v1/tickets?storeKey=" + store.key() + "&status=new");
        assertThat(list.json().get("items")).hasSize(1);
        assertThat(api.get("/api/v1/tickets/" + first.json().get("ticketId").asLong())
                        .json()
                        .get("messages"))
                .hasSize(1);
    }

    @Test
    void concurrentDeliveriesOfOneExternalIdStoreOneMessage() throws Exception {
        var pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<ApiClient.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> api.post("/api/v1/inbound-messages", message(store.key(), "race-1")));
            }
            Set<String> bodies = new HashSet<>();
            for (Future<ApiClient.Response> f : pool.invokeAll(calls)) {
                assertThat(f.get().status()).isEqualTo(201);
                bodies.add(f.get().json().toString());
            }
            assertThat(bodies).hasSize(1);
        } finally {
            pool.shutdown();
        }
        assertThat(api.get("/api/v1/tickets?storeKey=" + store.key()).json().get("items"))
                .hasSize(1);
    }

    @Test
    void theSameExternalIdOnAnotherStoreIsAnotherMessage() {
        StoreView other = fixtures.store(client);

        var a = api.post("/api/v1/inbound-messages", message(store.key(), "shared-id"));
        var b = api.post("/api/v1/inbound-messages", message(other.key(), "shared-id"));

        assertThat(b.status()).isEqualTo(201);
        assertThat(b.json().get("ticketId").asLong())
                .isNotEqualTo(a.json().get("ticketId").asLong());
    }

    @Test
    void invalidInputIsRejectedWithEveryFieldNamed() {
        var response = api.post(
                "/api/v1/inbound-messages", "{\"store\":\"\",\"from\":{\"email\":\"not-an-address\"},\"body\":\"  \"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        response.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).contains("store", "from.email", "body");
    }

    @Test
    void malformedJsonIsABadRequestProblem() {
        var response = api.post("/api/v1/inbound-messages", "{\"store\": ");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("title").asString()).isEqualTo("Unreadable request body");
    }

    @Test
    void unknownStoreIsRejectedOnTheStoreField() {
        var response = api.post("/api/v1/inbound-messages", message("no-such-store", null));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("store");
    }

    @Test
    void aStoreOfAClientTheCallerDoesNotServeIsUnknown() {
        StoreView foreign = fixtures.store(fixtures.client());

        var response = api.post("/api/v1/inbound-messages", message(foreign.key(), null));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("detail").asString()).contains("unknown store");
    }

    @Test
    void aBodyOverTheLimitGets413AndStoresNothing() {
        String huge = "x".repeat(27 * 1024 * 1024);
        var response = api.post(
                "/api/v1/inbound-messages",
                "{\"store\":\"" + store.key() + "\",\"from\":{\"email\":\"a@b.de\"},\"body\":\"" + huge + "\"}");

        assertThat(response.status()).isEqualTo(413);
        assertThat(api.get("/api/v1/tickets?storeKey=" + store.key()).json().get("items"))
                .isEmpty();
    }

    @Test
    void aMessageTooLongForATicketIsRejectedOnTheBodyField() {
        var response = api.post(
                "/api/v1/inbound-messages",
                "{\"store\":\"" + store.key() + "\",\"from\":{\"email\":\"a@b.de\"},\"body\":\"" + "y".repeat(100_001)
                        + "\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("body");
    }

    @Test
    void withoutATokenTheApiAnswers401() {
        var response = new ApiClient(port, null).post("/api/v1/inbound-messages", message(store.key(), null));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("status").asInt()).isEqualTo(401);
    }
}
