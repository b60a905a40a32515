package dev.kontor.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.accounts.AccountManagement;
import dev.kontor.accounts.UserView;
import dev.kontor.clients.ClientView;
import dev.kontor.clients.StoreView;
import dev.kontor.shared.ClientScope;
import dev.kontor.tickets.TicketManagement;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Live events (server-sent) with two clients and an agent who serves one of them: nothing of the other client
 * reaches the stream, and a grant revoked while the stream is open stops that client's events; the top bar's count
 * and the notifications page apply the grants at reading.
 */
@KontorIntegrationTest
@AutoConfigureMockMvc
class LiveAndNotificationAccessIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    TicketManagement tickets;

    @Autowired
    AccountManagement accounts;

    @Autowired
    DSLContext db;

    ClientView acme;
    ClientView globex;
    StoreView acmeStore;
    StoreView globexStore;

    @BeforeEach
    void setUp() {
        acme = fixtures.client();
        globex = fixtures.client();
        acmeStore = fixtures.store(acme);
        globexStore = fixtures.store(globex);
    }

    private RequestPostProcessor as(UserView u) {
        return user(Long.toString(u.id())).roles(u.role().name());
    }

    private MockHttpServletResponse stream(UserView u) throws Exception {
        return mvc.perform(get("/events").with(as(u)))
                .andExpect(request().asyncStarted())
                .andReturn()
                .getResponse();
    }

    private long ticket(StoreView store) {
        return fixtures.ticket(store, "Parcel", "Where is my parcel?", null).ticketId();
    }

    private void touch(long ticketId) {
        tickets.setTags(ticketId, ClientScope.everything(), List.of(TestFixtures.unique("t")));
    }

    private static String content(MockHttpServletResponse r) throws Exception {
        return r.getContentAsString();
    }

    private static void awaitEvent(MockHttpServletResponse r, long ticketId) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .until(() -> content(r).contains("event:ticket-" + ticketId + "\n"));
    }

    @Test
    void theStreamCarriesNoEventOfAClientTheAgentDoesNotServe() throws Exception {
        UserView ada = fixtures.agent(acme);
        long mine = ticket(acmeStore);
        long theirs = ticket(globexStore);
        MockHttpServletResponse events = stream(ada);

        touch(theirs);
        touch(mine);

        awaitEvent(events, mine);
        assertThat(content(events)).doesNotContain("ticket-" + theirs);
    }

    @Test
    void aGrantRevokedWhileTheStreamIsOpenStopsThatClientsEvents() throws Exception {
        UserView both = fixtures.agent(acme, globex);
        long mine = ticket(acmeStore);
        long theirs = ticket(globexStore);
        MockHttpServletResponse events = stream(both);
        touch(theirs);
        awaitEvent(events, theirs);

        accounts.revoke(both.id(), globex.id());
        // The stream reads the grants again once they are older than this.
        Awaitility.await()
                .pollDelay(LiveEventsController.GRANTS_FRESH_FOR.plusMillis(500))
                .until(() -> true);
        int before = content(events).length();
        touch(theirs);
        touch(mine);

        awaitEvent(events, mine);
        assertThat(content(events).substring(before)).doesNotContain("ticket-" + theirs);
    }

    @Test
    void theTopBarAndTheNotificationsPageHideWhatARevokedGrantCovered() throws Exception {
        UserView both = fixtures.agent(acme, globex);
        long theirs = ticket(globexStore);
        // As a rule delivered it while the agent still served Globex.
        db.execute(
                "insert into rules.notification (user_id, ticket_id, client_id, rule_name, text, created_at)"
                        + " values (?, ?, ?, 'r', 'Secret of Globex', now())",
                both.id(),
                theirs,
                globex.id());
        assertThat(page("/inbox", both)).contains("(1)");

        accounts.revoke(both.id(), globex.id());

        assertThat(page("/inbox", both)).doesNotContain("(1)");
        assertThat(page("/notifications", both)).doesNotContain("Secret of Globex");
    }

    private String page(String path, UserView u) throws Exception {
        return mvc.perform(get(path).with(as(u)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }
}
