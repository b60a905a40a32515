package dev.kontor.tickets.domain;

import static dev.kontor.tickets.db.Tables.TICKET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.clients.ClientView;
import dev.kontor.clients.StoreView;
import dev.kontor.shared.ClientScope;
import dev.kontor.tickets.Priority;
import dev.kontor.tickets.TicketManagement;
import dev.kontor.tickets.TicketQueries;
import dev.kontor.tickets.TicketStatus;
import java.time.Duration;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A ticket the transaction holds is written once, before the commit or before a query that reads ticket rows; what
 * the transaction reads meanwhile is what it changed, and a rollback to a savepoint takes back what was changed
 * after it.
 */
@KontorIntegrationTest
class LockedTicketsIntegrationTests {

    @Autowired
    TestFixtures fixtures;

    @Autowired
    TicketManagement tickets;

    @Autowired
    TicketQueries queries;

    @Autowired
    DSLContext db;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void severalChangesInOneTransactionReachTheRowOnceAtTheCommit() {
        long id = ticket();
        long versionBefore = version(id);
        TransactionTemplate tx = new TransactionTemplate(transactions);

        String seenInside = tx.execute(status -> {
            tickets.setPriority(id, ClientScope.everything(), Priority.HIGH);
            tickets.addTag(id, ClientScope.everything(), "vip");
            tickets.addTag(id, ClientScope.everything(), "wholesale");
            // The row itself still holds the old values; the transaction's own reads see its changes.
            assertThat(db.select(TICKET.PRIORITY)
                            .from(TICKET)
                            .where(TICKET.ID.eq(id))
                            .fetchOne(TICKET.PRIORITY))
                    .isNotEqualTo("high");
            return queries.find(id, ClientScope.everything())
                    .orElseThrow()
                    .priority()
                    .key();
        });

        assertThat(seenInside).isEqualTo("high");
        assertThat(version(id)).isEqualTo(versionBefore + 1);
        assertThat(db.select(TICKET.PRIORITY)
                        .from(TICKET)
                        .where(TICKET.ID.eq(id))
                        .fetchOne(TICKET.PRIORITY))
                .isEqualTo("high");
        assertThat(queries.find(id, ClientScope.everything()).orElseThrow().tags())
                .contains("vip", "wholesale");
    }

    @Test
    void aQueryOverTicketRowsSeesTheChangesMadeBeforeIt() {
        ClientView client = fixtures.client();
        long agent = fixtures.agent(client).id();
        long id = ticket(client);
        long other = ticket(client);
        tickets.assign(other, ClientScope.everything(), agent, null);
        long versionBefore = version(id);
        TransactionTemplate tx = new TransactionTemplate(transactions);

        List<Integer> loads = tx.execute(status -> {
            tickets.assign(id, ClientScope.everything(), agent, null);
            int withBoth = queries.openLoads(List.of(agent)).getOrDefault(agent, 0);
            tickets.changeStatus(other, ClientScope.everything(), TicketStatus.PENDING);
            int withOne = queries.openLoads(List.of(agent)).getOrDefault(agent, 0);
            tickets.setPriority(id, ClientScope.everything(), Priority.HIGH);
            int seenByAnotherClient = queries.openLoads(List.of(agent), ClientScope.of(java.util.Set.of(-1L)))
                    .getOrDefault(agent, 0);
            return List.of(withBoth, withOne, seenByAnotherClient);
        });

        assertThat(loads).containsExactly(2, 1, 0);
        // Counting loads in between wrote nothing early: the ticket's row was written once, at the commit.
        assertThat(version(id)).isEqualTo(versionBefore + 1);
    }

    @Test
    void aRollbackToASavepointTakesBackOnlyTheChangesMadeAfterIt() {
        long id = ticket();
        TransactionTemplate tx = new TransactionTemplate(transactions);
        TransactionTemplate nested = new TransactionTemplate(transactions);
        nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);

        tx.executeWithoutResult(status -> {
            tickets.setPriority(id, ClientScope.everything(), Priority.HIGH);
            nested.executeWithoutResult(inner -> {
                tickets.setPriority(id, ClientScope.everything(), Priority.LOW);
                tickets.addTag(id, ClientScope.everything(), "taken-back");
                inner.setRollbackOnly();
            });
            assertThat(queries.find(id, ClientScope.everything()).orElseThrow().priority())
                    .isEqualTo(Priority.HIGH);
        });

        var after = queries.find(id, ClientScope.everything()).orElseThrow();
        assertThat(after.priority()).isEqualTo(Priority.HIGH);
        assertThat(after.tags()).doesNotContain("taken-back");
    }

    private long ticket() {
        return ticket(fixtures.client());
    }

    private long ticket(ClientView client) {
        StoreView store = fixtures.store(client);
        long id = fixtures.ticket(store, "Lieferung", "Wo bleibt meine Bestellung?", null)
                .ticketId();
        // Its pass over first (generous: the first pass in a fresh context loads the language models).
        await().atMost(Duration.ofSeconds(120))
                .until(() -> queries.find(id, ClientScope.everything()).orElseThrow(), t -> t.language() != null);
        fixtures.awaitListenersDone(id);
        return id;
    }

    private long version(long id) {
        return db.select(TICKET.VERSION).from(TICKET).where(TICKET.ID.eq(id)).fetchOne(TICKET.VERSION);
    }
}
