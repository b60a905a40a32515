package dev.kontor.tickets;

import java.util.List;

public record InboxPage(List<TicketView> tickets, String nextCursor) {}
