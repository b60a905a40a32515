package dev.kontor.tickets.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.clients.ClientView;
import dev.kontor.clients.StoreView;
import dev.kontor.orders.OrderEvents.OrderUpdated;
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
import org.springframework.context.ApplicationEventPublisher;
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

    @Autowired
    ApplicationEventPublisher events;

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

    @Test
    void anOrderChangeQueuesOneRecomputeForAllItsTicketsAndNoneWhenEachHasItsPassToCome() {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        String order = "70002-" + System.nanoTime() % 100000 + "-A";
        long first = fixtures.ticket(store, "Frage", "Ist das Zelt wasserdicht? Ich gehe wandern.", null)
                .ticketId();
        await().atMost(Duration.ofSeconds(120))
                .until(
                        () -> ticketQueries
                                .find(first, ClientScope.everything())
                                .orElseThrow(),
                        t -> t.category() != null);
        TicketView seed = ticketQueries.find(first, ClientScope.everything()).orElseThrow();
        long a = write(seed, null, "Wo ist meine Bestellung " + order + "?", order);
        long b = write(seed, null, "Meine Bestellung " + order + " ist noch nicht da.", order);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> ticketQueries.find(b, ClientScope.everything()).orElseThrow(), t -> t.category() != null);
        fixtures.awaitListenersDone(first, a, b);
        TransactionTemplate tx = new TransactionTemplate(transactions);
        OrderUpdated shipped = new OrderUpdated(client.id(), seed.channelId(), order, "SHIPPED", false);

        Long afterTheirPasses = tx.execute(status -> {
            events.publishEvent(shipped);
            status.setRollbackOnly();
            return orderRecomputesWaiting(order);
        });
        Long passesToCome = tx.execute(status -> {
            write(seed, a, "Noch eine Frage.", order);
            write(seed, b, "Und noch eine.", order);
            events.publishEvent(shipped);
            status.setRollbackOnly();
            return orderRecomputesWaiting(order);
        });

        assertThat(afterTheirPasses).isEqualTo(1);
        assertThat(passesToCome).isZero();
    }

    /** A customer message about the order, on a new ticket ({@code ticketId} null) or an existing one. */
    private long write(TicketView like, Long ticketId, String text, String order) {
        return tickets.ingest(new IngestMessage(
                        like.clientId(),
                        like.storeId(),
                        like.channelId(),
                        like.customerId(),
                        "Buyer",
                        ticketId == null ? "Bestellung" : null,
                        text,
                        null,
                        null,
                        ticketId,
                        null,
                        List.of(),
                        List.of(order),
                        false))
                .ticketId();
    }

    private long orderRecomputesWaiting(String order) {
        return db.fetchOne(
                        "select count(*) from platform.event_publication where completion_date is null"
                                + " and event_type like '%OrderMoved' and serialized_event like ?",
                        "%\"" + order + "\"%")
                .get(0, Long.class);
    }

    private long recomputesWaiting(long ticketId) {
        return db.fetchOne(
                        "select count(*) from platform.event_publication where completion_date is null"
                                + " and event_type like '%RecomputeDue' and serialized_event like ?",
                        "%\"ticketId\":" + ticketId + "}%")
                .get(0, Long.class);
    }
}
