package dev.kontor.tickets;

import java.time.Instant;

/**
 * A stored customer message on its one pass through the steps that follow ingest (triage, rules, SLA): the facts
 * they need, read once for the whole batch, so no step reloads the conversation. {@code opening}: the ticket's first
 * customer message; {@code automated}: the channel says a machine sent it (an auto-reply, a bounce); {@code
 * subject}: the ticket's subject; {@code text}: the message as text.
 */
public record ReceivedMessage(
        long messageId,
        long ticketId,
        long clientId,
        long storeId,
        long channelId,
        long customerId,
        boolean opening,
        boolean automated,
        Instant receivedAt,
        String subject,
        String text) {}
