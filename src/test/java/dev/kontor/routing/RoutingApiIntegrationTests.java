package dev.kontor.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontor.ApiClient;
import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.accounts.Role;
import dev.kontor.accounts.TeamView;
import dev.kontor.accounts.UserView;
import dev.kontor.clients.ClientView;
import dev.kontor.clients.StoreView;
import dev.kontor.rules.RuleFixtures;
import dev.kontor.shared.ClientScope;
import dev.kontor.tickets.TicketManagement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The routing API: what admins, supervisors and agents may do, what each sees, and errors that name the field. */
@KontorIntegrationTest
class RoutingApiIntegrationTests {

    @Autowired
    TestFixtures fixtures;

    @Autowired
    RuleFixtures rf;

    @Autowired
    TicketManagement tickets;

    @LocalServerPort
    int port;

    @Test
    void supervisorsSetAvailabilityAgentsOnlyTheirOwnStatusAndAdminsTheStrategy() {
        ClientView client = fixtures.client();
        UserView agent = fixtures.agent(client);
        UserView supervisor = fixtures.user(Role.SUPERVISOR, client);
        TeamView team = rf.team("API", agent);
        ApiClient sup = new ApiClient(port, fixtures.token(supervisor));
        ApiClient api = new ApiClient(port, fixtures.token(agent));

        var set = sup.put(
                "/api/v1/routing/agents/" + agent.id(),
                "{\"status\":\"online\",\"workingHours\":\"mon-fri 08:00-16:00\",\"timeZone\":\"Europe/Berlin\","
                        + "\"capacity\":8}");
        assertThat(set.status()).as(set.raw().body()).isEqualTo(200);
        assertThat(set.json().get("capacity").asInt()).isEqualTo(8);
        var bad = sup.put(
                "/api/v1/routing/agents/" + agent.id(),
                "{\"status\":\"asleep\",\"workingHours\":\"sometimes\",\"capacity\":0}");
        assertThat(bad.status()).isEqualTo(422);
        List<String> fields = new ArrayList<>();
        bad.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).contains("status", "workingHours", "capacity");

        assertThat(api.put("/api/v1/routing/agents/" + agent.id(), "{\"status\":\"online\"}")
                        .status())
                .isEqualTo(403);
        var mine = api.put("/api/v1/me/availability", "{\"status\":\"away\"}");
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.json().get("status").asString()).isEqualTo("away");
        assertThat(mine.json().get("workingHours").asString())
                .as("hours stay when the agent switches status")
                .isEqualTo("mon-fri 08:00-16:00");

        ApiClient admin = new ApiClient(port, fixtures.token(fixtures.admin()));
        var strategy = admin.put(
                "/api/v1/routing/teams/" + team.id(), "{\"strategy\":\"round_robin\",\"anyLanguageFallback\":false}");
        assertThat(strategy.status()).isEqualTo(200);
        assertThat(strategy.json().get("strategy").asString()).isEqualTo("round_robin");
        assertThat(admin.put("/api/v1/routing/teams/" + team.id(), "{\"strategy\":\"dice\"}")
                        .json()
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("strategy");
    }

    @Test
    void aTeamsQueueCountsOnlyTicketsOfClientsTheReaderServes() {
        ClientView acme = fixtures.client();
        ClientView globex = fixtures.client();
        StoreView acmeStore = fixtures.store(acme);
        StoreView globexStore = fixtures.store(globex);
        TeamView shared = rf.team("shared");
        List<Long> ids = new ArrayList<>();
        ids.add(fixtures.ticket(acmeStore, "Paket", "Wo bleibt mein Paket?", null)
                .ticketId());
        ids.add(fixtures.ticket(acmeStore, "Rechnung", "Bitte die Rechnung schicken.", null)
                .ticketId());
        ids.add(fixtures.ticket(globexStore, "Parcel", "Where is my parcel?", null)
                .ticketId());
        ids.forEach(id -> tickets.assign(id, ClientScope.everything(), null, shared.id()));

        assertThat(waiting(fixtures.agent(acme), shared)).isEqualTo(2);
        assertThat(waiting(fixtures.agent(globex), shared)).isEqualTo(1);
        assertThat(waiting(fixtures.agent(fixtures.client()), shared)).isZero();
        assertThat(waiting(fixtures.agent(acme, globex), shared)).isEqualTo(3);
        assertThat(waiting(fixtures.admin(), shared)).isEqualTo(3);
    }

    @Test
    void anAgentsLoadCountsOnlyTicketsOfClientsTheSupervisorServes() {
        ClientView acme = fixtures.client();
        ClientView globex = fixtures.client();
        UserView shared = fixtures.agent(acme, globex);
        tickets.assign(
                fixtures.ticket(fixtures.store(acme), "Paket", "Wo bleibt mein Paket?", null)
                        .ticketId(),
                ClientScope.everything(),
                shared.id(),
                null);
        for (int i = 0; i < 2; i++) {
            tickets.assign(
                    fixtures.ticket(fixtures.store(globex), "Parcel", "Where is my parcel?", null)
                            .ticketId(),
                    ClientScope.everything(),
                    shared.id(),
                    null);
        }

        assertThat(load(fixtures.user(Role.SUPERVISOR, acme), shared)).isEqualTo(1);
        assertThat(load(fixtures.user(Role.SUPERVISOR, globex), shared)).isEqualTo(2);
        assertThat(load(fixtures.user(Role.SUPERVISOR, fixtures.client()), shared))
                .isZero();
        assertThat(load(fixtures.admin(), shared)).isEqualTo(3);
    }

    private int load(UserView reader, UserView agent) {
        var agents = new ApiClient(port, fixtures.token(reader)).get("/api/v1/routing/agents");
        assertThat(agents.status()).isEqualTo(200);
        for (var a : agents.json()) {
            if (a.get("userId").asLong() == agent.id()) {
                return a.get("load").asInt();
            }
        }
        throw new AssertionError("agent " + agent.id() + " not listed");
    }

    private int waiting(UserView reader, TeamView team) {
        var teams = new ApiClient(port, fixtures.token(reader)).get("/api/v1/routing/teams");
        assertThat(teams.status()).isEqualTo(200);
        for (var t : teams.json()) {
            if (t.get("teamId").asLong() == team.id()) {
                return t.get("waiting").asInt();
            }
        }
        throw new AssertionError("team " + team.name() + " not listed");
    }
}
