package dev.kontor.tickets;

import java.time.Instant;
import java.util.List;

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
        Instant solvedAt) {}
