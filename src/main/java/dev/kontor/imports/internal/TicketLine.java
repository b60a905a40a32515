package dev.kontor.imports.internal;

import dev.kontor.customers.CustomerImport.Contact;
import dev.kontor.shared.FieldError;
import dev.kontor.tickets.Priority;
import dev.kontor.tickets.TicketImport.HistoricalMessage;
import dev.kontor.tickets.TicketStatus;
import java.time.Instant;
import java.util.List;

/**
 * One ticket read from an export, before customers and assignees are resolved. {@code lineNo}: the line it starts
 * on; {@code offsetAfter} and {@code lineAfter}: where the file continues after it (the checkpoint once it is
 * written). {@code errors} not empty: the ticket cannot be imported and is recorded instead.
 */
public record TicketLine(
        long lineNo,
        long offsetAfter,
        long lineAfter,
        String externalId,
        String subject,
        TicketStatus status,
        Priority priority,
        String category,
        String language,
        String assigneeEmail,
        List<String> tags,
        List<String> orderRefs,
        Contact customer,
        Instant createdAt,
        Instant updatedAt,
        Instant firstResponseAt,
        Instant solvedAt,
        Instant closedAt,
        Instant statusSince,
        List<HistoricalMessage> messages,
        List<FieldError> errors) {

    static TicketLine failed(long lineNo, long offsetAfter, long lineAfter, List<FieldError> errors) {
        return new TicketLine(
                lineNo,
                offsetAfter,
                lineAfter,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(),
                List.of(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(),
                errors);
    }

    public boolean failed() {
        return !errors.isEmpty();
    }
}
