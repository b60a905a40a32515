package dev.kontor.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontor.ApiClient;
import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.accounts.UserView;
import dev.kontor.clients.ClientView;
import dev.kontor.clients.StoreView;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@KontorIntegrationTest
class TicketApiIntegrationTests {

    @Autowired
    TestFixtures fixtures;

    @Autowired
    TicketChangeFeed feed;

    @LocalServerPort
    int port;

    ClientView client;
    StoreView store;
    UserView agent;
    ApiClient api;

    @BeforeEach
    void setUp() {
        client = fixtures.client();
        store = fixtures.store(client);
        agent = fixtures.agent(client);
        api = new ApiClient(port, fixtures.token(agent));
    }

    long newTicket(String subject) {
        var r = api.post(
                "/api/v1/inbound-messages",
                "{\"store\":\"" + store.key() + "\",\"from\":{\"email\":\"c@example.org\",\"name\":\"Cleo\"},"
                        + "\"subject\":\"" + subject + "\",\"body\":\"Where is my parcel?\"}");
        assertThat(r.status()).isEqualTo(201);
        return r.json().get("ticketId").asLong();
    }

    @Test
    void anAgentRepliesNotesAndSolvesATicket() {
        long id = newTicket("Where is my order");

        var reply = api.post("/api/v1/tickets/" + id + "/replies", "{\"body\":\"It ships today.\"}");
        var note = api.post("/api/v1/tickets/" + id + "/notes", "{\"body\":\"Checked with the warehouse.\"}");
        var solved = api.put("/api/v1/tickets/" + id + "/status", "{\"status\":\"solved\"}");

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().get("kind").asString()).isEqualTo("outbound");
        assertThat(note.json().get("kind").asString()).isEqualTo("note");
        assertThat(solved.status()).isEqualTo(200);
        assertThat(solved.json().get("status").asString()).isEqualTo("solved");
        var ticket = api.get("/api/v1/tickets/" + id).json();
        assertThat(ticket.get("ticket").get("firstResponseAt").isNull()).isFalse();
        assertThat(ticket.get("ticket").get("solvedAt").isNull()).isFalse();
        assertThat(ticket.get("messages")).hasSize(3);
    }

    @Test
    void aCustomerWritingAgainReopensASolvedTicketThroughTheChannel() {
        long id = newTicket("Broken lamp");
        api.post("/api/v1/tickets/" + id + "/replies", "{\"body\":\"Refunded.\",\"status\":\"solved\"}");

        assertThat(api.get("/api/v1/tickets/" + id)
                        .json()
                        .get("ticket")
                        .get("status")
                        .asString())
                .isEqualTo("solved");
    }

    @Test
    void anIllegalStatusChangeIsAConflictThatNamesBothStatuses() {
        long id = newTicket("Close me");
        api.put("/api/v1/tickets/" + id + "/status", "{\"status\":\"solved\"}");
        api.put("/api/v1/tickets/" + id + "/status", "{\"status\":\"closed\"}");

        var reopen = api.put("/api/v1/tickets/" + id + "/status", "{\"status\":\"open\"}");

        assertThat(reopen.status()).isEqualTo(409);
        assertThat(reopen.json().get("from").asString()).isEqualTo("closed");
        assertThat(reopen.json().get("to").asString()).isEqualTo("open");
    }

    @Test
    void anUnknownStatusIsRejectedOnTheStatusField() {
        long id = newTicket("Status");

        var r = api.put("/api/v1/tickets/" + id + "/status", "{\"status\":\"done\"}");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("status");
    }

    @Test
    void assignmentAcceptsOnlyAgentsServingTheTicketsClient() {
        long id = newTicket("Assign me");
        UserView colleague = fixtures.agent(client);
        UserView outsider = fixtures.agent(fixtures.client());

        var ok = api.put("/api/v1/tickets/" + id + "/assignment", "{\"assigneeId\":" + colleague.id() + "}");
        var refused = api.put("/api/v1/tickets/" + id + "/assignment", "{\"assigneeId\":" + outsider.id() + "}");

        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("assigneeId").asLong()).isEqualTo(colleague.id());
        assertThat(ok.json().get("status").asString()).isEqualTo("open");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("assigneeId");
    }

    @Test
    void tagsAreNormalisedAndInvalidTagsNamed() {
        long id = newTicket("Tags");

        var tagged = api.put("/api/v1/tickets/" + id + "/tags", "{\"tags\":[\"Storno\",\"vip\",\"storno\"]}");
        var bad = api.post("/api/v1/tickets/" + id + "/tags", "{\"tag\":\"<script>\"}");
        var removed = api.delete("/api/v1/tickets/" + id + "/tags/vip");

        assertThat(tagged.json().get("tags").toString()).isEqualTo("[\"storno\",\"vip\"]");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("errors").get(0).get("field").asString()).isEqualTo("tags");
        assertThat(removed.json().get("tags").toString()).isEqualTo("[\"storno\"]");
        assertThat(api.get("/api/v1/tickets?tag=storno&storeKey=" + store.key())
                        .json()
                        .get("items"))
                .hasSize(1);
    }

    @Test
    void anAgentWithoutAccessToTheClientSeesNothingAndGets404() {
        long id = newTicket("Secret");
        UserView other = fixtures.agent(fixtures.client());
        ApiClient outsider = new ApiClient(port, fixtures.token(other));

        assertThat(outsider.get("/api/v1/tickets/" + id).status()).isEqualTo(404);
        assertThat(outsider.post("/api/v1/tickets/" + id + "/replies", "{\"body\":\"hi\"}")
                        .status())
                .isEqualTo(404);
        assertThat(outsider.put("/api/v1/tickets/" + id + "/status", "{\"status\":\"solved\"}")
                        .status())
                .isEqualTo(404);
        List<Long> visible = new ArrayList<>();
        outsider.get("/api/v1/tickets?limit=200")
                .json()
                .get("items")
                .forEach(t -> visible.add(t.get("id").asLong()));
        assertThat(visible).doesNotContain(id);
        assertThat(outsider.get("/api/v1/tickets?q=Secret").json().get("items")).isEmpty();
    }

    @Test
    void listsPageByCursorWithoutGapsOrRepeats() {
        Set<Long> created = new java.util.HashSet<>();
        for (int i = 0; i < 7; i++) {
            created.add(newTicket("Paged " + i));
        }
        Set<Long> seen = new java.util.HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = api.get("/api/v1/tickets?limit=3&storeKey=" + store.key()
                            + (cursor == null ? "" : "&cursor=" + cursor))
                    .json();
            page.get("items")
                    .forEach(t -> assertThat(seen.add(t.get("id").asLong())).isTrue());
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
            pages++;
        } while (cursor != null);
        assertThat(seen).isEqualTo(created);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void aForgedCursorIsRejectedOnTheCursorField() {
        var r = api.get("/api/v1/tickets?cursor=not-a-cursor");

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("cursor");
    }

    @Test
    void liveChangesReachOnlySubscribersWhoMaySeeTheClient() throws Exception {
        var mine = new java.util.concurrent.LinkedBlockingQueue<TicketChangeFeed.TicketChange>();
        var others = new java.util.concurrent.LinkedBlockingQueue<TicketChangeFeed.TicketChange>();
        Object a = feed.subscribe(dev.kontor.shared.ClientScope.of(Set.of(client.id())), mine::add);
        Object b = feed.subscribe(dev.kontor.shared.ClientScope.of(Set.of(-1L)), others::add);
        try {
            long id = newTicket("Live");

            var change = mine.poll(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(change).isNotNull();
            assertThat(change.ticketId()).isEqualTo(id);
            assertThat(change.kind()).isEqualTo("created");
            assertThat(others.poll(500, java.util.concurrent.TimeUnit.MILLISECONDS))
                    .isNull();
        } finally {
            feed.unsubscribe(a);
            feed.unsubscribe(b);
        }
    }
}
