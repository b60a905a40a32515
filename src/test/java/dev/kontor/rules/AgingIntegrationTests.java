package dev.kontor.rules;

import static dev.kontor.rules.RuleFixtures.then;
import static dev.kontor.rules.RuleFixtures.when;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kontor.KontorIntegrationTest;
import dev.kontor.SecondNode;
import dev.kontor.TestFixtures;
import dev.kontor.accounts.UserView;
import dev.kontor.clients.ClientView;
import dev.kontor.clients.StoreView;
import dev.kontor.rules.internal.Aging;
import dev.kontor.shared.ClientScope;
import dev.kontor.tickets.Priority;
import dev.kontor.tickets.TicketCommands.Actor;
import dev.kontor.tickets.TicketCommands.IngestMessage;
import dev.kontor.tickets.TicketManagement;
import dev.kontor.tickets.TicketQueries;
import dev.kontor.tickets.TicketStatus;
import dev.kontor.tickets.TicketView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

/** Time rules: once per ticket and episode, also when two app nodes scan at the same time. */
@KontorIntegrationTest
class AgingIntegrationTests {

    @Autowired
    TestFixtures fixtures;

    @Autowired
    RuleFixtures rf;

    @Autowired
    RuleManagement rules;

    @Autowired
    TicketManagement tickets;

    @Autowired
    TicketQueries ticketQueries;

    @Autowired
    Aging aging;

    @Autowired
    DataSource dataSource;

    @Test
    void aStalledTicketIsEscalatedOncePerEpisodeWithTwoAppNodesScanning() throws Exception {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        UserView owner = rf.agent(client, null, List.of("de"));
        rf.save(new RuleView(
                null,
                client.id(),
                "Stalled",
                "time",
                1,
                true,
                List.of(),
                "all",
                List.of(when("customer_waiting", "more_than", "240"), when("status", "is", "new, open")),
                List.of(
                        then("assign_agent", owner.email()),
                        then("set_priority", "urgent"),
                        then("add_tags", "stalled"),
                        new RuleView.Action("notify", owner.email(), "#{{ticket.number}} waits for 4 hours")),
                false,
                null));
        long stalled = fixtures.ticket(store, "Frage", "Ist das Zelt wasserdicht?", null)
                .ticketId();
        TicketView before = rf.await(stalled, t -> t.language() != null);

        // Three hours later nothing is due.
        assertThat(aging.scan(Instant.now().plus(Duration.ofHours(3)))).isZero();

        Instant later = Instant.now().plus(Duration.ofHours(5));
        try (ConfigurableApplicationContext second = SecondNode.start(dataSource)) {
            Aging other = second.getBean(Aging.class);
            for (int round = 0; round < 3; round++) {
                var a = CompletableFuture.supplyAsync(() -> aging.scan(later));
                var b = CompletableFuture.supplyAsync(() -> other.scan(later));
                a.get();
                b.get();
            }
        }

        List<RuleFiring> fired = rules.firings(stalled, ClientScope.everything());
        assertThat(fired).singleElement().satisfies(f -> assertThat(f.trigger()).isEqualTo("time"));
        TicketView escalated =
                ticketQueries.find(stalled, ClientScope.everything()).orElseThrow();
        assertThat(escalated.assigneeId()).isEqualTo(owner.id());
        assertThat(escalated.priority()).isEqualTo(Priority.URGENT);
        assertThat(escalated.tags()).contains("stalled");
        assertThat(rules.notifications(owner.id(), ClientScope.everything(), 10))
                .singleElement()
                .satisfies(n -> assertThat(n.text()).isEqualTo("#" + before.number() + " waits for 4 hours"));

        // The customer writes again before anyone answered: the same wait, which does not fire twice.
        tickets.ingest(followUp(client, store, before, "Hallo? Noch jemand da?"));
        assertThat(aging.scan(Instant.now().plus(Duration.ofHours(6)))).isZero();

        // The team answers and the customer writes back: a new wait, which fires again once it is four hours old.
        tickets.reply(
                stalled,
                ClientScope.everything(),
                new Actor(owner.id(), "Owner"),
                "Ja, es ist wasserdicht.",
                null,
                List.of());
        tickets.ingest(followUp(client, store, before, "Auch bei Starkregen?"));
        Instant wroteAgain = Instant.now();
        assertThat(aging.scan(wroteAgain.plus(Duration.ofHours(3)))).isZero();
        assertThat(aging.scan(wroteAgain.plus(Duration.ofHours(5)))).isEqualTo(1);
        assertThat(aging.scan(wroteAgain.plus(Duration.ofHours(6)))).isZero();
        assertThat(rules.firings(stalled, ClientScope.everything())).hasSize(2);
    }

    @Test
    void aTicketLongInPendingIsClosedAndOneNearItsDeadlineIsFlagged() {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        rf.save(new RuleView(
                null,
                client.id(),
                "Close forgotten pending",
                "time",
                1,
                true,
                List.of(),
                "all",
                List.of(when("status", "is", "pending"), when("in_status_for", "more_than", "10080")),
                List.of(then("set_status", "solved"), then("add_note", "Closed after a week without an answer.")),
                false,
                null));
        rf.save(new RuleView(
                null,
                client.id(),
                "Deadline close",
                "time",
                2,
                true,
                List.of(),
                "all",
                List.of(when("sla_due_in", "less_than", "30")),
                List.of(then("add_tags", "due-soon")),
                false,
                null));
        long pending = fixtures.ticket(store, "Frage", "Ist das Zelt wasserdicht?", null)
                .ticketId();
        long due =
                fixtures.ticket(store, "Frage", "Ist die Lampe dimmbar?", null).ticketId();
        rf.await(pending, t -> t.language() != null);
        rf.await(due, t -> t.language() != null);
        tickets.changeStatus(pending, ClientScope.everything(), TicketStatus.PENDING);

        Instant now = Instant.now();
        assertThat(aging.scan(now.plus(Duration.ofDays(6)))).isZero();
        assertThat(aging.scan(now.plus(Duration.ofDays(8)))).isEqualTo(1);
        assertThat(ticketQueries
                        .find(pending, ClientScope.everything())
                        .orElseThrow()
                        .status())
                .isEqualTo(TicketStatus.SOLVED);

        fixtures.awaitListenersDone(due);
        tickets.slaScheduled(due, Instant.now().plus(Duration.ofMinutes(20)), "first_response");
        assertThat(aging.scan(Instant.now())).isEqualTo(1);
        assertThat(ticketQueries
                        .find(due, ClientScope.everything())
                        .orElseThrow()
                        .tags())
                .contains("due-soon");
    }

    static IngestMessage followUp(ClientView client, StoreView store, TicketView ticket, String text) {
        return new IngestMessage(
                client.id(),
                store.id(),
                ticket.channelId(),
                ticket.customerId(),
                "Buyer",
                "Frage",
                text,
                null,
                null,
                ticket.id(),
                null,
                List.of());
    }
}
