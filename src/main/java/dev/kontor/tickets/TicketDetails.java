package dev.kontor.tickets;

import java.util.List;

public record TicketDetails(TicketView ticket, List<MessageView> messages) {}
