package dev.kontor.tickets;

import java.time.Instant;
import java.util.List;

/**
 * A ticket as readers see it. {@code replyNeededSince} and {@code noReplyNeeded} are what the channel says (a
 * marketplace's own count of the oldest unanswered message, or a "no reply needed" mark). {@code triageCorrected}:
 * an agent set language and category, so automatic triage keeps off them. {@code slaDueAt}: the next SLA deadline,
 * of {@code slaMetric} (first_response, next_response, resolution). {@code statusSince}: when it entered its status;
 * {@code customerWaitingSince}: the customer's oldest message not yet answered (null once the team answered).
 */
public record TicketView(
        long id,
        long number,
        TicketStatus status,
        String subject,
        long clientId,
        long storeId,
        long channelId,
        long customerId,
        String language,
        String category,
        List<String> orderRefs,
        List<String> tags,
        Priority priority,
        Long assigneeId,
        Long teamId,
        int messageCount,
        Instant createdAt,
        Instant updatedAt,
        Instant lastMessageAt,
        Instant firstResponseAt,
        Instant solvedAt,
        Instant replyNeededSince,
        boolean noReplyNeeded,
        boolean triageCorrected,
        Instant slaDueAt,
        String slaMetric,
        Instant statusSince,
        Instant customerWaitingSince) {

    /** The SLA deadline has passed (at {@code now}). */
    public boolean slaBreached(Instant now) {
        return slaDueAt != null && !slaDueAt.isAfter(now);
    }
}
