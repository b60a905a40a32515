package dev.kontor.answers;

import dev.kontor.TestFixtures;
import dev.kontor.clients.ClientManagement;
import dev.kontor.clients.StoreView;
import dev.kontor.orders.OrderData;
import dev.kontor.orders.OrderManagement;
import dev.kontor.shared.ClientScope;
import dev.kontor.tickets.TicketManagement;
import dev.kontor.tickets.TicketQueries;
import dev.kontor.tickets.TicketView;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** Tickets about a known order, in a given language, as the answers tests need them. */
@Component
class AnswerFixtures {

    static final Instant ORDERED = Instant.parse("2026-11-20T10:00:00Z");
    static final Instant SHIP_BY = Instant.parse("2026-11-23T17:00:00Z");

    private final TestFixtures fixtures;
    private final TicketManagement tickets;
    private final OrderManagement orders;
    private final ClientManagement clients;
    private final TicketQueries ticketQueries;

    AnswerFixtures(
            TestFixtures fixtures,
            TicketManagement tickets,
            TicketQueries ticketQueries,
            OrderManagement orders,
            ClientManagement clients) {
        this.ticketQueries = ticketQueries;
        this.fixtures = fixtures;
        this.tickets = tickets;
        this.orders = orders;
        this.clients = clients;
    }

    /** A shipped order of the store's API channel: two mugs and a teapot, tracked with DHL. */
    OrderData shippedOrder(StoreView store) {
        String id = TestFixtures.unique("ORD");
        OrderData order = new OrderData(
                id,
                "C-" + id,
                "SHIPPED",
                false,
                "EUR",
                new BigDecimal("1234.50"),
                new BigDecimal("4.90"),
                "DHL",
                "JJD0099887766",
                "https://www.dhl.de/track?piececode=JJD0099887766",
                SHIP_BY,
                "Anna Muster",
                "anna@example.org",
                ORDERED,
                ORDERED,
                List.of(
                        new OrderData.Line("1", "MUG-1", "Blue mug", 2, new BigDecimal("10.00"), null, "SHIPPED"),
                        new OrderData.Line("2", "TEA-1", "Teapot", 1, new BigDecimal("30.00"), null, "SHIPPED")));
        orders.record(store.clientId(), clients.apiChannelOf(store.id()).id(), order);
        return order;
    }

    /** A customer's ticket in {@code language}, about {@code orderId} when given. */
    TicketView ticket(StoreView store, String language, String orderId) {
        long id = fixtures.ticket(store, "Where is my order?", "Where is my parcel?", null)
                .ticketId();
        fixtures.awaitListenersDone(id);
        if (orderId != null) {
            tickets.triaged(id, null, null, List.of(orderId));
        }
        tickets.correctTriage(id, ClientScope.everything(), language, "where_is_my_order");
        fixtures.awaitListenersDone(id);
        return ticketQueries.find(id, ClientScope.everything()).orElseThrow();
    }
}
