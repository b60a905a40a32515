package dev.kontor.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontor.ApiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Runs the packaged jar with its embedded PostgreSQL: everything accepted survives a restart, and a {@code kill -9}
 * right after the 201s loses nothing.
 */
class CrashRecoveryProcessTests {

    KontorProcess kontor;

    @AfterEach
    void stop() throws Exception {
        if (kontor != null) {
            kontor.stop();
        }
    }

    static Path dataDir() throws Exception {
        return Files.createTempDirectory(Path.of("target"), "process-test-")
                .toAbsolutePath()
                .resolve("data");
    }

    static long setUpStore(ApiClient admin, String store) {
        var client = admin.post("/api/v1/clients", "{\"key\":\"" + store + "-co\",\"name\":\"Crash Test Co\"}");
        assertThat(client.status()).as(client.raw().body()).isEqualTo(201);
        var created = admin.post(
                "/api/v1/stores",
                "{\"clientId\":" + client.json().get("id").asLong() + ",\"key\":\"" + store
                        + "\",\"name\":\"Crash Test Store\"}");
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return client.json().get("id").asLong();
    }

    static Set<Long> accept(ApiClient api, String store, int count) {
        Set<Long> messageIds = new HashSet<>();
        for (int i = 0; i < count; i++) {
            var r = api.post(
                    "/api/v1/inbound-messages",
                    "{\"store\":\"" + store + "\",\"from\":{\"email\":\"buyer" + i + "@example.org\"},"
                            + "\"subject\":\"Message " + i + "\",\"body\":\"Body " + i + "\",\"externalId\":\"m-" + i
                            + "\"}");
            assertThat(r.status()).isEqualTo(201);
            messageIds.add(r.json().get("messageId").asLong());
        }
        return messageIds;
    }

    static Set<Long> storedMessageIds(ApiClient api, String store) {
        Set<Long> ids = new HashSet<>();
        String cursor = null;
        do {
            JsonNode page = api.get(
                            "/api/v1/tickets?limit=200&storeKey=" + store + (cursor == null ? "" : "&cursor=" + cursor))
                    .json();
            for (JsonNode t : page.get("items")) {
                api.get("/api/v1/tickets/" + t.get("id").asLong())
                        .json()
                        .get("messages")
                        .forEach(m -> ids.add(m.get("id").asLong()));
            }
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
        } while (cursor != null);
        return ids;
    }

    @Test
    void aRestartOnTheSameDataDirectoryFindsEverything() throws Exception {
        Path data = dataDir();
        kontor = new KontorProcess(data).start();
        ApiClient api = new ApiClient(kontor.port(), KontorProcess.TOKEN);
        setUpStore(api, "restart-store");
        Set<Long> accepted = accept(api, "restart-store", 10);

        kontor.stop();
        kontor = new KontorProcess(data).start();

        ApiClient after = new ApiClient(kontor.port(), KontorProcess.TOKEN);
        assertThat(storedMessageIds(after, "restart-store")).isEqualTo(accepted);
        assertThat(after.get("/api/v1/clients").json().toString()).contains("restart-store-co");
        assertThat(accept(after, "restart-store", 1)).isNotEmpty();
    }

    @Test
    void killMinus9RightAfterAcceptingLosesNoMessage() throws Exception {
        Path data = dataDir();
        kontor = new KontorProcess(data).start();
        ApiClient api = new ApiClient(kontor.port(), KontorProcess.TOKEN);
        setUpStore(api, "crash-store");
        Set<Long> accepted = accept(api, "crash-store", 50);

        kontor.kill9();
        kontor = new KontorProcess(data).start();

        ApiClient after = new ApiClient(kontor.port(), KontorProcess.TOKEN);
        assertThat(storedMessageIds(after, "crash-store")).isEqualTo(accepted);
        // A retry of a message whose 201 was lost in the crash is recognised, not stored twice.
        List<Long> replayed = new ArrayList<>(accept(after, "crash-store", 50));
        assertThat(new HashSet<>(replayed)).isEqualTo(accepted);
    }

    static final String[] BODIES = {
        "crash-test: Bitte stornieren Sie meine Bestellung, ich habe mich leider vertan und brauche sie nicht mehr.",
        "crash-test: Bonjour, je n'ai toujours pas reçu ma commande, pouvez-vous me dire où elle se trouve ?",
        "crash-test: Hello, the parcel arrived damaged and I would like to return it for a refund please.",
        "crash-test: Buongiorno, vorrei sapere quando verrà spedito il mio ordine, grazie mille."
    };

    /**
     * Eight senders keep sending while the app is killed three times. Each sender retries a message until it gets
     * its 201 (as an integration would), so after the last restart every accepted message must be stored once,
     * and every ticket must have come through its pass: triaged, under an SLA deadline and through its rules.
     */
    @Test
    void killingTheAppRepeatedlyWhileEightClientsSendLosesNothingAndPassesEveryMessage() throws Exception {
        Path data = dataDir();
        kontor = new KontorProcess(data).start();
        ApiClient admin = new ApiClient(kontor.port(), KontorProcess.TOKEN);
        long clientId = setUpStore(admin, "kill-store");
        var policy = admin.post("/api/v1/sla/policies", """
                {"clientId": %d, "name": "Standard", "position": 1, "enabled": true,
                 "firstResponseMinutes": 240, "nextResponseMinutes": 480, "resolutionMinutes": 2880,
                 "clock": "calendar"}""".formatted(clientId));
        assertThat(policy.status()).as(policy.raw().body()).isEqualTo(201);
        var rule = admin.post("/api/v1/rules", """
                {"clientId": %d, "name": "Mark crash tests", "kind": "event", "position": 1, "enabled": true,
                 "triggers": ["ticket_created"], "match": "all",
                 "conditions": [{"field": "text", "op": "contains", "value": "crash-test"}],
                 "actions": [{"type": "add_tags", "value": "passed"}]}""".formatted(clientId));
        assertThat(rule.status()).as(rule.raw().body()).isEqualTo(201);

        int senders = 8;
        int perSender = 25;
        Map<String, Long> accepted = new ConcurrentHashMap<>();
        AtomicBoolean failed = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            int sender = s;
            Thread thread = new Thread(() -> {
                ApiClient api = new ApiClient(kontor.port(), KontorProcess.TOKEN);
                for (int i = 0; i < perSender && !failed.get(); i++) {
                    String externalId = "kill-" + sender + "-" + i;
                    String body = """
                            {"store": "kill-store", "from": {"email": "buyer%d-%d@example.org"},
                             "subject": "Order question %d", "body": "%s", "externalId": "%s"}""".formatted(sender, i, i, BODIES[(sender + i) % BODIES.length], externalId);
                    while (!accepted.containsKey(externalId) && !failed.get()) {
                        try {
                            var r = api.post("/api/v1/inbound-messages", body);
                            if (r.status() == 201) {
                                accepted.put(
                                        externalId, r.json().get("messageId").asLong());
                            } else if (r.status() < 500) {
                                failed.set(true);
                                throw new AssertionError(externalId + " answered " + r.status() + ": "
                                        + r.raw().body());
                            }
                        } catch (java.io.UncheckedIOException down) {
                            // The app is down (killed or restarting): the sender tries the same message again.
                        }
                        if (!accepted.containsKey(externalId)) {
                            sleep(200);
                        }
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (int kill = 0; kill < 3; kill++) {
            int before = accepted.size();
            Awaitility.await()
                    .atMost(Duration.ofMinutes(3))
                    .until(() -> accepted.size() >= Math.min(before + 20, senders * perSender) || failed.get());
            kontor.kill9();
            kontor.start();
        }
        for (Thread t : threads) {
            t.join(TimeUnit.MINUTES.toMillis(5));
        }
        assertThat(failed)
                .as("a sender got an error that was not the app being down")
                .isFalse();
        assertThat(accepted).hasSize(senders * perSender);

        ApiClient after = new ApiClient(kontor.port(), KontorProcess.TOKEN);
        Set<Long> stored = storedMessageIds(after, "kill-store");
        assertThat(stored).as("every accepted message is stored, each once").isEqualTo(Set.copyOf(accepted.values()));
        assertThat(stored).hasSize(senders * perSender);
        Awaitility.await()
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    for (JsonNode t : tickets(after, "kill-store")) {
                        long id = t.get("id").asLong();
                        assertThat(t.get("language").isNull())
                                .as("ticket %d triaged", id)
                                .isFalse();
                        assertThat(t.get("tags").toString())
                                .as("ticket %d through its rules", id)
                                .contains("passed");
                        assertThat(after.get("/api/v1/tickets/" + id + "/sla")
                                        .json()
                                        .get("deadlines"))
                                .as("ticket %d under its SLA", id)
                                .isNotEmpty();
                    }
                });
    }

    static List<JsonNode> tickets(ApiClient api, String store) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get(
                            "/api/v1/tickets?limit=200&storeKey=" + store + (cursor == null ? "" : "&cursor=" + cursor))
                    .json();
            page.get("items").forEach(all::add);
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
        } while (cursor != null);
        return all;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
