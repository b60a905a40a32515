package dev.kontor.rules;

import static dev.kontor.rules.RuleFixtures.then;
import static dev.kontor.rules.RuleFixtures.when;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kontor.ApiClient;
import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.accounts.AccountManagement;
import dev.kontor.accounts.TeamView;
import dev.kontor.accounts.UserView;
import dev.kontor.clients.ClientView;
import dev.kontor.clients.StoreView;
import dev.kontor.routing.RoutingManagement;
import dev.kontor.shared.ClientScope;
import dev.kontor.tickets.TicketQueries;
import dev.kontor.tickets.TicketView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What rules and routing tell or hand to people outside the ticket page, with two clients and agents who serve
 * only one of them: notifications (delivery, list, count, through the API), rule test previews and queue
 * hand-outs.
 */
@KontorIntegrationTest
class ClientAccessIntegrationTests {

    @Autowired
    TestFixtures fixtures;

    @Autowired
    RuleFixtures rf;

    @Autowired
    RuleManagement rules;

    @Autowired
    RoutingManagement routing;

    @Autowired
    AccountManagement accounts;

    @Autowired
    TicketQueries tickets;

    @Autowired
    DSLContext db;

    @LocalServerPort
    int port;

    ClientView acme;
    ClientView globex;
    StoreView acmeStore;
    StoreView globexStore;
    UserView ada;
    UserView bob;

    @BeforeEach
    void setUp() {
        acme = fixtures.client();
        globex = fixtures.client();
        acmeStore = fixtures.store(acme);
        globexStore = fixtures.store(globex);
        ada = rf.agent(acme, "online", List.of("de", "en"));
        bob = rf.agent(globex, "online", List.of("de", "en"));
    }

    private long ticket(StoreView store, String subject) {
        return ticket(store, subject, "Wo bleibt mein Paket?");
    }

    private long ticket(StoreView store, String subject, String text) {
        return fixtures.ticket(store, subject, text, null).ticketId();
    }

    private List<String> outcomes(long ticketId) {
        // The first message after start waits for the language models to load: longer than rf.firings allows
        // on a busy machine.
        List<RuleFiring> fired = Awaitility.await()
                .atMost(Duration.ofSeconds(90))
                .until(() -> rules.firings(ticketId, ClientScope.everything()), f -> !f.isEmpty());
        return fired.stream()
                .flatMap(f -> f.outcomes().stream())
                .map(o -> o.detail() == null ? o.code() : o.code() + ":" + o.detail())
                .toList();
    }

    private int storedNotifications(UserView user) {
        return db.fetchCount(db.selectFrom("rules.notification").where("user_id = ?", user.id()));
    }

    private ClientScope scopeOf(UserView user) {
        return accounts.currentUser(user.id()).orElseThrow().scope();
    }

    @Test
    void aNotifyActionNeverTellsSomeoneWhoDoesNotServeTheTicketsClient() {
        TeamView mixed = rf.team("mixed", ada, bob);
        rf.eventRule(
                acme,
                "tell everyone",
                1,
                List.of("ticket_created"),
                List.of(),
                then("set_team", mixed.name()),
                then("notify", "team, " + bob.email(), "#{{ticket.number}} {{ticket.subject}} from {{customer.name}}"));

        long id = ticket(acmeStore, "Secret order of Acme");

        assertThat(outcomes(id)).contains("notified:" + ada.displayName(), "not_notified:" + bob.displayName());
        assertThat(rules.notifications(ada.id(), scopeOf(ada), 10))
                .singleElement()
                .satisfies(n -> assertThat(n.text()).contains("Secret order of Acme"));
        assertThat(storedNotifications(bob)).isZero();
        assertThat(rules.notifications(bob.id(), scopeOf(bob), 10)).isEmpty();
        assertThat(rules.unreadNotifications(bob.id(), scopeOf(bob))).isZero();
        ApiClient api = new ApiClient(port, fixtures.token(bob));
        assertThat(api.get("/api/v1/me/notifications").json()).isEmpty();
    }

    @Test
    void aNotificationDisappearsFromListCountAndApiWhenTheGrantIsRevoked() {
        UserView both = rf.agent(acme, "online", List.of("de"));
        accounts.grant(both.id(), globex.id());
        rf.eventRule(
                globex,
                "tell both",
                1,
                List.of("ticket_created"),
                List.of(),
                then("notify", both.email(), "{{ticket.subject}}"));
        long id = ticket(globexStore, "Globex parcel");
        assertThat(outcomes(id)).containsExactly("notified:" + both.displayName());
        assertThat(rules.unreadNotifications(both.id(), scopeOf(both))).isEqualTo(1);

        accounts.revoke(both.id(), globex.id());

        assertThat(rules.notifications(both.id(), scopeOf(both), 10)).isEmpty();
        assertThat(rules.unreadNotifications(both.id(), scopeOf(both))).isZero();
        ApiClient api = new ApiClient(port, fixtures.token(both));
        assertThat(api.get("/api/v1/me/notifications").json()).isEmpty();
        // Read while hidden, it stays unread: granted again, the agent still sees it as new.
        rules.markNotificationsRead(both.id(), scopeOf(both));
        accounts.grant(both.id(), globex.id());
        assertThat(rules.unreadNotifications(both.id(), scopeOf(both))).isEqualTo(1);
    }

    @Test
    void aTeamQueueHandsTicketsOnlyToMembersServingTheClient() {
        TeamView mixed = rf.team("mixed", ada, bob);
        routing.setStrategy(mixed.id(), "round_robin", false);
        rf.eventRule(acme, "route", 1, List.of("ticket_created"), List.of(), then("set_team", mixed.name()));
        TeamView foreign = rf.team("foreign", bob);
        routing.setStrategy(foreign.id(), "round_robin", false);
        rf.eventRule(
                acme,
                "route foreign",
                2,
                List.of("ticket_created"),
                List.of(when("text", "contains", "foreign")),
                then("set_team", foreign.name()));

        List<Long> assignees = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long id = ticket(acmeStore, "Parcel " + i);
            rf.firings(id, 1);
            assignees.add(
                    tickets.find(id, ClientScope.everything()).orElseThrow().assigneeId());
        }
        long waiting = ticket(acmeStore, "Parcel", "Wo bleibt mein Paket? foreign");
        rf.firings(waiting, 2);

        assertThat(assignees).containsOnly(ada.id());
        TicketView w = tickets.find(waiting, ClientScope.everything()).orElseThrow();
        assertThat(w.teamId()).isEqualTo(foreign.id());
        assertThat(w.assigneeId()).isNull();
        assertThat(routing.team(foreign.id(), ClientScope.everything()).waiting())
                .isEqualTo(1);
    }

    @Test
    void aRuleTestPreviewListsOnlyTicketsOfClientsTheTesterServes() {
        String marker = TestFixtures.unique("preview");
        long mine = ticket(acmeStore, "Parcel", "Wo bleibt " + marker);
        long theirs = ticket(globexStore, "Parcel", "Wo bleibt " + marker);
        rf.await(theirs, t -> t.language() != null);
        RuleView anyClient = new RuleView(
                null,
                null,
                "preview",
                "event",
                1,
                true,
                List.of("ticket_created"),
                "all",
                List.of(when("text", "contains", marker)),
                List.of(then("add_tags", "x")),
                false,
                null);

        RuleTest forAda = rules.test(anyClient, ClientScope.of(Set.of(acme.id())));
        RuleTest forAll = rules.test(anyClient, ClientScope.everything());

        assertThat(forAda.sample())
                .extracting(RuleTest.Match::ticketId)
                .contains(mine)
                .doesNotContain(theirs);
        assertThat(forAll.sample()).extracting(RuleTest.Match::ticketId).contains(mine, theirs);
    }
}
