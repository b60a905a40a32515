package dev.kontor.tickets.domain;

import dev.kontor.tickets.MessageKind;
import dev.kontor.tickets.TicketStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The clock facts of a ticket that happened elsewhere (an import from another helpdesk), derived from its messages
 * where the export does not state them, so reports and SLA history read the ticket as it really went: created with
 * the first message, first response at the team's first real answer, solved and closed when the export says (else
 * at the last activity), and a customer still waiting only while the ticket is unresolved and unanswered.
 */
public final class HistoricalFacts {

    private HistoricalFacts() {}

    /** One message of the ticket: who wrote it and when. */
    public record MessageFact(MessageKind kind, Instant at, boolean automated) {}

    /** What the export states; any of the times may be null. */
    public record Stated(
            TicketStatus status,
            Instant createdAt,
            Instant updatedAt,
            Instant firstResponseAt,
            Instant solvedAt,
            Instant closedAt,
            Instant statusSince) {}

    public record Facts(
            Instant createdAt,
            Instant updatedAt,
            Instant lastMessageAt,
            Instant firstResponseAt,
            Instant solvedAt,
            Instant closedAt,
            Instant statusSince,
            Instant customerWaitingSince,
            int messageCount) {}

    /** Needs at least one message. */
    public static Facts derive(Stated stated, List<MessageFact> messages) {
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a ticket has at least one message");
        }
        List<MessageFact> ordered =
                messages.stream().sorted(Comparator.comparing(MessageFact::at)).toList();
        Instant first = ordered.get(0).at();
        Instant last = ordered.get(ordered.size() - 1).at();
        Instant created = stated.createdAt() != null ? earliest(stated.createdAt(), first) : first;
        Instant firstResponse = stated.firstResponseAt();
        if (firstResponse == null) {
            firstResponse = ordered.stream()
                    .filter(m -> m.kind() == MessageKind.OUTBOUND && !m.automated())
                    .map(MessageFact::at)
                    .findFirst()
                    .orElse(null);
        }
        TicketStatus status = stated.status();
        boolean resolved = status == TicketStatus.SOLVED || status == TicketStatus.CLOSED;
        Instant closed = null;
        Instant solved = null;
        if (resolved) {
            solved = firstOf(stated.solvedAt(), stated.closedAt(), stated.updatedAt(), last);
            if (status == TicketStatus.CLOSED) {
                closed = firstOf(stated.closedAt(), latest(solved, stated.updatedAt()));
            }
        }
        Instant updated = stated.updatedAt() != null ? stated.updatedAt() : latest(last, latest(solved, closed));
        Instant statusSince = stated.statusSince();
        if (statusSince == null) {
            statusSince = switch (status) {
                case CLOSED -> closed;
                case SOLVED -> solved;
                case NEW -> created;
                default -> last;
            };
        }
        Instant waiting = null;
        if (!resolved) {
            for (MessageFact m : ordered) {
                if (m.kind() == MessageKind.OUTBOUND && !m.automated()) {
                    waiting = null;
                } else if (m.kind() == MessageKind.INBOUND && waiting == null) {
                    waiting = m.at();
                }
            }
        }
        return new Facts(created, updated, last, firstResponse, solved, closed, statusSince, waiting, ordered.size());
    }

    private static Instant firstOf(Instant... candidates) {
        for (Instant i : candidates) {
            if (i != null) {
                return i;
            }
        }
        return null;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isAfter(b) ? a : b;
    }
}
