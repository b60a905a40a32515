package dev.kontor.routing;

import static dev.kontor.rules.RuleFixtures.then;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.accounts.TeamView;
import dev.kontor.accounts.UserView;
import dev.kontor.clients.ClientView;
import dev.kontor.clients.StoreView;
import dev.kontor.rules.RuleFiring;
import dev.kontor.rules.RuleFixtures;
import dev.kontor.rules.RuleManagement;
import dev.kontor.shared.ClientScope;
import dev.kontor.tickets.TicketManagement;
import dev.kontor.tickets.TicketQueries;
import dev.kontor.tickets.TicketStatus;
import dev.kontor.tickets.TicketView;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Team queues handed out by round robin, least loaded with capacity, and language skill, to available agents. */
@KontorIntegrationTest
class RoutingIntegrationTests {

    @Autowired
    TestFixtures fixtures;

    @Autowired
    RuleFixtures rf;

    @Autowired
    RoutingManagement routing;

    @Autowired
    RuleManagement rules;

    @Autowired
    TicketManagement tickets;

    @Autowired
    TicketQueries ticketQueries;

    private TeamView routedTeam(ClientView client, String strategy, UserView... members) {
        TeamView team = rf.team("team", members);
        routing.setStrategy(team.id(), strategy, false);
        rf.eventRule(client, "route", 1, List.of("ticket_created"), List.of(), then("set_team", team.name()));
        return team;
    }

    private TicketView routed(StoreView store, String text) {
        long id = fixtures.ticket(store, "Frage", text, null).ticketId();
        rf.firings(id, 1);
        return ticketQueries.find(id, ClientScope.everything()).orElseThrow();
    }

    @Test
    void roundRobinHandsTicketsToEachAvailableAgentInTurn() {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        UserView a = rf.agent(client, "online", List.of("de"));
        UserView b = rf.agent(client, "online", List.of("de"));
        UserView c = rf.agent(client, "online", List.of("de"));
        UserView off = rf.agent(client, "offline", List.of("de"));
        routedTeam(client, "round_robin", a, b, c, off);

        List<Long> assignees = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            assignees.add(
                    routed(store, "Ist das Zelt Nummer " + i + " wasserdicht?").assigneeId());
        }

        assertThat(assignees).containsExactly(a.id(), b.id(), c.id(), a.id());
    }

    @Test
    void leastLoadedRespectsCapacityAndAWaitingTicketIsAssignedWhenCapacityFrees() {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        UserView x = rf.agent(client, null, List.of("de"));
        UserView y = rf.agent(client, null, List.of("de"));
        routing.setAvailability(x.id(), new AgentAvailability.Change("online", null, null, 1, false));
        routing.setAvailability(y.id(), new AgentAvailability.Change("online", null, null, 2, false));
        TeamView team = routedTeam(client, "least_loaded", x, y);

        TicketView t1 = routed(store, "Ist das Zelt wasserdicht?");
        TicketView t2 = routed(store, "Ist die Lampe dimmbar?");
        TicketView t3 = routed(store, "Ist der Schlafsack warm genug?");
        TicketView t4 = routed(store, "Ist der Kocher gasbetrieben?");

        assertThat(List.of(t1.assigneeId(), t2.assigneeId(), t3.assigneeId())).containsExactly(x.id(), y.id(), y.id());
        assertThat(t4.assigneeId()).isNull();
        assertThat(t4.teamId()).isEqualTo(team.id());
        assertThat(rules.firings(t4.id(), ClientScope.everything()).get(0).outcomes())
                .extracting(RuleFiring.Outcome::code)
                .containsExactly("team", "waiting");
        assertThat(routing.team(team.id(), ClientScope.everything()).waiting()).isEqualTo(1);

        // y solves a ticket: its capacity frees and the waiting ticket goes to y.
        tickets.changeStatus(t2.id(), ClientScope.everything(), TicketStatus.SOLVED);
        assertThat(rf.await(t4.id(), t -> t.assigneeId() != null).assigneeId()).isEqualTo(y.id());
    }

    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    @Autowired
    org.jooq.DSLContext db;

    @Test
    void handOutsInOneTransactionCountEachOtherLikeHandOutsInTurn() {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        UserView x = rf.agent(client, null, List.of("de"));
        UserView y = rf.agent(client, null, List.of("de"));
        routing.setAvailability(x.id(), new AgentAvailability.Change("online", null, null, 1, false));
        routing.setAvailability(y.id(), new AgentAvailability.Change("online", null, null, 2, false));
        TeamView leastLoaded = rf.team("least loaded", x, y);
        routing.setStrategy(leastLoaded.id(), "least_loaded", false);
        UserView a = rf.agent(client, "online", List.of("de"));
        UserView b = rf.agent(client, "online", List.of("de"));
        TeamView roundRobin = rf.team("round robin", a, b);
        routing.setStrategy(roundRobin.id(), "round_robin", false);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(fixtures.ticket(store, "Frage", "Ist das Zelt Nummer " + i + " wasserdicht?", null)
                    .ticketId());
        }

        // A batch's hand-outs: one transaction, the team's row locked once, each hand-out in its own savepoint.
        List<RoutingOutcome> outcomes = new org.springframework.transaction.support.TransactionTemplate(transactions)
                .execute(tx -> {
                    routing.holdTeams(List.of(roundRobin.id(), leastLoaded.id()));
                    List<RoutingOutcome> out = new ArrayList<>();
                    for (int i = 0; i < 4; i++) {
                        long id = ids.get(i);
                        Object savepoint = tx.createSavepoint();
                        out.add(routing.route(id, leastLoaded.id(), null));
                        tx.releaseSavepoint(savepoint);
                    }
                    // A hand-out rolled back to its savepoint takes nothing with it but its own changes.
                    Object savepoint = tx.createSavepoint();
                    routing.route(ids.get(4), roundRobin.id(), null);
                    tx.rollbackToSavepoint(savepoint);
                    out.add(routing.route(ids.get(4), roundRobin.id(), null));
                    out.add(routing.route(ids.get(5), roundRobin.id(), null));
                    return out;
                });

        assertThat(outcomes.subList(0, 4))
                .extracting(o -> o instanceof RoutingOutcome.Assigned as ? as.userId() : null)
                .as("x takes one, y two, and the fourth waits: both are full")
                .containsExactly(x.id(), y.id(), y.id(), null);
        assertThat(outcomes.subList(4, 6))
                .extracting(o -> ((RoutingOutcome.Assigned) o).userId())
                .containsExactly(a.id(), b.id());
        assertThat(ticketQueries
                        .find(ids.get(3), ClientScope.everything())
                        .orElseThrow()
                        .assigneeId())
                .isNull();
        // The round robin's pointer was written at the commit: the next hand-out goes on from b.
        assertThat(routing.route(ids.get(6), roundRobin.id(), null))
                .isEqualTo(new RoutingOutcome.Assigned(a.id(), a.displayName()));
        assertThat(db.select(dev.kontor.routing.db.Tables.AGENT_AVAILABILITY.LAST_ASSIGNED_AT)
                        .from(dev.kontor.routing.db.Tables.AGENT_AVAILABILITY)
                        .where(dev.kontor.routing.db.Tables.AGENT_AVAILABILITY.USER_ID.in(x.id(), y.id(), b.id()))
                        .fetch(dev.kontor.routing.db.Tables.AGENT_AVAILABILITY.LAST_ASSIGNED_AT))
                .as("each agent's last hand-out, the tie-breaker, written once at the commit")
                .hasSize(3)
                .doesNotContainNull();
    }

    @Test
    void languageSkillPrefersSpeakersAndFallsBackToAnyoneOnlyWhenTheTeamTranslates() {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        UserView french = rf.agent(client, "online", List.of("fr", "en"));
        UserView german = rf.agent(client, "online", List.of("de", "en"));
        TeamView team = routedTeam(client, "language", french, german);

        TicketView fr = routed(store, "Bonjour, est-ce que la tente est vraiment imperméable ? Merci beaucoup.");
        TicketView de = routed(store, "Guten Tag, ist das Zelt wirklich wasserdicht? Vielen Dank.");
        TicketView it = routed(store, "Buongiorno, la tenda è davvero impermeabile? Grazie mille.");

        assertThat(fr.language()).isEqualTo("fr");
        assertThat(fr.assigneeId()).isEqualTo(french.id());
        assertThat(de.assigneeId()).isEqualTo(german.id());
        assertThat(it.language()).isEqualTo("it");
        assertThat(it.assigneeId()).as("nobody speaks Italian").isNull();

        routing.setStrategy(team.id(), "language", true);
        assertThat(routing.route(it.id(), team.id(), null))
                .as("no translation provider covers Italian here, so the fallback has nobody to hand it to")
                .isInstanceOf(dev.kontor.routing.RoutingOutcome.Waiting.class);
    }

    @Test
    void onlyAvailableAgentsGetTicketsAndAnAgentGoingOfflineCanHandTheirsBack() {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        UserView away = rf.agent(client, "away", List.of("de"));
        UserView offHours = rf.agent(client, null, List.of("de"));
        int hour = ZonedDateTime.now(ZoneOffset.UTC).getHour();
        int start = (hour + 2) % 24;
        routing.setAvailability(
                offHours.id(),
                new AgentAvailability.Change(
                        "online", String.format("mon-sun %02d:00-%02d:00", start, start + 1), "UTC", null, false));
        TeamView team = routedTeam(client, "round_robin", away, offHours);

        TicketView waiting = routed(store, "Ist das Zelt wasserdicht?");
        assertThat(waiting.assigneeId()).isNull();
        assertThat(routing.agent(offHours.id()).availableNow()).isFalse();

        // The away agent comes online: the waiting ticket is handed out at once.
        routing.setStatus(away.id(), "online", false);
        assertThat(rf.await(waiting.id(), t -> t.assigneeId() != null).assigneeId())
                .isEqualTo(away.id());

        // A colleague comes online; the first agent leaves and hands back: the colleague gets the ticket.
        UserView colleague = rf.agent(client, "online", List.of("de"));
        dev.kontor.accounts.AccountCommands.UpdateTeam members = new dev.kontor.accounts.AccountCommands.UpdateTeam(
                team.name(), java.util.Set.of(away.id(), offHours.id(), colleague.id()));
        accountsUpdate(team, members);
        routing.setStatus(away.id(), "offline", true);
        assertThat(ticketQueries
                        .find(waiting.id(), ClientScope.everything())
                        .orElseThrow()
                        .assigneeId())
                .isEqualTo(colleague.id());
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> routing.agent(away.id()).load() == 0);
    }

    @Test
    void anAgentWhoLostAccessToTheTicketsClientDoesNotKeepItWhenTheTicketIsPlacedAgain() {
        ClientView acme = fixtures.client();
        ClientView globex = fixtures.client();
        StoreView globexStore = fixtures.store(globex);
        UserView both = fixtures.agent(acme, globex);
        routing.setAvailability(both.id(), new AgentAvailability.Change("online", null, null, null, false));
        UserView globexOnly = rf.agent(globex, "online", List.of("de"));
        TeamView team = rf.team("team", both, globexOnly);
        routing.setStrategy(team.id(), "round_robin", false);
        long id = fixtures.ticket(globexStore, "Frage", "Ist das Zelt wasserdicht?", null)
                .ticketId();
        tickets.assign(id, ClientScope.everything(), both.id(), team.id());
        accounts.revoke(both.id(), globex.id());

        RoutingOutcome outcome = routing.route(id, team.id(), null);

        assertThat(outcome).isEqualTo(new RoutingOutcome.Assigned(globexOnly.id(), globexOnly.displayName()));
        assertThat(ticketQueries
                        .find(id, ClientScope.everything())
                        .orElseThrow()
                        .assigneeId())
                .as("the agent who no longer serves Globex lost the ticket")
                .isEqualTo(globexOnly.id());
    }

    @Test
    void placingATicketKeepsItsAgentOnlyWhileTheyServeItsClient() {
        ClientView acme = fixtures.client();
        ClientView globex = fixtures.client();
        StoreView acmeStore = fixtures.store(acme);
        StoreView globexStore = fixtures.store(globex);
        UserView both = fixtures.agent(acme, globex);
        TeamView team = rf.team("manual", both);
        long acmeTicket = fixtures.ticket(acmeStore, "Frage", "Ist das Zelt wasserdicht?", null)
                .ticketId();
        long globexTicket = fixtures.ticket(globexStore, "Frage", "Ist die Lampe dimmbar?", null)
                .ticketId();
        tickets.assign(acmeTicket, ClientScope.everything(), both.id(), team.id());
        tickets.assign(globexTicket, ClientScope.everything(), both.id(), team.id());
        accounts.revoke(both.id(), globex.id());

        routing.place(acmeTicket, team.id());
        routing.place(globexTicket, team.id());

        TicketView kept =
                ticketQueries.find(acmeTicket, ClientScope.everything()).orElseThrow();
        TicketView queued =
                ticketQueries.find(globexTicket, ClientScope.everything()).orElseThrow();
        assertThat(kept.assigneeId()).isEqualTo(both.id());
        assertThat(queued.assigneeId()).isNull();
        assertThat(queued.teamId()).isEqualTo(team.id());
    }

    @Autowired
    dev.kontor.accounts.AccountManagement accounts;

    private void accountsUpdate(TeamView team, dev.kontor.accounts.AccountCommands.UpdateTeam command) {
        accounts.updateTeam(team.id(), command);
    }
}
