package dev.kontor.sla;

import static dev.kontor.sla.db.Tables.ALERT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kontor.KontorIntegrationTest;
import dev.kontor.SecondNode;
import dev.kontor.TestFixtures;
import dev.kontor.clients.ClientManagement;
import dev.kontor.clients.ClientView;
import dev.kontor.clients.StoreView;
import dev.kontor.orders.OrderData;
import dev.kontor.orders.OrderManagement;
import dev.kontor.shared.ClientScope;
import dev.kontor.tickets.InboxQuery;
import dev.kontor.tickets.TicketManagement;
import dev.kontor.tickets.TicketQueries;
import dev.kontor.tickets.TicketStatus;
import dev.kontor.tickets.TicketView;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

/** Deadlines from policies, the cancellation guard at the top of the queue, pause and resume, alerts raised once. */
@KontorIntegrationTest
class SlaIntegrationTests {

    @Autowired
    TestFixtures fixtures;

    @Autowired
    TicketManagement tickets;

    @Autowired
    TicketQueries ticketQueries;

    @Autowired
    OrderManagement orders;

    @Autowired
    ClientManagement clients;

    @Autowired
    SlaManagement sla;

    @Autowired
    SlaWatch watch;

    @Autowired
    DSLContext db;

    @Autowired
    DataSource dataSource;

    private SlaPolicyView policy(
            ClientView client,
            String name,
            int position,
            String category,
            Integer first,
            Integer next,
            Integer resolution) {
        return sla.savePolicy(new SlaPolicyView(
                null,
                client.id(),
                name,
                position,
                true,
                null,
                null,
                category,
                null,
                null,
                null,
                first,
                next,
                resolution,
                "calendar",
                null));
    }

    private TicketView settled(long ticketId) {
        // Generous: the first pass in a fresh context loads the language models, on a busy machine slowly.
        return await().atMost(Duration.ofSeconds(90))
                .until(
                        () -> ticketQueries
                                .find(ticketId, ClientScope.everything())
                                .orElseThrow(),
                        t -> t.category() != null && t.slaDueAt() != null);
    }

    @Test
    void aGermanCancellationForAnOrderShippingInTwoHoursLandsOnTopOfTheQueueWithThatDeadline() {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        policy(client, "Standard", 1, null, 8 * 60, 8 * 60, 3 * 24 * 60);
        Instant shipsAt = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        orders.record(
                client.id(),
                clients.apiChannelOf(store.id()).id(),
                new OrderData(
                        "66601-A",
                        "66601",
                        "SHIPPING",
                        true,
                        "EUR",
                        new BigDecimal("89.00"),
                        BigDecimal.ZERO,
                        null,
                        null,
                        null,
                        shipsAt,
                        "Jonas Keller",
                        null,
                        null,
                        null,
                        List.of(new OrderData.Line(
                                "66601-A-1",
                                "NW-TENT",
                                "Zelt",
                                1,
                                new BigDecimal("89.00"),
                                new BigDecimal("89.00"),
                                "SHIPPING"))));
        TicketView older =
                settled(fixtures.ticket(store, "Lieferung", "Wo bleibt mein Paket? Es ist noch nicht angekommen.", null)
                        .ticketId());
        TicketView cancel = settled(fixtures.ticket(
                        store,
                        "Storno",
                        "Hallo, bitte stornieren Sie meine Bestellung 66601, ich habe mich vertan.",
                        null)
                .ticketId());

        assertThat(cancel.category()).isEqualTo("cancellation");
        assertThat(cancel.orderRefs()).containsExactly("66601-A");
        assertThat(cancel.slaDueAt()).isEqualTo(shipsAt.minus(Duration.ofHours(1)));
        assertThat(older.slaDueAt()).isAfter(Instant.now().plus(Duration.ofHours(7)));

        var queue = ticketQueries.inbox(
                new InboxQuery(null, false, Set.of(), client.id(), null, null, null, null, null, null, null, 10),
                ClientScope.everything());
        assertThat(queue.tickets()).extracting(TicketView::id).startsWith(cancel.id(), older.id());

        TicketSla view = sla.ticketSla(cancel.id(), ClientScope.everything());
        assertThat(view.cancellation().orderId()).isEqualTo("66601-A");
        assertThat(view.cancellation().canCancel()).isTrue();
        assertThat(view.deadlines()).anySatisfy(d -> {
            assertThat(d.metric()).isEqualTo("first_response");
            assertThat(d.cappedByShipping()).isTrue();
        });
    }

    @Test
    void pendingPausesTheResolutionClockAndTheCustomersReplyResumesIt() {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        policy(client, "Resolution only", 1, null, null, null, 24 * 60);
        TicketView t = settled(fixtures.ticket(store, "Frage", "Ist das Zelt wasserdicht?", null)
                .ticketId());
        Instant due = t.slaDueAt();
        tickets.changeStatus(t.id(), ClientScope.everything(), TicketStatus.PENDING);
        TicketView paused = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> ticketQueries
                                .find(t.id(), ClientScope.everything())
                                .orElseThrow(),
                        v -> v.slaDueAt() == null);
        assertThat(sla.ticketSla(paused.id(), ClientScope.everything()).paused())
                .isTrue();
        tickets.changeStatus(t.id(), ClientScope.everything(), TicketStatus.OPEN);
        TicketView resumed = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> ticketQueries
                                .find(t.id(), ClientScope.everything())
                                .orElseThrow(),
                        v -> v.slaDueAt() != null);
        assertThat(resumed.slaDueAt()).isAfterOrEqualTo(due);
    }

    /** Events about these tickets whose listeners have not finished yet. */
    @Test
    void warningsAndBreachesFireOnceWithTwoAppNodesOnOneDatabase() throws Exception {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        policy(client, "Tight", 1, null, 60, 60, 60);
        TicketView late = settled(fixtures.ticket(store, "Frage", "Ist der Schlafsack lieferbar?", null)
                .ticketId());
        TicketView soon = settled(
                fixtures.ticket(store, "Frage", "Ist die Lampe dimmbar?", null).ticketId());
        // Every listener has run (no recomputation will overwrite the deadlines below).
        fixtures.awaitListenersDone(late.id(), soon.id());
        // Time passes: one deadline is behind us, the other is ten minutes away.
        db.execute("update sla.deadline set due_at = now() - interval '1 minute' where ticket_id = ?", late.id());
        db.execute("update sla.deadline set due_at = now() + interval '10 minutes' where ticket_id = ?", soon.id());

        try (ConfigurableApplicationContext second = SecondNode.start(dataSource)) {
            SlaWatch other = second.getBean(SlaWatch.class);
            for (int round = 0; round < 3; round++) {
                var a = CompletableFuture.supplyAsync(watch::scan);
                var b = CompletableFuture.supplyAsync(other::scan);
                a.get();
                b.get();
            }
        }
        var alerts = db.select(ALERT.TICKET_ID, ALERT.METRIC, ALERT.KIND)
                .from(ALERT)
                .where(ALERT.TICKET_ID.in(late.id(), soon.id()))
                .fetch(r -> r.value1() + " " + r.value2() + " " + r.value3());
        assertThat(alerts)
                .containsExactlyInAnyOrder(
                        late.id() + " first_response breach",
                        late.id() + " resolution breach",
                        soon.id() + " first_response warning",
                        soon.id() + " resolution warning");
    }

    @Test
    void theNextResponseClockRunsFromTheFirstUnansweredMessageNotTheLatest() {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        policy(client, "Responses", 1, null, 30, 90, null);
        TicketView t = settled(fixtures.ticket(store, "Frage", "Ist das Zelt wasserdicht?", null)
                .ticketId());
        assertThat(t.slaMetric()).isEqualTo("first_response");
        assertThat(t.slaDueAt())
                .isBetween(
                        t.createdAt().plus(Duration.ofMinutes(29)),
                        t.createdAt().plus(Duration.ofMinutes(31)));

        tickets.reply(
                t.id(),
                ClientScope.everything(),
                new dev.kontor.tickets.TicketCommands.Actor(null, "Anna"),
                "Ja, 3000 mm Wassersäule.",
                null,
                List.of());
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> ticketQueries
                                .find(t.id(), ClientScope.everything())
                                .orElseThrow(),
                        v -> v.slaDueAt() == null);

        var again = customerWrites(client, store, t, "Und wie schwer ist es?", null);
        TicketView next = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> ticketQueries
                                .find(t.id(), ClientScope.everything())
                                .orElseThrow(),
                        v -> "next_response".equals(v.slaMetric()));
        assertThat(next.slaDueAt())
                .isBetween(
                        next.lastMessageAt().plus(Duration.ofMinutes(89)),
                        next.lastMessageAt().plus(Duration.ofMinutes(91)));
        assertThat(again.duplicate()).isFalse();

        // The impatient buyer writes again 40 minutes later: the deadline stays where the first message put it.
        Instant later = next.lastMessageAt().plus(Duration.ofMinutes(40));
        customerWrites(client, store, t, "Hallo? Wie schwer?", later);
        fixtures.awaitListenersDone(t.id());
        TicketView after = ticketQueries.find(t.id(), ClientScope.everything()).orElseThrow();
        assertThat(after.lastMessageAt()).isEqualTo(later);
        assertThat(after.slaMetric()).isEqualTo("next_response");
        assertThat(after.slaDueAt()).isEqualTo(next.slaDueAt());
    }

    @Test
    void aReplyTheChannelReportsLateAnswersOnlyWhatWasWrittenBeforeItAndAnOutOfOfficeStartsNoClock() {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        policy(client, "Responses", 1, null, 30, 90, null);
        TicketView t = settled(fixtures.ticket(store, "Frage", "Ist das Zelt wasserdicht?", null)
                .ticketId());
        Instant opened = t.createdAt();
        Instant second = opened.plus(Duration.ofMinutes(20));
        customerWrites(client, store, t, "Und wie schwer ist es?", second);
        fixtures.awaitListenersDone(t.id());

        // The shop answered on the marketplace between the two messages; the channel reports it only now.
        tickets.recordChannelReply(new dev.kontor.tickets.TicketCommands.RecordChannelReply(
                t.id(),
                clients.apiChannelOf(store.id()).id(),
                "shop-reply-1",
                "Shop",
                "Ja, 3000 mm Wassersäule.",
                opened.plus(Duration.ofMinutes(10))));
        // An out-of-office from the buyer's mail system afterwards is no customer waiting.
        tickets.ingest(new dev.kontor.tickets.TicketCommands.IngestMessage(
                client.id(),
                store.id(),
                clients.apiChannelOf(store.id()).id(),
                t.customerId(),
                "Buyer",
                null,
                "Ich bin bis Montag nicht im Büro.",
                null,
                null,
                t.id(),
                second.plus(Duration.ofMinutes(5)),
                List.of(),
                List.of(),
                true));
        tickets.setPriority(t.id(), ClientScope.everything(), dev.kontor.tickets.Priority.HIGH);
        fixtures.awaitListenersDone(t.id());

        TicketView after = ticketQueries.find(t.id(), ClientScope.everything()).orElseThrow();
        assertThat(after.firstResponseAt()).isEqualTo(opened.plus(Duration.ofMinutes(10)));
        assertThat(after.customerWaitingSince()).isEqualTo(second);
        assertThat(after.slaMetric()).isEqualTo("next_response");
        assertThat(after.slaDueAt()).isEqualTo(second.plus(Duration.ofMinutes(90)));
    }

    @Test
    void aReplyTheChannelReportsStopsTheFirstResponseClockByItself() {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        policy(client, "Responses", 1, null, 30, 90, null);
        TicketView t = settled(fixtures.ticket(store, "Frage", "Ist das Zelt wasserdicht?", null)
                .ticketId());
        assertThat(t.slaMetric()).isEqualTo("first_response");

        tickets.recordChannelReply(new dev.kontor.tickets.TicketCommands.RecordChannelReply(
                t.id(),
                clients.apiChannelOf(store.id()).id(),
                "shop-reply-2",
                "Shop",
                "Ja, 3000 mm Wassersäule.",
                t.createdAt().plus(Duration.ofMinutes(5))));

        TicketView after = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> ticketQueries
                                .find(t.id(), ClientScope.everything())
                                .orElseThrow(),
                        v -> v.slaDueAt() == null);
        assertThat(after.firstResponseAt()).isEqualTo(t.createdAt().plus(Duration.ofMinutes(5)));
    }

    private dev.kontor.tickets.IngestResult customerWrites(
            ClientView client, StoreView store, TicketView t, String text, Instant at) {
        return tickets.ingest(new dev.kontor.tickets.TicketCommands.IngestMessage(
                client.id(),
                store.id(),
                clients.apiChannelOf(store.id()).id(),
                t.customerId(),
                "Buyer",
                null,
                text,
                null,
                null,
                t.id(),
                at,
                List.of()));
    }

    @Test
    void theMarketplaceClockRunsFromItsReplyNeededSinceAndStopsWhenNoReplyIsNeeded() {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        sla.savePolicy(new SlaPolicyView(
                null,
                client.id(),
                "Marketplace",
                1,
                true,
                null,
                null,
                null,
                null,
                null,
                null,
                24 * 60,
                24 * 60,
                null,
                "marketplace",
                null));
        long id = fixtures.ticket(store, "Frage", "Ist das Zelt wasserdicht?", null)
                .ticketId();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ticketQueries
                                .find(id, ClientScope.everything())
                                .orElseThrow()
                                .category()
                        != null);
        Instant since = Instant.parse("2026-11-20T08:00:00Z");
        tickets.channelAttention(id, since, false);
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> ticketQueries
                                .find(id, ClientScope.everything())
                                .orElseThrow()
                                .slaDueAt(),
                        due -> since.plus(Duration.ofHours(24)).equals(due));
        tickets.channelAttention(id, since, true);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ticketQueries
                                .find(id, ClientScope.everything())
                                .orElseThrow()
                                .slaDueAt()
                        == null);
    }
}
