package dev.kontor.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontor.ApiClient;
import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.clients.StoreView;
import dev.kontor.shared.ClientScope;
import dev.kontor.tickets.TicketQueries;
import java.util.Base64;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@KontorIntegrationTest
class PlatformIntegrationTests {

    @Autowired
    DSLContext db;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    TicketQueries tickets;

    @LocalServerPort
    int port;

    @Test
    void theEmbeddedDatabaseWritesDurably() {
        assertThat(db.fetchValue("show fsync")).isEqualTo("on");
        assertThat(db.fetchValue("show synchronous_commit")).isEqualTo("on");
        assertThat(db.fetchValue("select current_setting('server_version_num')::int / 10000"))
                .isEqualTo(17);
    }

    @Test
    void htmlFromOutsideIsSanitizedBeforeItIsStored() {
        StoreView store = fixtures.store(fixtures.client());

        long ticket = fixtures.ticket(
                        store,
                        "Hi",
                        null,
                        "<p>Order <b>4711</b></p><script>alert(document.cookie)</script>"
                                + "<img src=x onerror=alert(1)>")
                .ticketId();

        var message =
                tickets.details(ticket, ClientScope.everything()).messages().get(0);
        assertThat(message.bodyHtml()).contains("<b>4711</b>").doesNotContain("script", "onerror", "img");
        assertThat(message.bodyText()).isEqualTo("Order 4711");
    }

    @Test
    void attachmentsAreStoredDownloadableAndLimited() {
        var client = fixtures.client();
        StoreView store = fixtures.store(client);
        ApiClient api = new ApiClient(port, fixtures.token(fixtures.agent(client)));
        String pdf = Base64.getEncoder().encodeToString("%PDF-1.4 invoice".getBytes());

        var created = api.post(
                "/api/v1/inbound-messages",
                "{\"store\":\"" + store.key() + "\",\"from\":{\"email\":\"a@b.de\"},\"body\":\"See attached\","
                        + "\"attachments\":[{\"filename\":\"../../invoice.pdf\",\"contentType\":\"application/pdf\","
                        + "\"contentBase64\":\"" + pdf + "\"}]}");
        var badBase64 = api.post(
                "/api/v1/inbound-messages",
                "{\"store\":\"" + store.key() + "\",\"from\":{\"email\":\"a@b.de\"},\"body\":\"x\","
                        + "\"attachments\":[{\"filename\":\"a.pdf\",\"contentBase64\":\"***\"}]}");

        assertThat(created.status()).isEqualTo(201);
        var attachment = api.get(
                        "/api/v1/tickets/" + created.json().get("ticketId").asLong())
                .json()
                .get("messages")
                .get(0)
                .get("attachments")
                .get(0);
        assertThat(attachment.get("filename").asString()).isEqualTo(".._.._invoice.pdf");
        var download = api.get("/api/v1/attachments/" + attachment.get("id").asLong());
        assertThat(download.raw().body()).isEqualTo("%PDF-1.4 invoice");
        assertThat(download.header("Content-Disposition")).startsWith("attachment");
        assertThat(badBase64.status()).isEqualTo(422);
        assertThat(badBase64.json().get("errors").get(0).get("field").asString())
                .isEqualTo("attachments[0].contentBase64");
    }

    @Test
    void theApiIsDescribedAsOpenApiWithoutInternals() {
        var docs = new ApiClient(port, null).get("/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").has("/api/v1/inbound-messages")).isTrue();
        assertThat(docs.raw().body()).doesNotContain("\"name\":\"user\"");
    }
}
