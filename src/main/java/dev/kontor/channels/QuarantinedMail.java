package dev.kontor.channels;

import java.time.Instant;

/** A fetched message that could not become a ticket message, kept with the reason until an admin acts. */
public record QuarantinedMail(
        long id,
        long mailboxId,
        String mailboxAddress,
        String from,
        String subject,
        long size,
        boolean oversized,
        String reason,
        int attempts,
        Instant fetchedAt) {}
