package dev.kontor.tickets.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.clients.ClientView;
import dev.kontor.clients.StoreView;
import dev.kontor.shared.ClientScope;
import dev.kontor.tickets.TicketCommands.IngestMessage;
import dev.kontor.tickets.TicketManagement;
import dev.kontor.tickets.TicketQueries;
import dev.kontor.tickets.TicketStatus;
import dev.kontor.tickets.TicketView;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A change the message pass makes to a ticket's clock facts (triage's category, a rule's tags or priority) is left
 * to the pass's SLA step, which runs last in the same transaction; the same change made anywhere else still
 * recomputes the deadlines from the publication registry.
 */
@KontorIntegrationTest
class SlaInThePassIntegrationTests {

    @Autowired
    TestFixtures fixtures;

    @Autowired
    TicketManagement tickets;

    @Autowired
    TicketQueries ticketQueries;

    @Autowired
    DSLContext db;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aChangeInThePassWritesNoSlaRecomputeWhileTheSameChangeOutsideDoes() {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        long id = fixtures.ticket(store, "Frage", "Ist das Zelt wasserdicht? Ich gehe nächste Woche wandern.", null)
                .ticketId();
        // Generous: the first pass in a fresh context loads the language models, on a busy machine slowly.
        await().atMost(Duration.ofSeconds(120))
                .until(() -> ticketQueries.find(id, ClientScope.everything()).orElseThrow(), t -> t.category() != null);
        fixtures.awaitListenersDone(id);
        TransactionTemplate tx = new TransactionTemplate(transactions);

        Long inPass = tx.execute(status -> {
            PassingTickets.during(Set.of(id), () -> tickets.triaged(id, null, null, List.of("70001-A")));
            status.setRollbackOnly();
            return recomputesWaiting(id);
        });
        Long outside = tx.execute(status -> {
            tickets.triaged(id, null, null, List.of("70001-A"));
            status.setRollbackOnly();
            return recomputesWaiting(id);
        });

        // Triage finding an order reference moves the clock (a cancellation guard may follow from the order).
        assertThat(inPass).isZero();
        assertThat(outside).isEqualTo(1);
    }

    @Test
    void aStatusChangeInTheTransactionThatStoresACustomerMessageLeavesTheRecomputeToTheFollowingPass() {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        var first = fixtures.ticket(store, "Frage", "Ist das Zelt wasserdicht? Ich gehe nächste Woche wandern.", null);
        long id = first.ticketId();
        await().atMost(Duration.ofSeconds(120))
                .until(() -> ticketQueries.find(id, ClientScope.everything()).orElseThrow(), t -> t.category() != null);
        fixtures.awaitListenersDone(id);
        TicketView before = ticketQueries.find(id, ClientScope.everything()).orElseThrow();
        TransactionTemplate tx = new TransactionTemplate(transactions);

        Long withMessage = tx.execute(status -> {
            tickets.changeStatus(id, ClientScope.everything(), TicketStatus.PENDING);
            long alone = recomputesWaiting(id);
            tickets.ingest(new IngestMessage(
                    client.id(),
                    store.id(),
                    before.channelId(),
                    before.customerId(),
                    "Buyer",
                    null,
                    "Und ist es auch winddicht?",
                    null,
                    null,
                    id,
                    null,
                    List.of(),
                    List.of(),
                    false));
            status.setRollbackOnly();
            // The status change alone asked for one; the customer's message (reopening the ticket) asks for none.
            return recomputesWaiting(id) - alone;
        });

        assertThat(withMessage).isZero();
    }

    private long recomputesWaiting(long ticketId) {
        return db.fetchOne(
                        "select count(*) from platform.event_publication where completion_date is null"
                                + " and event_type like '%RecomputeDue' and serialized_event like ?",
                        "%\"ticketId\":" + ticketId + "}%")
                .get(0, Long.class);
    }
}
