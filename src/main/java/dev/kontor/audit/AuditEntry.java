package dev.kontor.audit;

import java.time.Instant;

/**
 * One audit entry: who ({@code actorId}, empty when nobody is known, as on a failed sign-in) did what to whom
 * ({@code subjectId}) from which address; names are today's names of those users.
 */
public record AuditEntry(
        long id,
        Instant at,
        AuditKind kind,
        Long actorId,
        String actorName,
        Long subjectId,
        String subjectName,
        String address,
        String detail) {}
