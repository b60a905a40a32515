package dev.kontor.audit;

import java.time.LocalDate;

/**
 * A filter on the audit trail: kind, a user who acted or was acted upon, a date range in UTC (both days
 * included); pages count from 0.
 */
public record AuditQuery(AuditKind kind, Long userId, LocalDate from, LocalDate to, int page, int size) {

    public AuditQuery {
        page = Math.max(0, page);
        size = Math.max(1, Math.min(500, size));
    }
}
