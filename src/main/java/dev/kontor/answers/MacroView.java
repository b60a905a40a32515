package dev.kontor.answers;

import java.time.Instant;
import java.util.List;

/**
 * A macro: an optional template put into the reply plus actions on the ticket, applied in one step. Null fields
 * leave that property as it is.
 */
public record MacroView(
        long id,
        long clientId,
        String name,
        Long templateId,
        List<String> addTags,
        List<String> removeTags,
        String status,
        String priority,
        String category,
        Long teamId,
        Long assigneeId,
        String note,
        int usageCount,
        Instant updatedAt) {}
