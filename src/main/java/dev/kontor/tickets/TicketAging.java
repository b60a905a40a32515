package dev.kontor.tickets;

import java.time.Instant;

/**
 * A time window over unresolved tickets: the customer wrote last before an instant, the ticket is in its status
 * since before an instant, its next SLA deadline falls between two instants. Null parts are not applied.
 */
public record TicketAging(
        Long clientId,
        Instant customerWaitingSinceBefore,
        Instant statusSinceBefore,
        Instant slaDueAfter,
        Instant slaDueBefore) {}
