package dev.kontor.rules;

import java.time.Instant;

/** A message a rule sent a user about a ticket. */
public record Notification(
        long id, Long ticketId, Long ticketNumber, String ruleName, String text, Instant createdAt, boolean read) {}
