package dev.kontor.sla;

import java.time.Instant;

/** SLA alerts, each raised once per ticket, metric and deadline, on one node. */
public final class SlaEvents {

    private SlaEvents() {}

    public record SlaWarningRaised(long ticketId, long clientId, String metric, Instant dueAt) {}

    public record SlaBreached(long ticketId, long clientId, String metric, Instant dueAt) {}
}
