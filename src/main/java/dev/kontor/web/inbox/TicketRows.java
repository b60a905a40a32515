package dev.kontor.web.inbox;

import dev.kontor.accounts.AccountManagement;
import dev.kontor.clients.ClientManagement;
import dev.kontor.clients.ClientView;
import dev.kontor.clients.StoreView;
import dev.kontor.customers.CustomerManagement;
import dev.kontor.shared.ClientScope;
import dev.kontor.tickets.TicketView;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Turns a page of tickets into rows with names, with one batched lookup per kind of name. */
@Component
public class TicketRows {

    private final ClientManagement clients;
    private final CustomerManagement customers;
    private final AccountManagement accounts;

    TicketRows(ClientManagement clients, CustomerManagement customers, AccountManagement accounts) {
        this.clients = clients;
        this.customers = customers;
        this.accounts = accounts;
    }

    public List<TicketRow> rows(List<TicketView> tickets, ClientScope scope) {
        if (tickets.isEmpty()) {
            return List.of();
        }
        Map<Long, String> clientNames =
                clients.clients(scope).stream().collect(Collectors.toMap(ClientView::id, ClientView::name));
        Map<Long, StoreView> stores =
                clients.storesById(tickets.stream().map(TicketView::storeId).collect(Collectors.toSet()));
        Map<Long, String> people = customers.displayNames(
                tickets.stream().map(TicketView::customerId).collect(Collectors.toSet()));
        Set<Long> assigneeIds = tickets.stream()
                .map(TicketView::assigneeId)
                .filter(Objects::nonNull)
                .collect(Collectors.toSet());
        Map<Long, String> users = assigneeIds.isEmpty() ? Map.of() : accounts.displayNames(assigneeIds);
        return tickets.stream()
                .map(t -> new TicketRow(
                        t,
                        clientNames.getOrDefault(t.clientId(), ""),
                        stores.containsKey(t.storeId())
                                ? stores.get(t.storeId()).name()
                                : "",
                        people.getOrDefault(t.customerId(), ""),
                        t.assigneeId() == null ? null : users.get(t.assigneeId())))
                .toList();
    }
}
