package dev.kontor.imports.internal;

import dev.kontor.shared.FieldError;
import dev.kontor.shared.LanguageCode;
import dev.kontor.tickets.MessageKind;
import dev.kontor.tickets.Priority;
import dev.kontor.tickets.TicketStatus;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Reads the values of one ticket's fields, collecting an error per bad field instead of stopping at the first. */
final class Fields {

    private static final Pattern CATEGORY = Pattern.compile("^[a-z][a-z0-9_]{0,49}$");

    final List<FieldError> errors = new ArrayList<>();

    void error(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    /** ISO-8601 with an offset ({@code 2025-03-01T09:30:00Z}, {@code 2025-03-01T10:30:00+01:00}); no offset: UTC. */
    Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(v.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                error(field, "is not an ISO-8601 time such as 2025-03-01T09:30:00Z");
                return null;
            }
        }
    }

    TicketStatus status(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        var s = TicketStatus.fromKey(value.strip().toLowerCase(Locale.ROOT).replace('-', '_'));
        if (s.isEmpty()) {
            error(field, "must be one of new, open, pending, on_hold, solved, closed");
            return null;
        }
        return s.get();
    }

    Priority priority(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        var p = Priority.fromKey(value.strip().toLowerCase(Locale.ROOT));
        if (p.isEmpty()) {
            error(field, "must be one of low, normal, high, urgent");
            return null;
        }
        return p.get();
    }

    MessageKind kind(String field, String value) {
        if (value == null || value.isBlank()) {
            error(field, "is required (inbound, outbound or note)");
            return null;
        }
        String k = value.strip().toLowerCase(Locale.ROOT);
        for (MessageKind kind : MessageKind.values()) {
            if (kind.key().equals(k)) {
                return kind;
            }
        }
        error(field, "must be inbound, outbound or note");
        return null;
    }

    String category(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String c = value.strip().toLowerCase(Locale.ROOT);
        if (!CATEGORY.matcher(c).matches()) {
            error(field, "must be a category key such as cancellation or where_is_my_order");
            return null;
        }
        return c;
    }

    String language(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String l = value.strip().toLowerCase(Locale.ROOT);
        if (!LanguageCode.isKnown(l)) {
            error(field, "is not an ISO 639-1 language code such as de or fr");
            return null;
        }
        return l;
    }

    /** A list given as one text: separated by commas, semicolons or spaces. */
    static List<String> split(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split("[,;\\s]+")).filter(s -> !s.isBlank()).toList();
    }
}
