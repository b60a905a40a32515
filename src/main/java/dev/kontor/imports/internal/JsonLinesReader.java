package dev.kontor.imports.internal;

import dev.kontor.customers.CustomerImport.Contact;
import dev.kontor.shared.FieldError;
import dev.kontor.tickets.MessageKind;
import dev.kontor.tickets.TicketCommands.NewAttachment;
import dev.kontor.tickets.TicketImport.HistoricalMessage;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The JSON Lines format of docs/import.md: one ticket per line, blank lines ignored. */
final class JsonLinesReader implements TicketReader {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LineSource lines;

    JsonLinesReader(LineSource lines) {
        this.lines = lines;
    }

    @Override
    public TicketLine next() {
        String line;
        do {
            line = lines.next();
            if (line == null) {
                return null;
            }
        } while (line.isBlank());
        long lineNo = lines.lineNo();
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JacksonException e) {
            return TicketLine.failed(
                    lineNo,
                    lines.offset(),
                    lineNo,
                    List.of(new FieldError("line", "is not valid JSON (column " + column(e) + ")")));
        }
        if (!node.isObject()) {
            return TicketLine.failed(
                    lineNo, lines.offset(), lineNo, List.of(new FieldError("line", "must be a JSON object")));
        }
        Fields f = new Fields();
        String externalId = text(f, node, "externalId");
        JsonNode c = node.path("customer");
        Contact customer = null;
        if (!c.isObject()) {
            f.error("customer", "is required (an object with email, name, externalId)");
        } else {
            customer = new Contact(
                    text(f, c, "email", "customer.email"),
                    text(f, c, "name", "customer.name"),
                    text(f, c, "externalId", "customer.externalId"));
            if (customer.email() == null && customer.externalId() == null) {
                f.error("customer", "needs an email or an externalId");
            } else if (customer.email() != null && !customer.email().contains("@")) {
                f.error("customer.email", "is not an e-mail address");
            }
        }
        List<HistoricalMessage> messages = new ArrayList<>();
        JsonNode ms = node.path("messages");
        if (!ms.isArray()) {
            f.error("messages", "is required (an array of messages)");
        } else {
            for (int i = 0; i < ms.size(); i++) {
                messages.add(message(f, ms.get(i), "messages[" + i + "]"));
            }
        }
        var t = new TicketLine(
                lineNo,
                lines.offset(),
                lineNo,
                externalId,
                text(f, node, "subject"),
                f.status("status", text(f, node, "status")),
                f.priority("priority", text(f, node, "priority")),
                f.category("category", text(f, node, "category")),
                f.language("language", text(f, node, "language")),
                text(f, node, "assignee"),
                strings(f, node, "tags"),
                strings(f, node, "orderRefs"),
                customer,
                f.instant("createdAt", text(f, node, "createdAt")),
                f.instant("updatedAt", text(f, node, "updatedAt")),
                f.instant("firstResponseAt", text(f, node, "firstResponseAt")),
                f.instant("solvedAt", text(f, node, "solvedAt")),
                f.instant("closedAt", text(f, node, "closedAt")),
                f.instant("statusSince", text(f, node, "statusSince")),
                messages,
                f.errors);
        return t;
    }

    private static HistoricalMessage message(Fields f, JsonNode m, String at) {
        if (m == null || !m.isObject()) {
            f.error(at, "must be an object");
            return new HistoricalMessage(null, MessageKind.NOTE, null, "-", null, null, false, List.of());
        }
        MessageKind kind = f.kind(at + ".kind", text(f, m, "kind", at + ".kind"));
        List<NewAttachment> files = new ArrayList<>();
        JsonNode as = m.path("attachments");
        if (!as.isMissingNode() && !as.isNull()) {
            if (!as.isArray()) {
                f.error(at + ".attachments", "must be an array");
            } else {
                for (int i = 0; i < as.size(); i++) {
                    String field = at + ".attachments[" + i + "]";
                    JsonNode a = as.get(i);
                    String name = text(f, a, "filename", field + ".filename");
                    String b64 = text(f, a, "base64", field + ".base64");
                    if (name == null || name.isBlank()) {
                        f.error(field + ".filename", "is required");
                    }
                    if (b64 == null) {
                        f.error(field + ".base64", "is required (the file's content in base64)");
                        continue;
                    }
                    try {
                        files.add(new NewAttachment(
                                name,
                                text(f, a, "contentType", field + ".contentType"),
                                Base64.getMimeDecoder().decode(b64)));
                    } catch (IllegalArgumentException e) {
                        f.error(field + ".base64", "is not valid base64");
                    }
                }
            }
        }
        return new HistoricalMessage(
                text(f, m, "externalId", at + ".externalId"),
                kind,
                text(f, m, "author", at + ".author"),
                text(f, m, "text", at + ".text"),
                text(f, m, "html", at + ".html"),
                f.instant(at + ".createdAt", text(f, m, "createdAt", at + ".createdAt")),
                m.path("automated").asBoolean(false),
                files);
    }

    private static String text(Fields f, JsonNode node, String name) {
        return text(f, node, name, name);
    }

    /** A text value; numbers are taken as their text (ids often are numbers in exports). */
    private static String text(Fields f, JsonNode node, String name, String field) {
        JsonNode v = node.path(name);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        if (v.isString() || v.isNumber() || v.isBoolean()) {
            return v.asString();
        }
        f.error(field, "must be a text");
        return null;
    }

    private static List<String> strings(Fields f, JsonNode node, String name) {
        JsonNode v = node.path(name);
        if (v.isMissingNode() || v.isNull()) {
            return List.of();
        }
        if (v.isString()) {
            return Fields.split(v.asString());
        }
        if (!v.isArray()) {
            f.error(name, "must be an array of texts");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (e.isString() || e.isNumber()) {
                out.add(e.asString());
            } else {
                f.error(name, "must be an array of texts");
                return List.of();
            }
        }
        return out;
    }

    private static String column(JacksonException e) {
        return e.getLocation() == null ? "?" : Integer.toString(e.getLocation().getColumnNr());
    }
}
