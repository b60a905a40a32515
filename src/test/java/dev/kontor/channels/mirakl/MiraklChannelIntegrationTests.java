package dev.kontor.channels.mirakl;

import static dev.kontor.channels.db.Tables.MARKETPLACE_ACCOUNT;
import static dev.kontor.channels.db.Tables.MARKETPLACE_THREAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.channels.MarketplaceAccountView;
import dev.kontor.channels.MarketplaceCommands.CreateMarketplaceAccount;
import dev.kontor.channels.MarketplaceCommands.UpdateMarketplaceAccount;
import dev.kontor.channels.MarketplaceManagement;
import dev.kontor.channels.ReplyDeliveries;
import dev.kontor.channels.ReplyDelivery;
import dev.kontor.clients.StoreView;
import dev.kontor.orders.OrderActionOutcome;
import dev.kontor.orders.OrderErrors.OrderActionNotAllowed;
import dev.kontor.orders.OrderManagement;
import dev.kontor.orders.OrderView;
import dev.kontor.shared.ClientScope;
import dev.kontor.simulator.MiraklContract;
import dev.kontor.simulator.MiraklSimulator;
import dev.kontor.simulator.SimAttachment;
import dev.kontor.simulator.SimMarketplace;
import dev.kontor.simulator.SimOrder;
import dev.kontor.simulator.SimThread;
import dev.kontor.tickets.MessageKind;
import dev.kontor.tickets.MessageView;
import dev.kontor.tickets.TicketCommands.Actor;
import dev.kontor.tickets.TicketCommands.NewAttachment;
import dev.kontor.tickets.TicketDetails;
import dev.kontor.tickets.TicketManagement;
import dev.kontor.tickets.TicketQueries;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Mirakl connector against the Mirakl simulator and the real database: threads become tickets with their
 * orders, replies go out with M12, faults are handled per account, and every request and answer exchanged in these
 * tests conforms to Mirakl's OpenAPI document.
 */
@KontorIntegrationTest
class MiraklChannelIntegrationTests {

    static MiraklSimulator simulator;

    @Autowired
    MarketplaceManagement marketplaces;

    @Autowired
    MiraklAdapter adapter;

    @Autowired
    TicketManagement tickets;

    @Autowired
    TicketQueries ticketQueries;

    @Autowired
    OrderManagement orders;

    @Autowired
    ReplyDeliveries deliveries;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    DSLContext db;

    @Autowired
    dev.kontor.sla.SlaManagement sla;

    @BeforeAll
    static void startSimulator() {
        simulator = MiraklSimulator.start(0, Clock.systemUTC());
    }

    @AfterAll
    static void everyExchangeFollowsMiraklsContract() {
        try {
            List<String> violations = simulator.marketplaces().stream()
                    .flatMap(m -> MiraklContract.load().violations(m.exchanges()).stream())
                    .toList();
            assertThat(violations).isEmpty();
        } finally {
            simulator.close();
        }
    }

    record Setup(SimMarketplace market, MarketplaceAccountView account, StoreView store, long shopId) {}

    private Setup connect(boolean copyOperator) {
        String code = TestFixtures.unique("op");
        long shopId = 2000 + Math.abs(code.hashCode() % 1000);
        SimMarketplace market = simulator.marketplace(code).addShop(shopId, "Test shop", "key-" + code);
        StoreView store = fixtures.store(fixtures.client());
        MarketplaceAccountView account = marketplaces.create(new CreateMarketplaceAccount(
                store.id(),
                "Market " + code,
                "Operator " + code,
                market.baseUrl(),
                "key-" + code,
                shopId,
                copyOperator,
                3600));
        return new Setup(market, account, store, shopId);
    }

    private SimOrder order(Setup s, String orderId, String state, int lines) {
        return s.market()
                .addOrder(SimOrder.builder(s.shopId(), orderId)
                        .state(state)
                        .customer("cust-" + orderId, "Claire", "Dubois")
                        .lines(lines)
                        .build());
    }

    private Long ticketOf(Setup s, String threadId) {
        return db.select(MARKETPLACE_THREAD.TICKET_ID)
                .from(MARKETPLACE_THREAD)
                .where(MARKETPLACE_THREAD
                        .ACCOUNT_ID
                        .eq(s.account().id())
                        .and(MARKETPLACE_THREAD.THREAD_ID.eq(threadId)))
                .fetchOne(MARKETPLACE_THREAD.TICKET_ID);
    }

    private dev.kontor.sla.TicketSla slaOf(long ticketId) {
        return sla.ticketSla(ticketId, ClientScope.everything());
    }

    private List<MessageView> messages(long ticketId) {
        return ticketQueries.details(ticketId, ClientScope.everything()).messages();
    }

    @Test
    void newThreadsBecomeTicketsWithTheirOrdersAttachmentsAndReplyNeededSince() {
        Setup s = connect(false);
        order(s, "70001-A", "SHIPPING", 2);
        SimThread thread = s.market()
                .customerOpensThread(
                        s.shopId(),
                        "70001-A",
                        "cust-70001-A",
                        "Claire D.",
                        "Annulation",
                        "Bonjour, je voudrais annuler ma commande 70001-A, merci.",
                        List.of(new SimAttachment("photo.jpg", "jpeg bytes".getBytes(StandardCharsets.UTF_8))));
        s.market()
                .customerOpensThread(
                        s.shopId(), null, "cust-2", "Max M.", "Frage", "Ist der Artikel wasserdicht?", List.of());

        var outcome = adapter.poll(s.account().id());

        assertThat(outcome.error()).isNull();
        assertThat(outcome.conversations()).isEqualTo(2);
        Long ticketId = ticketOf(s, thread.id());
        assertThat(ticketId).isNotNull();
        TicketDetails details = ticketQueries.details(ticketId, ClientScope.everything());
        assertThat(details.ticket().subject()).isEqualTo("Annulation");
        assertThat(details.ticket().orderRefs()).containsExactly("70001-A");
        assertThat(details.ticket().replyNeededSince()).isNotNull();
        assertThat(details.messages()).singleElement().satisfies(m -> {
            assertThat(m.bodyText()).contains("annuler ma commande");
            assertThat(m.authorName()).isEqualTo("Claire D.");
            assertThat(m.attachments())
                    .singleElement()
                    .satisfies(a -> assertThat(a.filename()).isEqualTo("photo.jpg"));
        });
        OrderView order = orders.find(details.ticket().channelId(), "70001-A").orElseThrow();
        assertThat(order.order().state()).isEqualTo("SHIPPING");
        assertThat(order.order().canCancel()).isTrue();
        assertThat(order.order().lines()).hasSize(2);
        assertThat(order.order().customerName()).isEqualTo("Claire Dubois");
        assertThat(order.order().currency()).isNotBlank();
    }

    @Test
    void repollingAddsNothingTwiceAndAnUpdatedThreadAppendsOnlyWhatIsNew() {
        Setup s = connect(false);
        order(s, "70002-A", "SHIPPING", 1);
        SimThread thread = s.market()
                .customerOpensThread(
                        s.shopId(),
                        "70002-A",
                        "cust-70002-A",
                        "Luca B.",
                        "Dov'è il mio ordine?",
                        "Non è ancora arrivato.",
                        List.of());
        adapter.poll(s.account().id());
        adapter.poll(s.account().id());
        long ticketId = ticketOf(s, thread.id());
        assertThat(messages(ticketId)).hasSize(1);

        s.market().customerWrites(thread.id(), "Ci sono novità?", List.of());
        s.market().operatorWrites(thread.id(), "Merci de répondre au client sous 24 h.");
        s.market().shopUserWrites(thread.id(), "Spedito oggi con BRT.");
        adapter.poll(s.account().id());
        adapter.poll(s.account().id());

        List<MessageView> all = messages(ticketId);
        assertThat(all)
                .extracting(MessageView::bodyText)
                .containsExactly(
                        "Non è ancora arrivato.",
                        "Ci sono novità?",
                        "Merci de répondre au client sous 24 h.",
                        "Spedito oggi con BRT.");
        assertThat(all.get(2).authorName()).contains("Operator ");
        assertThat(all.get(3).kind()).isEqualTo(MessageKind.OUTBOUND);
        // The seller answered in the back office: Mirakl no longer waits for a reply.
        assertThat(ticketQueries
                        .find(ticketId, ClientScope.everything())
                        .orElseThrow()
                        .replyNeededSince())
                .isNull();
    }

    @Test
    void aReplyReachesTheMarketplaceOnceWithItsFileAndTheOperatorInCopy() {
        Setup s = connect(true);
        order(s, "70003-A", "SHIPPING", 1);
        SimThread thread = s.market()
                .customerOpensThread(
                        s.shopId(),
                        "70003-A",
                        "cust-70003-A",
                        "Ana G.",
                        "Factura",
                        "¿Me pueden enviar la factura?",
                        List.of());
        adapter.poll(s.account().id());
        long ticketId = ticketOf(s, thread.id());

        MessageView reply = tickets.reply(
                ticketId,
                ClientScope.everything(),
                new Actor(null, "Agent"),
                "Hola Ana, adjuntamos la factura.",
                null,
                List.of(new NewAttachment(
                        "factura.pdf", "application/pdf", "%PDF-1.4".getBytes(StandardCharsets.UTF_8))));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !deliveries.of(List.of(reply.id())).isEmpty());
        adapter.sendDue();
        adapter.sendDue();

        assertThat(s.market().replies()).singleElement().satisfies(r -> {
            assertThat(r.threadId()).isEqualTo(thread.id());
            assertThat(r.body()).isEqualTo("Hola Ana, adjuntamos la factura.");
            assertThat(r.to()).extracting(t -> t.type()).containsExactlyInAnyOrder("CUSTOMER", "OPERATOR");
            assertThat(r.files())
                    .singleElement()
                    .satisfies(f -> assertThat(f.name()).isEqualTo("factura.pdf"));
        });
        assertThat(deliveries.of(List.of(reply.id())).get(reply.id()).state()).isEqualTo(ReplyDelivery.State.SENT);

        adapter.poll(s.account().id());
        assertThat(messages(ticketId)).hasSize(2); // our own reply is not imported again
        assertThat(ticketQueries
                        .find(ticketId, ClientScope.everything())
                        .orElseThrow()
                        .replyNeededSince())
                .isNull();
    }

    @Test
    void aFailingReplyIsRetriedAndItsStateIsVisible() {
        Setup s = connect(false);
        SimThread thread = s.market()
                .customerOpensThread(
                        s.shopId(), null, "cust-x", "Jan V.", "Vraag", "Is dit product leverbaar?", List.of());
        adapter.poll(s.account().id());
        long ticketId = ticketOf(s, thread.id());
        MessageView reply = tickets.reply(
                ticketId, ClientScope.everything(), new Actor(null, "Agent"), "Ja, vanaf morgen.", null, List.of());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !deliveries.of(List.of(reply.id())).isEmpty());

        s.market().faults().fail(1, 500);
        adapter.sendDue();
        ReplyDelivery failed = deliveries.of(List.of(reply.id())).get(reply.id());
        assertThat(failed.state()).isEqualTo(ReplyDelivery.State.QUEUED);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).contains("500");
        assertThat(failed.nextAttemptAt()).isAfter(Instant.now().plusSeconds(20));

        deliveries.retry(reply.id()); // "send again"
        adapter.sendDue();
        assertThat(deliveries.of(List.of(reply.id())).get(reply.id()).state()).isEqualTo(ReplyDelivery.State.SENT);
        assertThat(s.market().replies()).hasSize(1);
    }

    @Test
    void rateLimitWaitsForRetryAfterAndNeverStopsTheOtherAccounts() {
        Setup limited = connect(false);
        Setup other = connect(false);
        limited.market().customerOpensThread(limited.shopId(), null, "c1", "A", "T", "Hello there", List.of());
        other.market().customerOpensThread(other.shopId(), null, "c2", "B", "T", "Hello again", List.of());
        limited.market().faults().rateLimit(1, 120);

        var outcome = adapter.poll(limited.account().id());
        var otherOutcome = adapter.poll(other.account().id());

        assertThat(outcome.error()).contains("429");
        assertThat(otherOutcome.conversations()).isEqualTo(1);
        MarketplaceAccountView account = marketplaces.account(limited.account().id());
        assertThat(account.blockedUntil())
                .isBetween(Instant.now().plusSeconds(100), Instant.now().plusSeconds(125));
        assertThat(account.alert()).isNull();
        assertThat(adapter.dueAccounts(Instant.now()))
                .doesNotContain(limited.account().id());
        assertThat(adapter.dueAccounts(Instant.now().plusSeconds(121)))
                .contains(limited.account().id());
    }

    @Test
    void serverErrorsAndSlowAnswersBackOffAndRecover() {
        Setup s = connect(false);
        s.market().customerOpensThread(s.shopId(), null, "c1", "A", "T", "Hello there", List.of());
        s.market().faults().fail(1, 503);

        assertThat(adapter.poll(s.account().id()).error()).contains("503");
        MarketplaceAccountView failed = marketplaces.account(s.account().id());
        assertThat(failed.consecutiveFailures()).isEqualTo(1);
        assertThat(failed.blockedUntil())
                .isBetween(Instant.now().plusSeconds(50), Instant.now().plusSeconds(61));

        s.market().faults().delay(Duration.ofSeconds(3)); // the tests' read timeout is 2 s
        assertThat(marketplaces.pollNow(s.account().id()).error()).contains("did not answer in time");
        assertThat(marketplaces.account(s.account().id()).consecutiveFailures()).isEqualTo(2);

        s.market().faults().clear();
        assertThat(marketplaces.pollNow(s.account().id()).conversations()).isEqualTo(1);
        MarketplaceAccountView healthy = marketplaces.account(s.account().id());
        assertThat(healthy.consecutiveFailures()).isZero();
        assertThat(healthy.lastError()).isNull();
    }

    @Test
    void aRevokedKeyRaisesAnAlertThatStopsPollingUntilANewKeyIsSaved() {
        Setup s = connect(false);
        s.market().customerOpensThread(s.shopId(), null, "c1", "A", "T", "Hello there", List.of());
        s.market().revokeKey("key-" + s.market().code());

        assertThat(adapter.poll(s.account().id()).error()).contains("401");
        MarketplaceAccountView alerted = marketplaces.account(s.account().id());
        assertThat(alerted.keyRefused()).isTrue();
        assertThat(adapter.dueAccounts(Instant.now().plus(Duration.ofDays(1))))
                .doesNotContain(s.account().id());
        assertThat(marketplaces.check(s.account().id()).error()).contains("401");

        s.market().addShop(s.shopId(), "Test shop", "new-key-" + s.market().code());
        marketplaces.update(
                s.account().id(),
                new UpdateMarketplaceAccount(
                        alerted.name(),
                        alerted.operatorName(),
                        alerted.baseUrl(),
                        "new-key-" + s.market().code(),
                        alerted.shopId(),
                        false,
                        3600));
        assertThat(marketplaces.account(s.account().id()).keyRefused()).isFalse();
        assertThat(marketplaces.check(s.account().id()).ok()).isTrue();
        assertThat(adapter.poll(s.account().id()).conversations()).isEqualTo(1);
    }

    @Test
    void aPollThatFailsMidwayLosesAndDuplicatesNothing() throws Exception {
        Setup s = connect(false);
        for (int i = 0; i < 150; i++) { // two M11 pages of 100
            s.market()
                    .customerOpensThread(
                            s.shopId(), null, "c" + i, "Buyer " + i, "Subject " + i, "Message number " + i, List.of());
        }
        s.market().faults().delay(Duration.ofMillis(300));
        CompletableFuture<?> poll =
                CompletableFuture.runAsync(() -> adapter.poll(s.account().id()));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> db.fetchCount(
                                MARKETPLACE_THREAD,
                                MARKETPLACE_THREAD.ACCOUNT_ID.eq(s.account().id()))
                        > 0);
        s.market().faults().fail(1000, 500); // the marketplace breaks in the middle of the poll
        poll.get();
        assertThat(marketplaces.account(s.account().id()).cursor()).isNull(); // the cursor did not move
        int before = db.fetchCount(
                MARKETPLACE_THREAD, MARKETPLACE_THREAD.ACCOUNT_ID.eq(s.account().id()));
        assertThat(before).isBetween(1, 149);

        s.market().faults().clear();
        adapter.poll(s.account().id());
        // A crash after the poll but before its cursor was saved: the next node reads everything again.
        db.update(MARKETPLACE_ACCOUNT)
                .setNull(MARKETPLACE_ACCOUNT.CURSOR_UPDATED_SINCE)
                .where(MARKETPLACE_ACCOUNT.ID.eq(s.account().id()))
                .execute();
        db.update(MARKETPLACE_THREAD)
                .set(MARKETPLACE_THREAD.DATE_UPDATED, Instant.EPOCH)
                .where(MARKETPLACE_THREAD.ACCOUNT_ID.eq(s.account().id()))
                .execute();
        adapter.poll(s.account().id());

        List<Long> ticketIds = db.select(MARKETPLACE_THREAD.TICKET_ID)
                .from(MARKETPLACE_THREAD)
                .where(MARKETPLACE_THREAD.ACCOUNT_ID.eq(s.account().id()))
                .fetch(MARKETPLACE_THREAD.TICKET_ID);
        assertThat(ticketIds).hasSize(150).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(ticketIds).allSatisfy(id -> assertThat(messages(id)).hasSize(1));
    }

    @Test
    void anAgentCancelsAnOrderAndRefusesLinesThroughTheMarketplace() {
        Setup s = connect(false);
        order(s, "70010-A", "SHIPPING", 1);
        order(s, "70011-A", "WAITING_ACCEPTANCE", 2);
        order(s, "70012-A", "SHIPPED", 1);
        SimThread cancel = s.market()
                .customerOpensThread(
                        s.shopId(), "70010-A", "cust-70010-A", "Claire D.", "Storno", "Bitte stornieren.", List.of());
        SimThread refuse = s.market()
                .customerOpensThread(
                        s.shopId(),
                        "70011-A",
                        "cust-70011-A",
                        "Claire D.",
                        "Storno",
                        "Bitte die Lampe stornieren.",
                        List.of());
        SimThread shipped = s.market()
                .customerOpensThread(
                        s.shopId(), "70012-A", "cust-70012-A", "Claire D.", "Storno", "Bitte stornieren!", List.of());
        adapter.poll(s.account().id());
        Actor agent = new Actor(null, "Agent");

        OrderActionOutcome cancelled =
                orders.cancel(ticketOf(s, cancel.id()), "70010-A", ClientScope.everything(), agent);
        assertThat(cancelled.done()).isTrue();
        assertThat(cancelled.order().order().state()).isEqualTo("CANCELED");
        assertThat(s.market().order("70010-A").state()).isEqualTo("CANCELED");
        assertThat(cancelled.order().actions())
                .singleElement()
                .satisfies(a -> assertThat(a.outcome()).isEqualTo("done"));

        long refuseTicket = ticketOf(s, refuse.id());
        String firstLine = orders.find(s.account().channelId(), "70011-A")
                .orElseThrow()
                .order()
                .lines()
                .get(0)
                .lineId();
        // Without partial acceptance the marketplace wants a decision on every line: its refusal is shown.
        OrderActionOutcome rejected =
                orders.refuseLines(refuseTicket, "70011-A", List.of(firstLine), false, ClientScope.everything(), agent);
        assertThat(rejected.outcome()).isEqualTo("rejected");
        assertThat(rejected.answer()).contains("ORDER_LINE_ACCEPTANCE_DECISION_MISSING");
        OrderActionOutcome refused =
                orders.refuseLines(refuseTicket, "70011-A", List.of(firstLine), true, ClientScope.everything(), agent);
        assertThat(refused.done()).isTrue();
        assertThat(refused.order().order().lines()).extracting(l -> l.state()).containsExactly("REFUSED", "SHIPPING");

        assertThatThrownBy(() -> orders.cancel(ticketOf(s, shipped.id()), "70012-A", ClientScope.everything(), agent))
                .isInstanceOf(OrderActionNotAllowed.class);
    }

    @Test
    void theOrderIsRefreshedWhenTheCustomerWritesAgainAndWhenLookedAtAfterAWhile() {
        Setup s = connect(false);
        order(s, "70020-A", "SHIPPING", 1);
        SimThread thread = s.market()
                .customerOpensThread(
                        s.shopId(),
                        "70020-A",
                        "cust-70020-A",
                        "Jonas K.",
                        "Lieferung",
                        "Wann kommt mein Zelt?",
                        List.of());
        adapter.poll(s.account().id());
        long ticketId = ticketOf(s, thread.id());

        s.market().ship("70020-A", "DHL", "JJD0001");
        s.market().customerWrites(thread.id(), "Und, ist es schon unterwegs?", List.of());
        adapter.poll(s.account().id());
        OrderView shipped = orders.find(s.account().channelId(), "70020-A").orElseThrow();
        assertThat(shipped.order().state()).isEqualTo("SHIPPED");
        assertThat(shipped.order().trackingNumber()).isEqualTo("JJD0001");
        assertThat(shipped.order().canCancel()).isFalse();

        db.execute(
                "update orders.order_snapshot set fetched_at = now() - interval '1 hour' where order_id = ?",
                "70020-A");
        List<OrderView> opened = orders.forTicket(ticketId, ClientScope.everything());
        assertThat(opened).singleElement().satisfies(v -> {
            assertThat(v.fetchedAt()).isAfter(Instant.now().minusSeconds(60));
            assertThat(v.refreshError()).isNull();
        });

        // The marketplace is down: the agent sees the last snapshot and why it is not newer.
        db.execute(
                "update orders.order_snapshot set fetched_at = now() - interval '1 hour' where order_id = ?",
                "70020-A");
        s.market().faults().fail(1, 502);
        assertThat(orders.forTicket(ticketId, ClientScope.everything()))
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.order().state()).isEqualTo("SHIPPED");
                    assertThat(v.refreshError()).contains("502");
                });
    }

    @Test
    void anOrderThatShipsWithoutAMessageIsSeenShippedOnTheNextPoll() {
        Setup s = connect(false);
        order(s, "70030-A", "SHIPPING", 1);
        SimThread thread = s.market()
                .customerOpensThread(
                        s.shopId(),
                        "70030-A",
                        "cust-70030-A",
                        "Eva S.",
                        "Storno",
                        "Bitte stornieren Sie die Bestellung 70030-A.",
                        List.of());
        adapter.poll(s.account().id());
        adapter.poll(s.account().id()); // the first poll only started the order cursor
        long ticketId = ticketOf(s, thread.id());

        s.market().ship("70030-A", "DHL", "JJD0002");
        adapter.poll(s.account().id());

        assertThat(orders.find(s.account().channelId(), "70030-A")
                        .orElseThrow()
                        .order()
                        .state())
                .isEqualTo("SHIPPED");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> slaOf(ticketId).cancellation() != null
                        && slaOf(ticketId).cancellation().shipped());
    }
}
