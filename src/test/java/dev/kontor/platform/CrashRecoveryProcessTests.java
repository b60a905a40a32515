package dev.kontor.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontor.ApiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

    static void setUpStore(ApiClient admin, String store) {
        var client = admin.post("/api/v1/clients", "{\"key\":\"" + store + "-co\",\"name\":\"Crash Test Co\"}");
        assertThat(client.status()).as(client.raw().body()).isEqualTo(201);
        var created = admin.post(
                "/api/v1/stores",
                "{\"clientId\":" + client.json().get("id").asLong() + ",\"key\":\"" + store
                        + "\",\"name\":\"Crash Test Store\"}");
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
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
}
