package dev.kontor.web.inbox;

import dev.kontor.tickets.TicketView;

/** One inbox line: the ticket with the names an agent reads instead of ids. */
public record TicketRow(
        TicketView ticket, String clientName, String storeName, String customerName, String assigneeName) {}
