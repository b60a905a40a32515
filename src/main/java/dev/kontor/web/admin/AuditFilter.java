package dev.kontor.web.admin;

import dev.kontor.audit.AuditKind;
import dev.kontor.audit.AuditQuery;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The audit page's filter as typed (text, so binding never fails and the page can show what was typed); a value
 * that does not parse is a field error and filters nothing.
 */
record AuditFilter(String kind, String user, String from, String to, String page) {

    static final int PAGE_SIZE = 50;

    /** Field name to the message key of its error. */
    Map<String, String> errors() {
        Map<String, String> errors = new LinkedHashMap<>();
        check(errors, "kind", kind, AuditKind::valueOf, "audit.invalid");
        check(errors, "user", user, Long::valueOf, "audit.invalid");
        check(errors, "from", from, LocalDate::parse, "audit.invalidDate");
        check(errors, "to", to, LocalDate::parse, "audit.invalidDate");
        return errors;
    }

    AuditQuery query() {
        return new AuditQuery(
                parse(kind, AuditKind::valueOf),
                parse(user, Long::valueOf),
                parse(from, LocalDate::parse),
                parse(to, LocalDate::parse),
                nullToZero(parse(page, Integer::valueOf)),
                PAGE_SIZE);
    }

    private static int nullToZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static <T> T parse(String value, Function<String, T> parser) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return parser.apply(value.strip());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return null;
        }
    }

    private static void check(
            Map<String, String> errors, String field, String value, Function<String, ?> parser, String message) {
        if (value != null && !value.isBlank() && parse(value, parser) == null) {
            errors.put(field, message);
        }
    }
}
