package dev.kontor.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontor.ApiClient;
import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.clients.ClientView;
import dev.kontor.clients.StoreView;
import dev.kontor.shared.ClientScope;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The API ticket list, paged in every order it offers, gives each ticket exactly once while tickets change between
 * page fetches: updated, re-prioritised, re-statused, and new ones arriving (those are left for the next listing).
 * The agent serves two clients, so pages merge both; a third client's tickets never appear.
 */
@KontorIntegrationTest
class ConsistentPagingIntegrationTests {

    @Autowired
    TestFixtures fixtures;

    @Autowired
    TicketManagement tickets;

    @Autowired
    TicketQueries ticketQueries;

    @LocalServerPort
    int port;

    ApiClient api;
    ClientView first;
    StoreView one;
    StoreView two;
    StoreView foreign;
    Set<Long> existing;

    @BeforeEach
    void setUp() {
        ClientView a = fixtures.client();
        ClientView b = fixtures.client();
        first = a;
        one = fixtures.store(a);
        two = fixtures.store(b);
        foreign = fixtures.store(fixtures.client());
        api = new ApiClient(port, fixtures.token(fixtures.agent(a, b)));
        existing = new LinkedHashSet<>();
        for (int i = 0; i < 12; i++) {
            existing.add(fixtures.ticket(i % 2 == 0 ? one : two, "Paged " + i, "Where is parcel " + i + "?", null)
                    .ticketId());
        }
        fixtures.ticket(foreign, "Not mine", "Where is it?", null);
    }

    @Test
    void newestActivityFirstListsEveryTicketOnceWhileTicketsChange() {
        assertEveryTicketOnce("updated_desc");
    }

    @Test
    void queueOrderListsEveryTicketOnceWhileTicketsChange() {
        assertEveryTicketOnce("due");
    }

    @Test
    void newestFirstListsEveryTicketOnceWhileTicketsArrive() {
        assertEveryTicketOnce("created_desc");
    }

    @Test
    void oldestFirstListsEveryTicketOnceWhileTicketsArrive() {
        assertEveryTicketOnce("created_asc");
    }

    @Test
    void oneClientsUnresolvedTicketsInQueueOrderAreListedOnceWhileTheyChange() {
        Set<Long> ofFirst = new LinkedHashSet<>();
        for (long id : existing) {
            if (ticketQueries.find(id, ClientScope.everything()).orElseThrow().clientId() == first.id()) {
                ofFirst.add(id);
            }
        }
        // One client reads one index (no merge); statuses move between new, open and pending, all unresolved.
        assertEveryTicketOnce("due", "&status=unresolved&clientId=" + first.id(), ofFirst);
    }

    private void assertEveryTicketOnce(String sort) {
        assertEveryTicketOnce(sort, "", existing);
    }

    private void assertEveryTicketOnce(String sort, String filters, Set<Long> expected) {
        List<Long> listed = new ArrayList<>();
        Set<Long> arrived = new HashSet<>();
        String cursor = null;
        int round = 0;
        do {
            var page = api.get(
                    "/api/v1/tickets?limit=3&sort=" + sort + filters + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            page.json().get("items").forEach(t -> listed.add(t.get("id").asLong()));
            cursor = page.json().get("nextCursor").isNull()
                    ? null
                    : page.json().get("nextCursor").asString();
            changeBetweenPages(expected, listed, round++);
            arrived.add(fixtures.ticket(round % 2 == 0 ? one : two, "Arrived " + round, "Hello?", null)
                    .ticketId());
        } while (cursor != null);

        assertThat(listed).doesNotHaveDuplicates();
        assertThat(listed).containsAll(expected);
        // Created after the first page: the next listing has them.
        assertThat(listed).doesNotContainAnyElementsOf(arrived);
        assertThat(listed).hasSize(expected.size());
    }

    /** What other agents do meanwhile: touch tickets not listed yet (they move) and one listed already. */
    private void changeBetweenPages(Set<Long> expected, List<Long> listed, int round) {
        List<Long> unseen = expected.stream().filter(id -> !listed.contains(id)).toList();
        List<Long> touch = new ArrayList<>();
        if (!unseen.isEmpty()) {
            touch.add(unseen.get(unseen.size() - 1));
            touch.add(unseen.get(0));
        }
        if (!listed.isEmpty()) {
            touch.add(listed.get(0));
        }
        for (long id : touch) {
            ClientScope all = ClientScope.everything();
            tickets.setPriority(id, all, round % 2 == 0 ? Priority.URGENT : Priority.LOW);
            tickets.addTag(id, all, "round-" + round);
            TicketView t = ticketQueries.find(id, all).orElseThrow();
            if (t.status() == TicketStatus.NEW || t.status() == TicketStatus.OPEN) {
                tickets.changeStatus(id, all, TicketStatus.PENDING);
            } else if (t.status() == TicketStatus.PENDING) {
                tickets.changeStatus(id, all, TicketStatus.OPEN);
            }
        }
    }

    @Test
    void aCursorOlderThanTheRetentionIsRefusedOnTheCursorField() {
        String raw = String.join(
                "|",
                "2",
                "1:1:",
                Long.toString(Instant.now().minusSeconds(3 * 3600).getEpochSecond()),
                "0",
                "0",
                "1");
        String old = Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));

        var r = api.get("/api/v1/tickets?cursor=" + old);

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("cursor");
        assertThat(r.json().get("errors").get(0).get("message").asString()).contains("expired");
    }
}
