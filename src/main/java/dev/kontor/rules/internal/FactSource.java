package dev.kontor.rules.internal;

import dev.kontor.clients.ClientManagement;
import dev.kontor.customers.CustomerManagement;
import dev.kontor.orders.OrderData;
import dev.kontor.orders.OrderManagement;
import dev.kontor.orders.OrderView;
import dev.kontor.sla.SlaManagement;
import dev.kontor.tickets.MessageView;
import dev.kontor.tickets.TicketQueries;
import dev.kontor.tickets.TicketView;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Facts for conditions from the modules that own them; each is read only when a condition needs it. */
@Component
class FactSource implements Facts.Source {

    private final ClientManagement clients;
    private final CustomerManagement customers;
    private final TicketQueries tickets;
    private final OrderManagement orders;
    private final SlaManagement sla;

    FactSource(
            ClientManagement clients,
            CustomerManagement customers,
            TicketQueries tickets,
            OrderManagement orders,
            SlaManagement sla) {
        this.clients = clients;
        this.customers = customers;
        this.tickets = tickets;
        this.orders = orders;
        this.sla = sla;
    }

    @Override
    public String channelKind(long channelId) {
        return clients.channel(channelId).map(c -> c.kind().key()).orElse(null);
    }

    @Override
    public String customerTier(long customerId) {
        return customers.customer(customerId).map(c -> c.tier()).orElse(null);
    }

    @Override
    public String text(TicketView ticket, Long messageId) {
        Optional<MessageView> m = messageId != null
                ? Optional.of(tickets.message(messageId))
                : tickets.latestCustomerMessage(ticket.id());
        return ticket.subject() + "\n" + m.map(MessageView::bodyText).orElse("");
    }

    @Override
    public Optional<OrderData> order(TicketView ticket) {
        return ticket.orderRefs().stream()
                .map(ref -> orders.known(ticket.clientId(), ticket.channelId(), ref))
                .flatMap(Optional::stream)
                .map(OrderView::order)
                .findFirst();
    }

    @Override
    public boolean insideBusinessHours(TicketView ticket, Instant at) {
        return sla.insideBusinessHours(ticket, at);
    }
}
