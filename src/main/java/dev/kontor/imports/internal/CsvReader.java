package dev.kontor.imports.internal;

import dev.kontor.customers.CustomerImport.Contact;
import dev.kontor.shared.FieldError;
import dev.kontor.tickets.MessageKind;
import dev.kontor.tickets.TicketImport.HistoricalMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The CSV format of docs/import.md: a header row naming the columns, then one row per message (RFC 4180 quoting, a
 * comma or semicolon as the separator, as the header uses). Consecutive rows with the same {@code ticket_id} form
 * one ticket; its fields come from its first row.
 */
final class CsvReader implements TicketReader {

    static final Set<String> COLUMNS = Set.of(
            "ticket_id",
            "subject",
            "status",
            "priority",
            "category",
            "language",
            "tags",
            "order_refs",
            "assignee",
            "customer_email",
            "customer_name",
            "customer_id",
            "ticket_created_at",
            "ticket_updated_at",
            "first_response_at",
            "solved_at",
            "closed_at",
            "message_id",
            "kind",
            "author",
            "created_at",
            "text",
            "html",
            "automated");

    private final LineSource lines;
    private Map<String, Integer> columns;
    private char separator = ',';
    private String headerProblem;
    private Row pending;

    /** A row, the line it starts on, and where the file stood before it. */
    private record Row(List<String> cells, long lineNo, long offsetBefore, long lineBefore) {}

    CsvReader(LineSource lines) {
        this.lines = lines;
    }

    /** A reader that resumes after the header: the header comes from the file's first line. */
    CsvReader(LineSource lines, String header) {
        this.lines = lines;
        header(header);
    }

    @Override
    public TicketLine next() {
        if (columns == null && headerProblem == null) {
            String header = lines.next();
            if (header == null) {
                return null;
            }
            header(header);
        }
        if (headerProblem != null) {
            // Nothing after a bad header can be read: one error, and the file counts as read.
            String problem = headerProblem;
            headerProblem = "";
            if (problem.isEmpty()) {
                return null;
            }
            while (lines.next() != null) {
                // skip
            }
            return TicketLine.failed(1, lines.offset(), lines.lineNo(), List.of(new FieldError("header", problem)));
        }
        List<Row> group = new ArrayList<>();
        Row row = pending != null ? pending : read();
        pending = null;
        if (row == null) {
            return null;
        }
        group.add(row);
        String ticketId = cell(row, "ticket_id");
        long offsetAfter;
        long lineAfter;
        while (true) {
            Row r = read();
            if (r == null) {
                offsetAfter = lines.offset();
                lineAfter = lines.lineNo();
                break;
            }
            String id = cell(r, "ticket_id");
            if (ticketId == null || ticketId.isBlank() || !ticketId.equals(id)) {
                pending = r;
                offsetAfter = r.offsetBefore();
                lineAfter = r.lineBefore();
                break;
            }
            group.add(r);
        }
        return ticket(group, offsetAfter, lineAfter);
    }

    private TicketLine ticket(List<Row> group, long offsetAfter, long lineAfter) {
        Row first = group.get(0);
        Fields f = new Fields();
        String ticketId = cell(first, "ticket_id");
        if (ticketId == null || ticketId.isBlank()) {
            f.error("ticket_id", "is required");
        }
        Contact customer =
                new Contact(cell(first, "customer_email"), cell(first, "customer_name"), cell(first, "customer_id"));
        if (customer.email() == null && customer.externalId() == null) {
            f.error("customer_email", "a customer_email or customer_id is required");
        } else if (customer.email() != null && !customer.email().contains("@")) {
            f.error("customer_email", "is not an e-mail address");
        }
        List<HistoricalMessage> messages = new ArrayList<>();
        for (Row r : group) {
            String prefix = "line " + r.lineNo() + ": ";
            int before = f.errors.size();
            MessageKind kind = f.kind("kind", cell(r, "kind"));
            var at = f.instant("created_at", cell(r, "created_at"));
            if (at == null && cell(r, "created_at") == null) {
                f.error("created_at", "is required");
            }
            if (group.size() > 1) {
                // Name the row of each message error: the ticket spans several lines.
                for (int i = before; i < f.errors.size(); i++) {
                    FieldError e = f.errors.get(i);
                    f.errors.set(i, new FieldError(e.field(), prefix + e.message()));
                }
            }
            messages.add(new HistoricalMessage(
                    cell(r, "message_id"),
                    kind,
                    cell(r, "author"),
                    cell(r, "text"),
                    cell(r, "html"),
                    at,
                    "true".equalsIgnoreCase(cell(r, "automated")),
                    List.of()));
        }
        return new TicketLine(
                first.lineNo(),
                offsetAfter,
                lineAfter,
                ticketId,
                cell(first, "subject"),
                f.status("status", cell(first, "status")),
                f.priority("priority", cell(first, "priority")),
                f.category("category", cell(first, "category")),
                f.language("language", cell(first, "language")),
                cell(first, "assignee"),
                Fields.split(cell(first, "tags")),
                Fields.split(cell(first, "order_refs")),
                customer,
                f.instant("ticket_created_at", cell(first, "ticket_created_at")),
                f.instant("ticket_updated_at", cell(first, "ticket_updated_at")),
                f.instant("first_response_at", cell(first, "first_response_at")),
                f.instant("solved_at", cell(first, "solved_at")),
                f.instant("closed_at", cell(first, "closed_at")),
                null,
                messages,
                f.errors);
    }

    private void header(String line) {
        separator = line.indexOf(';') >= 0 && line.indexOf(',') < 0 ? ';' : ',';
        List<String> names = split(line, null);
        Map<String, Integer> map = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i)
                    .strip()
                    .toLowerCase(Locale.ROOT)
                    .replace('-', '_')
                    .replace(' ', '_');
            if (!COLUMNS.contains(name)) {
                headerProblem = "unknown column '" + names.get(i).strip() + "' (see docs/import.md for the columns)";
                return;
            }
            map.put(name, i);
        }
        for (String required : List.of("ticket_id", "kind", "created_at")) {
            if (!map.containsKey(required)) {
                headerProblem = "the column " + required + " is required";
                return;
            }
        }
        if (!map.containsKey("text") && !map.containsKey("html")) {
            headerProblem = "a text or html column is required";
            return;
        }
        columns = map;
    }

    private Row read() {
        long offsetBefore = lines.offset();
        long lineBefore = lines.lineNo();
        String line;
        do {
            offsetBefore = lines.offset();
            lineBefore = lines.lineNo();
            line = lines.next();
            if (line == null) {
                return null;
            }
        } while (line.isBlank());
        long lineNo = lines.lineNo();
        List<String> cells = split(line, lines);
        return new Row(cells, lineNo, offsetBefore, lineBefore);
    }

    /** Splits a record; a quoted cell may go on over following lines (read from {@code more}). */
    private List<String> split(String line, LineSource more) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        String current = line;
        int i = 0;
        while (true) {
            if (i >= current.length()) {
                if (quoted && more != null) {
                    String next = more.next();
                    if (next != null) {
                        cell.append('\n');
                        current = next;
                        i = 0;
                        continue;
                    }
                }
                cells.add(cell.toString());
                return cells;
            }
            char c = current.charAt(i++);
            if (quoted) {
                if (c == '"') {
                    if (i < current.length() && current.charAt(i) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(c);
                }
            } else if (c == '"' && cell.isEmpty()) {
                quoted = true;
            } else if (c == separator) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
    }

    private String cell(Row r, String column) {
        Integer i = columns.get(column);
        if (i == null || i >= r.cells().size()) {
            return null;
        }
        String v = r.cells().get(i);
        return v.isBlank() ? null : v.strip();
    }
}
