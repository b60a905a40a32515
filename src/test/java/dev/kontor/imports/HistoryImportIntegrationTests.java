package dev.kontor.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontor.ApiClient;
import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.accounts.UserView;
import dev.kontor.clients.ClientView;
import dev.kontor.clients.StoreView;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@KontorIntegrationTest
class HistoryImportIntegrationTests {

    @Autowired
    TestFixtures fixtures;

    @Autowired
    DSLContext db;

    @LocalServerPort
    int port;

    ClientView client;
    StoreView store;
    UserView agent;
    ApiClient admin;
    String source;

    @BeforeEach
    void setUp() {
        client = fixtures.client();
        store = fixtures.store(client);
        agent = fixtures.agent(client);
        admin = new ApiClient(port, fixtures.token(fixtures.admin()));
        source = TestFixtures.unique("zd").toLowerCase().replaceAll("[^a-z0-9-]", "");
    }

    static Map<String, Object> message(String id, String kind, String at, String text) {
        Map<String, Object> m = new HashMap<>();
        m.put("externalId", id);
        m.put("kind", kind);
        m.put("author", kind.equals("inbound") ? "Jane" : "Anna");
        m.put("createdAt", at);
        m.put("text", text);
        return m;
    }

    static Map<String, Object> ticket(String id, String email, String status, List<Map<String, Object>> messages) {
        Map<String, Object> t = new HashMap<>();
        t.put("externalId", id);
        t.put("subject", "Ticket " + id);
        t.put("status", status);
        t.put("tags", List.of("imported", "vip"));
        t.put("orderRefs", List.of("ORD-" + id));
        t.put("customer", Map.of("email", email, "name", "Jane " + id, "externalId", "cust-" + email));
        t.put("messages", messages);
        return t;
    }

    static String jsonl(List<Map<String, Object>> tickets) {
        StringBuilder out = new StringBuilder();
        tickets.forEach(t -> out.append(ApiClient.json(t)).append('\n'));
        return out.toString();
    }

    JsonNode runImport(String format, String content) {
        return runImport(format, content, false);
    }

    JsonNode runImport(String format, String content, boolean runFlow) {
        var created = admin.post(
                "/api/v1/imports",
                ApiClient.json(Map.of(
                        "clientId",
                        client.id(),
                        "storeId",
                        store.id(),
                        "source",
                        source,
                        "format",
                        format,
                        "fileName",
                        "export." + format,
                        "runFlow",
                        runFlow)));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        // Two parts cut in the middle of a line: parts are bytes, not lines.
        int cut = bytes.length / 2;
        assertThat(admin.postBytes(
                                "/api/v1/imports/" + id + "/parts",
                                "application/octet-stream",
                                java.util.Arrays.copyOfRange(bytes, 0, cut))
                        .status())
                .isEqualTo(200);
        assertThat(admin.postBytes(
                                "/api/v1/imports/" + id + "/parts",
                                "application/octet-stream",
                                java.util.Arrays.copyOfRange(bytes, cut, bytes.length))
                        .status())
                .isEqualTo(200);
        assertThat(admin.post("/api/v1/imports/" + id + "/start", "").status()).isEqualTo(202);
        return awaitDone(id);
    }

    JsonNode awaitDone(long id) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    String status = admin.get("/api/v1/imports/" + id)
                            .json()
                            .get("status")
                            .asString();
                    return !status.equals("QUEUED") && !status.equals("RUNNING");
                });
        return admin.get("/api/v1/imports/" + id).json();
    }

    long count(String sql, Object... args) {
        return db.fetchOne(sql, args).get(0, Long.class);
    }

    @Test
    void importsTicketsWithTheirOriginalTimesCustomersTagsAndAttachments() {
        Map<String, Object> first = message("m1", "inbound", "2024-05-01T08:00:00Z", "Where is my parcel?");
        first.put(
                "attachments",
                List.of(Map.of(
                        "filename", "photo.txt",
                        "contentType", "text/plain",
                        "base64", Base64.getEncoder().encodeToString("parcel".getBytes(StandardCharsets.UTF_8)))));
        var t1 = ticket(
                "1",
                "jane@example.org",
                "solved",
                List.of(
                        first,
                        message("m2", "outbound", "2024-05-01T10:30:00Z", "It is on its way."),
                        message("m3", "note", "2024-05-01T10:31:00Z", "Checked with the carrier")));
        t1.put("solvedAt", "2024-05-02T09:00:00Z");
        t1.put("priority", "high");
        t1.put("language", "de");
        t1.put("category", "where_is_my_order");
        t1.put("assignee", agent.email());
        var t2 = ticket(
                "2",
                "jane@example.org",
                "open",
                List.of(message("m4", "inbound", "2024-06-01T08:00:00Z", "Second question")));

        JsonNode done = runImport("jsonl", jsonl(List.of(t1, t2)));

        assertThat(done.get("status").asString()).isEqualTo("FINISHED");
        assertThat(done.get("ticketsCreated").asLong()).isEqualTo(2);
        assertThat(done.get("messagesCreated").asLong()).isEqualTo(4);
        assertThat(done.get("errorLines").asLong()).isZero();
        assertThat(done.get("percent").asInt()).isEqualTo(100);
        var row = db.fetchOne(
                "select t.* from tickets.ticket t join tickets.ticket_external_id x on x.ticket_id = t.id"
                        + " where x.client_id = ? and x.source = ? and x.external_id = '1'",
                client.id(),
                source);
        assertThat(row.get("created_at", Instant.class)).isEqualTo(Instant.parse("2024-05-01T08:00:00Z"));
        assertThat(row.get("first_response_at", Instant.class)).isEqualTo(Instant.parse("2024-05-01T10:30:00Z"));
        assertThat(row.get("solved_at", Instant.class)).isEqualTo(Instant.parse("2024-05-02T09:00:00Z"));
        assertThat(row.get("status_since", Instant.class)).isEqualTo(Instant.parse("2024-05-02T09:00:00Z"));
        assertThat(row.get("status", String.class)).isEqualTo("solved");
        assertThat(row.get("priority", String.class)).isEqualTo("high");
        assertThat(row.get("assignee_id", Long.class)).isEqualTo(agent.id());
        assertThat(row.get("message_count", Integer.class)).isEqualTo(3);
        assertThat(row.get("tags", String[].class)).containsExactly("imported", "vip");
        assertThat(row.get("order_refs", String[].class)).containsExactly("ORD-1");
        long ticketId = row.get("id", Long.class);
        assertThat(count(
                        "select count(*) from tickets.attachment a join tickets.message m on m.id = a.message_id"
                                + " where m.ticket_id = ?",
                        ticketId))
                .isEqualTo(1);
        // One customer, known by e-mail and by the other helpdesk's id.
        assertThat(count(
                        "select count(distinct customer_id) from tickets.ticket t join tickets.ticket_external_id x"
                                + " on x.ticket_id = t.id where x.client_id = ? and x.source = ?",
                        client.id(),
                        source))
                .isEqualTo(1);
        // History is not news: no pass, no events, no replies sent.
        assertThat(count("select count(*) from tickets.message_flow where ticket_id = ?", ticketId))
                .isZero();
        assertThat(count(
                        "select count(*) from platform.event_publication where serialized_event like ?",
                        "%\"ticketId\":" + ticketId + ",%"))
                .isZero();
        assertThat(count("select count(*) from tickets.message where ticket_id = ? and automated", ticketId))
                .isZero();
    }

    @Test
    void importingTheSameFileTwiceCreatesNothingAndAChangedLineAddsOnlyItsNewMessages() {
        var t1 = ticket(
                "1", "bo@example.org", "open", List.of(message("m1", "inbound", "2024-05-01T08:00:00Z", "Hello")));
        String file = jsonl(List.of(t1));
        runImport("jsonl", file);
        JsonNode again = runImport("jsonl", file);
        assertThat(again.get("ticketsCreated").asLong()).isZero();
        assertThat(again.get("messagesCreated").asLong()).isZero();
        assertThat(again.get("messagesSkipped").asLong()).isEqualTo(1);

        var changed = ticket(
                "1",
                "bo@example.org",
                "solved",
                new ArrayList<>(List.of(
                        message("m1", "inbound", "2024-05-01T08:00:00Z", "Hello"),
                        message("m2", "outbound", "2024-05-01T09:00:00Z", "Done"))));
        JsonNode third = runImport("jsonl", jsonl(List.of(changed)));
        assertThat(third.get("ticketsCreated").asLong()).isZero();
        assertThat(third.get("ticketsUpdated").asLong()).isEqualTo(1);
        assertThat(third.get("messagesCreated").asLong()).isEqualTo(1);
        var row = db.fetchOne(
                "select t.* from tickets.ticket t join tickets.ticket_external_id x on x.ticket_id = t.id"
                        + " where x.client_id = ? and x.source = ?",
                client.id(),
                source);
        assertThat(row.get("status", String.class)).isEqualTo("solved");
        assertThat(row.get("message_count", Integer.class)).isEqualTo(2);
        assertThat(row.get("first_response_at", Instant.class)).isEqualTo(Instant.parse("2024-05-01T09:00:00Z"));
        assertThat(count("select count(*) from tickets.message where ticket_id = ?", row.get("id", Long.class)))
                .isEqualTo(2);
    }

    @Test
    void badLinesAreRecordedWithLineAndFieldAndTheRestIsImported() {
        var good = ticket(
                "1", "cy@example.org", "open", List.of(message("m1", "inbound", "2024-05-01T08:00:00Z", "Hello")));
        var noBody =
                ticket("2", "cy@example.org", "open", List.of(message("m2", "inbound", "2024-05-01T08:00:00Z", " ")));
        var badTag =
                ticket("3", "cy@example.org", "open", List.of(message("m3", "inbound", "2024-05-01T08:00:00Z", "x")));
        badTag.put("tags", List.of("no spaces allowed"));
        var unknownAssignee =
                ticket("4", "cy@example.org", "open", List.of(message("m4", "inbound", "2024-05-01T08:00:00Z", "x")));
        unknownAssignee.put("assignee", "nobody@example.com");
        String file = jsonl(List.of(good)) + "{\"externalId\": \n" + jsonl(List.of(noBody, badTag, unknownAssignee));

        JsonNode done = runImport("jsonl", file);

        assertThat(done.get("status").asString()).isEqualTo("FINISHED");
        assertThat(done.get("ticketsCreated").asLong()).isEqualTo(2);
        assertThat(done.get("errorLines").asLong()).isEqualTo(3);
        JsonNode errors = admin.get("/api/v1/imports/" + done.get("id").asLong() + "/errors")
                .json();
        List<String> found = new ArrayList<>();
        errors.forEach(e -> found.add(e.get("lineNo").asLong() + ":"
                + e.get("field").asString() + ":" + e.get("skipped").asBoolean()));
        assertThat(found).containsExactly("2:line:true", "3:messages[0].body:true", "4:tags:true", "5:assignee:false");
    }

    @Test
    void csvRowsImportAsTicketsWithTheirMessages() {
        String csv = "ticket_id,subject,status,customer_email,kind,created_at,text\n"
                + "C1,Lamp,solved,dee@example.org,inbound,2024-02-01T08:00:00Z,Broken lamp\n"
                + "C1,,,,outbound,2024-02-01T09:00:00Z,New one is on its way\n"
                + "C2,Size,open,dee@example.org,inbound,2024-02-02T08:00:00Z,Which size?\n";
        JsonNode done = runImport("csv", csv);
        assertThat(done.get("ticketsCreated").asLong()).isEqualTo(2);
        assertThat(done.get("messagesCreated").asLong()).isEqualTo(3);
    }

    @Test
    void runFlowSendsTheImportedCustomerMessagesThroughThePass() {
        var t = ticket(
                "1",
                "ed@example.org",
                "open",
                List.of(message("m1", "inbound", "2024-05-01T08:00:00Z", "Bitte stornieren Sie meine Bestellung")));
        JsonNode done = runImport("jsonl", jsonl(List.of(t)), true);
        long ticketId = db.fetchOne(
                        "select ticket_id from tickets.ticket_external_id where client_id = ? and source = ?",
                        client.id(),
                        source)
                .get(0, Long.class);
        assertThat(done.get("runFlow").asBoolean()).isTrue();
        // The first pass of a run loads triage's language models, which takes a while on a busy machine.
        Awaitility.await()
                .atMost(Duration.ofSeconds(90))
                .until(() -> count("select count(*) from tickets.message_flow where ticket_id = ?", ticketId) == 0);
        assertThat(db.fetchOne("select language from tickets.ticket where id = ?", ticketId)
                        .get(0, String.class))
                .as("triaged")
                .isEqualTo("de");
    }

    @Test
    void onlyAdminsImportAndAnImportStaysWithinItsClient() {
        ApiClient agentApi = new ApiClient(port, fixtures.token(agent));
        assertThat(agentApi.get("/api/v1/imports").status()).isEqualTo(403);
        assertThat(agentApi.post("/api/v1/imports", ApiClient.json(Map.of("clientId", client.id(), "runFlow", false)))
                        .status())
                .isEqualTo(403);

        ClientView other = fixtures.client();
        StoreView otherStore = fixtures.store(other);
        var wrongStore = admin.post(
                "/api/v1/imports", ApiClient.json(Map.of("clientId", client.id(), "storeId", otherStore.id())));
        assertThat(wrongStore.status()).isEqualTo(422);
        assertThat(wrongStore.raw().body()).contains("storeId");
        var badFormat =
                admin.post("/api/v1/imports", ApiClient.json(Map.of("clientId", client.id(), "format", "xlsx")));
        assertThat(badFormat.status()).isEqualTo(400);
        assertThat(badFormat.raw().body()).contains("format");

        // The same e-mail in two clients is two customers; the other client's agent sees none of the import.
        var t = ticket(
                "1", "shared@example.org", "open", List.of(message("m1", "inbound", "2024-05-01T08:00:00Z", "Hello")));
        runImport("jsonl", jsonl(List.of(t)));
        long ticketId = db.fetchOne(
                        "select ticket_id from tickets.ticket_external_id where client_id = ? and source = ?",
                        client.id(),
                        source)
                .get(0, Long.class);
        ApiClient otherAgent = new ApiClient(port, fixtures.token(fixtures.agent(other)));
        assertThat(otherAgent.get("/api/v1/tickets/" + ticketId).status()).isEqualTo(404);
        assertThat(new ApiClient(port, fixtures.token(agent))
                        .get("/api/v1/tickets/" + ticketId)
                        .status())
                .isEqualTo(200);
        assertThat(admin.get("/api/v1/imports/999999999").status()).isEqualTo(404);
    }

    @Test
    void anImportANodeLeftMidwayIsTakenOverAfterItsLeaseAndContinuesFromItsCheckpoint() {
        List<Map<String, Object>> tickets = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            tickets.add(ticket(
                    "r" + i,
                    "fay" + i + "@example.org",
                    "closed",
                    List.of(message("rm" + i, "inbound", "2024-05-01T08:00:00Z", "Hello " + i))));
        }
        String file = jsonl(tickets);
        // First import the first three lines, as a node would have before it was killed.
        runImport("jsonl", jsonl(tickets.subList(0, 3)));
        long before = count("select count(*) from tickets.message where external_id like ?", "import:" + source + ":%");
        assertThat(before).isEqualTo(3);
        // The crashed node's job: running, its lease run out, checkpoint after line 2 (line 3 was written in a
        // batch whose checkpoint was not yet committed... or was: either way nothing may be duplicated).
        var created = admin.post(
                "/api/v1/imports",
                ApiClient.json(Map.of("clientId", client.id(), "storeId", store.id(), "source", source)));
        long id = created.json().get("id").asLong();
        admin.postBytes(
                "/api/v1/imports/" + id + "/parts", "application/x-ndjson", file.getBytes(StandardCharsets.UTF_8));
        int secondLineEnds = file.indexOf('\n', file.indexOf('\n') + 1) + 1;
        db.execute(
                "update imports.import_job set status = 'running', lease_owner = 'dead-node',"
                        + " lease_until = now() - interval '1 second', bytes_done = ?, lines_done = 2,"
                        + " tickets_created = 2, messages_created = 2, started_at = now() where id = ?",
                (long) secondLineEnds,
                id);

        JsonNode done = awaitDone(id);

        assertThat(done.get("status").asString()).isEqualTo("FINISHED");
        assertThat(done.get("linesDone").asLong()).isEqualTo(6);
        assertThat(done.get("ticketsCreated").asLong()).isEqualTo(2 + 3);
        assertThat(done.get("messagesSkipped").asLong()).isEqualTo(1);
        assertThat(count("select count(*) from tickets.message where external_id like ?", "import:" + source + ":%"))
                .isEqualTo(6);
        assertThat(count(
                        "select count(*) from tickets.ticket_external_id where client_id = ? and source = ?",
                        client.id(),
                        source))
                .isEqualTo(6);
    }
}
