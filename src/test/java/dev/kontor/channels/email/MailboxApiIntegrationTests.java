package dev.kontor.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontor.ApiClient;
import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.clients.StoreView;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Mailboxes through the REST API, as an integration script would set them up. */
@KontorIntegrationTest
class MailboxApiIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Test
    void aMailboxWithoutOptionalSettingsIsCreatedWithPlusAddressingOff() {
        StoreView store = fixtures.store(fixtures.client());
        ApiClient admin = new ApiClient(port, fixtures.token(fixtures.admin()));
        String box = TestFixtures.unique("box") + "@shop.example";

        var created = admin.post("/api/v1/mailboxes", """
                {"storeId": %d,
                 "imap": {"host": "127.0.0.1", "port": 1143, "security": "none", "user": "%s", "password": "s"},
                 "folder": "INBOX",
                 "smtp": {"host": "127.0.0.1", "port": 1025, "security": "none", "user": "%s", "password": "s"},
                 "fromAddress": "%s", "fromName": "Support", "pollSeconds": 3600}
                """.formatted(store.id(), box, box, box));

        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        assertThat(created.json().path("plusAddressing").asBoolean(true)).isFalse();
    }
}
