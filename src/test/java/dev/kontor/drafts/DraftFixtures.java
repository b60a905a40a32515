package dev.kontor.drafts;

import dev.kontor.TestFixtures;
import dev.kontor.answers.AnswerCommands.SaveTemplate;
import dev.kontor.answers.TemplateManagement;
import dev.kontor.answers.TemplateView;
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
import java.util.Map;
import org.springframework.stereotype.Component;

/** Clients with a WISMO template, shipped orders and tickets about them, as the drafts tests need them. */
@Component
public class DraftFixtures {

    static final Instant ORDERED = Instant.parse("2026-11-20T10:00:00Z");

    private final TestFixtures fixtures;
    private final TicketManagement tickets;
    private final TicketQueries ticketQueries;
    private final OrderManagement orders;
    private final ClientManagement clients;
    private final TemplateManagement templates;

    DraftFixtures(
            TestFixtures fixtures,
            TicketManagement tickets,
            TicketQueries ticketQueries,
            OrderManagement orders,
            ClientManagement clients,
            TemplateManagement templates) {
        this.fixtures = fixtures;
        this.tickets = tickets;
        this.ticketQueries = ticketQueries;
        this.orders = orders;
        this.clients = clients;
        this.templates = templates;
    }

    /** The client's "WISMO with tracking" template in English, French and German, and a 30-day return window. */
    public TemplateView wismoTemplate(long clientId) {
        templates.setReturnDays(clientId, ClientScope.everything(), 30);
        return templates.create(
                ClientScope.everything(),
                new SaveTemplate(
                        clientId,
                        null,
                        "where_is_my_order",
                        "WISMO with tracking",
                        "wismo",
                        Map.of(
                                "en",
                                "Hello {{customer.first_name}}, your order {{order.number}} is on its way with"
                                        + " {{order.carrier}}: {{order.tracking_number}} ({{order.tracking_link}})."
                                        + " You may return it until {{order.return_until}}.",
                                "fr",
                                "Bonjour {{customer.first_name}}, votre commande {{order.number}} est en route avec"
                                        + " {{order.carrier}} : {{order.tracking_number}} ({{order.tracking_link}})."
                                        + " Vous pouvez la retourner jusqu'au {{order.return_until}}.",
                                "de",
                                "Hallo {{customer.first_name}}, Ihre Bestellung {{order.number}} ist mit"
                                        + " {{order.carrier}} unterwegs: {{order.tracking_number}}"
                                        + " ({{order.tracking_link}}). Rückgabe bis {{order.return_until}}.")));
    }

    /** A shipped order of the store's API channel: two mugs, tracked with DHL, 1234.50 EUR. */
    public OrderData shippedOrder(StoreView store) {
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
                Instant.parse("2026-11-23T17:00:00Z"),
                "Anna Muster",
                "anna@example.org",
                ORDERED,
                ORDERED,
                List.of(new OrderData.Line("1", "MUG-1", "Blue mug", 2, new BigDecimal("10.00"), null, "SHIPPED")));
        orders.record(store.clientId(), clients.apiChannelOf(store.id()).id(), order);
        return order;
    }

    /** A customer's WISMO ticket in {@code language} with the customer's {@code text}, about {@code orderId}. */
    public TicketView ticket(StoreView store, String language, String orderId, String text) {
        long id = fixtures.ticket(store, "Commande", text, null).ticketId();
        fixtures.awaitListenersDone(id);
        if (orderId != null) {
            tickets.triaged(id, null, null, List.of(orderId));
        }
        tickets.correctTriage(id, ClientScope.everything(), language, "where_is_my_order");
        fixtures.awaitListenersDone(id);
        return ticketQueries.find(id, ClientScope.everything()).orElseThrow();
    }
}
