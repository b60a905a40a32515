package dev.kontor.tickets;

import java.util.Set;

/**
 * One page of an inbox view. Every field but {@code limit} is optional; {@code cursor} comes from the previous
 * page's {@link InboxPage#nextCursor()}.
 */
public record InboxQuery(
        Long assigneeId,
        boolean unassigned,
        Set<TicketStatus> statuses,
        Long clientId,
        Long storeId,
        Long channelId,
        Long teamId,
        String tag,
        String text,
        Sort sort,
        String cursor,
        int limit) {

    /** {@code DUE}: the queue order (breached first, then the soonest deadline, then priority). */
    public enum Sort {
        DUE,
        UPDATED_DESC,
        CREATED_DESC,
        CREATED_ASC;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public InboxQuery {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        sort = sort == null ? Sort.DUE : sort;
        limit = Math.max(1, Math.min(limit <= 0 ? 50 : limit, 200));
    }
}
