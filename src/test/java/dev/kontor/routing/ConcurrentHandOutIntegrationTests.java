package dev.kontor.routing;

import static dev.kontor.rules.RuleFixtures.then;
import static dev.kontor.rules.RuleFixtures.when;
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
import dev.kontor.tickets.MessageFlowManagement;
import dev.kontor.tickets.TicketQueries;
import dev.kontor.tickets.TicketView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Several message passes at once, each with a batch of tickets for the same three teams in different orders:
 * every ticket is placed in its team and handed to an agent, and no hand-out is lost to a deadlock between passes.
 */
@KontorIntegrationTest
@TestPropertySource(properties = {"kontor.flow.workers=4", "kontor.flow.batch-size=6"})
class ConcurrentHandOutIntegrationTests {

    private static final List<String> WORDS = List.of("Zelt", "Lampe", "Kocher");

    @Autowired
    TestFixtures fixtures;

    @Autowired
    RuleFixtures rf;

    @Autowired
    RoutingManagement routing;

    @Autowired
    RuleManagement rules;

    @Autowired
    TicketQueries tickets;

    @Autowired
    MessageFlowManagement flow;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void concurrentPassesHandingOutToTheSameTeamsPlaceEveryTicket() {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        List<TeamView> teams = new ArrayList<>();
        for (int i = 0; i < WORDS.size(); i++) {
            UserView a = rf.agent(client, "online", List.of("de"));
            UserView b = rf.agent(client, "online", List.of("de"));
            TeamView team = rf.team("handout", a, b);
            routing.setStrategy(team.id(), "round_robin", false);
            rf.eventRule(
                    client,
                    "route " + WORDS.get(i),
                    i + 1,
                    List.of("ticket_created"),
                    List.of(when("text", "contains", WORDS.get(i))),
                    then("assign_by", team.name(), "round_robin"));
            teams.add(team);
        }

        // All stored in one transaction, so the four workers find them at once and each claims a batch of six
        // tickets whose teams come in another order than the neighbouring batch's.
        int count = 72;
        List<Long> ids = new ArrayList<>();
        List<Integer> teamOf = new ArrayList<>();
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            for (int i = 0; i < count; i++) {
                int k = (i / 6) % 2 == 0 ? i % 3 : 2 - i % 3;
                ids.add(fixtures.ticket(store, "Frage " + i, "Ist das " + WORDS.get(k) + " gut?", null)
                        .ticketId());
                teamOf.add(k);
            }
        });

        // Generous: the first pass of a fresh context loads the language models, on a busy machine slowly.
        Awaitility.await()
                .atMost(Duration.ofSeconds(180))
                .until(() -> ids.stream()
                        .allMatch(id ->
                                !rules.firings(id, ClientScope.everything()).isEmpty()));
        for (int i = 0; i < count; i++) {
            TicketView t = tickets.find(ids.get(i), ClientScope.everything()).orElseThrow();
            TeamView team = teams.get(teamOf.get(i));
            assertThat(t.teamId()).as("team of ticket %d", i).isEqualTo(team.id());
            assertThat(team.memberIds()).as("agent of ticket %d", i).contains(t.assigneeId());
            List<RuleFiring> firings = rules.firings(t.id(), ClientScope.everything());
            assertThat(firings).hasSize(1);
            assertThat(firings.get(0).outcomes())
                    .extracting(RuleFiring.Outcome::code)
                    .containsExactly("team", "assigned");
        }
        assertThat(flow.status(10).failing()).isEmpty();
    }
}
