package dev.kontor.rules;

import dev.kontor.TestFixtures;
import dev.kontor.accounts.AccountCommands.CreateTeam;
import dev.kontor.accounts.AccountCommands.CreateUser;
import dev.kontor.accounts.AccountManagement;
import dev.kontor.accounts.Role;
import dev.kontor.accounts.TeamView;
import dev.kontor.accounts.UserView;
import dev.kontor.clients.ClientView;
import dev.kontor.routing.AgentAvailability;
import dev.kontor.routing.RoutingManagement;
import dev.kontor.rules.RuleView.Action;
import dev.kontor.rules.RuleView.Condition;
import dev.kontor.shared.ClientScope;
import dev.kontor.tickets.TicketQueries;
import dev.kontor.tickets.TicketView;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.springframework.stereotype.Component;

/** Rules, teams and agents for rule and routing tests, built through the modules' APIs. */
@Component
public class RuleFixtures {

    private final RuleManagement rules;
    private final RoutingManagement routing;
    private final AccountManagement accounts;
    private final TicketQueries tickets;

    RuleFixtures(RuleManagement rules, RoutingManagement routing, AccountManagement accounts, TicketQueries tickets) {
        this.rules = rules;
        this.routing = routing;
        this.accounts = accounts;
        this.tickets = tickets;
    }

    public static Condition when(String field, String op, String value) {
        return new Condition(field, op, value);
    }

    public static Action then(String type, String value) {
        return new Action(type, value, null);
    }

    public static Action then(String type, String value, String option) {
        return new Action(type, value, option);
    }

    public RuleView eventRule(
            ClientView client, String name, int position, List<String> triggers, List<Condition> c, Action... a) {
        return rules.save(new RuleView(
                null, client.id(), name, "event", position, true, triggers, "all", c, List.of(a), false, null));
    }

    public RuleView save(RuleView r) {
        return rules.save(r);
    }

    public UserView agent(ClientView client, String status, List<String> languages) {
        String email = TestFixtures.unique("agent") + "@example.com";
        UserView u = accounts.createUser(new CreateUser(
                email, "Agent " + email, Role.AGENT, TestFixtures.PASSWORD, "en", languages, Set.of(client.id())));
        if (status != null) {
            routing.setAvailability(u.id(), new AgentAvailability.Change(status, null, null, null, false));
        }
        return u;
    }

    public TeamView team(String name, UserView... members) {
        return accounts.createTeam(new CreateTeam(
                TestFixtures.unique(name),
                Set.copyOf(Arrays.stream(members).map(UserView::id).toList())));
    }

    public TicketView await(long ticketId, Predicate<TicketView> until) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .until(() -> tickets.find(ticketId, ClientScope.everything()).orElseThrow(), until);
    }

    public List<RuleFiring> firings(long ticketId, int atLeast) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .until(() -> rules.firings(ticketId, ClientScope.everything()), f -> f.size() >= atLeast);
    }
}
