package dev.kontor.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Mirakl's seller OpenAPI document as an executable contract: checks a recorded {@link Exchange} against the
 * operation it calls: the path and method exist, every query parameter is declared (or is one of the paging
 * parameters the document describes in prose), required ones are sent, the API key is sent, JSON request bodies
 * and multipart JSON parts match their schema, and a 2xx answer is a declared status whose JSON matches its
 * schema (JSON Schema 2020-12, date-time formats asserted).
 *
 * <p>Two readings of the document are applied where its schemas and its text disagree: a property whose
 * description says it is null in some case (Mirakl's {@code shop_reply_needed_since}: "Null when the shop has
 * replied") may be null, and non-standard formats ("with decimals") are not asserted.
 */
public final class MiraklContract {

    private static final Set<String> SEEK = Set.of("limit", "page_token", "sort");
    private static final Set<String> OFFSET = Set.of("paginate", "max", "offset", "sort", "order");
    private static MiraklContract instance;

    private final ObjectMapper json = new ObjectMapper();
    private final JsonNode spec;
    private final List<Operation> operations = new ArrayList<>();
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final SchemaValidatorsConfig config =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private final Map<JsonNode, JsonSchema> compiled = new HashMap<>();

    private record Operation(
            String method, String template, Pattern pattern, JsonNode node, Set<String> paging, int variables) {}

    private MiraklContract(JsonNode spec) {
        this.spec = spec;
        spec.get("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                    String method = op.getKey().toUpperCase(Locale.ROOT);
                    if (!Set.of("GET", "PUT", "POST", "DELETE", "PATCH").contains(method)) {
                        return;
                    }
                    String template = path.getKey();
                    String regex = "^" + template.replaceAll("\\{[^/]+}", "[^/]+") + "$";
                    String description =
                            op.getValue().path("description").asText("").toLowerCase(Locale.ROOT);
                    Set<String> paging = description.contains("seek pagination")
                            ? SEEK
                            : description.contains("offset pagination") ? OFFSET : Set.of();
                    int variables = template.split("\\{", -1).length - 1;
                    operations.add(
                            new Operation(method, template, Pattern.compile(regex), op.getValue(), paging, variables));
                }));
        // A literal segment wins over a placeholder: /api/orders/cancel is OR30, not /api/orders/{order_id}.
        operations.sort(Comparator.comparingInt(Operation::variables));
    }

    /** The document, read once from the test resources ({@code mirakl/mirakl-mmp-seller-openapi.json}). */
    public static synchronized MiraklContract load() {
        if (instance == null) {
            try (var in = MiraklContract.class.getResourceAsStream("/mirakl/mirakl-mmp-seller-openapi.json")) {
                if (in == null) {
                    throw new IllegalStateException("Mirakl's OpenAPI document is missing from the test resources");
                }
                instance = new MiraklContract(new ObjectMapper().readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read Mirakl's OpenAPI document", e);
            }
        }
        return instance;
    }

    public List<String> violations(Collection<Exchange> exchanges) {
        List<String> all = new ArrayList<>();
        exchanges.forEach(e -> all.addAll(violations(e)));
        return all;
    }

    public synchronized List<String> violations(Exchange e) {
        String where = e.method() + " " + e.path();
        Operation op = operations.stream()
                .filter(o -> o.method().equals(e.method())
                        && o.pattern().matcher(e.path()).matches())
                .findFirst()
                .orElse(null);
        if (op == null) {
            return List.of(where + ": no such operation in Mirakl's API");
        }
        List<String> problems = new ArrayList<>();
        String id = op.node().path("operationId").asText() + " " + where;
        checkParameters(op, e, id, problems);
        if (header(e.requestHeaders(), "Authorization") == null) {
            problems.add(id + ": no API key in the Authorization header");
        }
        checkRequestBody(op, e, id, problems);
        checkResponse(op, e, id, problems);
        return problems;
    }

    private void checkParameters(Operation op, Exchange e, String id, List<String> problems) {
        Map<String, JsonNode> declared = new HashMap<>();
        for (JsonNode p : op.node().path("parameters")) {
            JsonNode param = resolve(p);
            declared.put(param.path("name").asText(), param);
        }
        for (String name : e.query().keySet()) {
            JsonNode param = declared.get(name);
            if (param == null && !op.paging().contains(name)) {
                problems.add(id + ": query parameter '" + name + "' is not declared");
            } else if (param != null && !"query".equals(param.path("in").asText())) {
                problems.add(
                        id + ": '" + name + "' is a " + param.path("in").asText() + " parameter, sent in the query");
            }
        }
        declared.values().stream()
                .filter(p -> "query".equals(p.path("in").asText())
                        && p.path("required").asBoolean())
                .filter(p -> !e.query().containsKey(p.path("name").asText()))
                .forEach(p -> problems.add(
                        id + ": required query parameter '" + p.path("name").asText() + "' missing"));
    }

    private void checkRequestBody(Operation op, Exchange e, String id, List<String> problems) {
        JsonNode content = op.node().path("requestBody").path("content");
        boolean required = op.node().path("requestBody").path("required").asBoolean(false);
        String type =
                e.requestContentType() == null ? "" : e.requestContentType().toLowerCase(Locale.ROOT);
        if (content.isMissingNode()) {
            if (e.requestBody() != null && e.requestBody().length > 0) {
                problems.add(id + ": sends a body the operation does not take");
            }
            return;
        }
        if (e.requestBody() == null || e.requestBody().length == 0) {
            if (required) {
                problems.add(id + ": the request body is missing");
            }
            return;
        }
        if (type.startsWith("application/json") && content.has("application/json")) {
            validate(
                    content.get("application/json").get("schema"),
                    parse(e.requestBody(), id, problems),
                    id + " request",
                    problems);
        } else if (type.startsWith("multipart/form-data") && content.has("multipart/form-data")) {
            JsonNode schema = inline(content.get("multipart/form-data").get("schema"));
            String boundary = Multipart.boundary(e.requestContentType());
            List<Multipart.Part> parts = Multipart.parse(e.requestBody(), boundary);
            for (JsonNode requiredPart : schema.path("required")) {
                if (parts.stream().noneMatch(p -> requiredPart.asText().equals(p.name()))) {
                    problems.add(id + ": required multipart part '" + requiredPart.asText() + "' missing");
                }
            }
            for (Multipart.Part part : parts) {
                JsonNode partSchema = schema.path("properties").path(part.name() == null ? "" : part.name());
                if (partSchema.isMissingNode()) {
                    problems.add(id + ": multipart part '" + part.name() + "' is not declared");
                } else if ("object".equals(partSchema.path("type").asText())) {
                    if (part.contentType() == null
                            || !part.contentType().toLowerCase(Locale.ROOT).startsWith("application/json")) {
                        problems.add(id + ": multipart part '" + part.name() + "' must be sent as application/json");
                    }
                    validate(partSchema, parse(part.content(), id, problems), id + " part " + part.name(), problems);
                }
            }
        } else {
            problems.add(id + ": request content type '" + e.requestContentType() + "' is not one the operation takes "
                    + iterable(content.fieldNames()));
        }
    }

    private void checkResponse(Operation op, Exchange e, String id, List<String> problems) {
        if (e.status() < 200 || e.status() >= 300) {
            return; // Mirakl's document does not model error answers
        }
        JsonNode response = op.node().path("responses").path(String.valueOf(e.status()));
        if (response.isMissingNode()) {
            problems.add(id + ": answered " + e.status() + ", which the operation does not declare "
                    + iterable(op.node().path("responses").fieldNames()));
            return;
        }
        JsonNode content = response.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            if (e.responseBody() != null && e.responseBody().length > 0) {
                problems.add(id + ": answered " + e.status() + " with a body where the document declares none");
            }
            return;
        }
        String type =
                e.responseContentType() == null ? "" : e.responseContentType().toLowerCase(Locale.ROOT);
        if (content.has("application/json")) {
            if (!type.startsWith("application/json")) {
                problems.add(id + ": answer is '" + e.responseContentType() + "', expected application/json");
                return;
            }
            validate(
                    content.get("application/json").get("schema"),
                    parse(e.responseBody(), id, problems),
                    id + " answer",
                    problems);
        } else if (content.has("application/octet-stream") && !type.startsWith("application/octet-stream")) {
            problems.add(id + ": answer is '" + e.responseContentType() + "', expected application/octet-stream");
        }
    }

    private JsonNode parse(byte[] body, String id, List<String> problems) {
        try {
            return json.readTree(body);
        } catch (IOException ex) {
            problems.add(id + ": not JSON: " + ex.getMessage());
            return null;
        }
    }

    private void validate(JsonNode schema, JsonNode value, String where, List<String> problems) {
        if (value == null) {
            return;
        }
        JsonSchema compiledSchema = compiled.computeIfAbsent(schema, s -> factory.getSchema(inline(s), config));
        for (ValidationMessage m : compiledSchema.validate(value)) {
            problems.add(where + ": " + m.getMessage());
        }
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            current = spec.at(current.get("$ref").asText().substring(1));
        }
        return current;
    }

    /** The schema with every {@code $ref} replaced by its target (a cycle becomes "anything"). */
    JsonNode inline(JsonNode schema) {
        return inline(schema, new ArrayDeque<>());
    }

    private JsonNode inline(JsonNode node, Deque<String> refs) {
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(n -> copy.add(inline(n, refs)));
            return copy;
        }
        if (!node.isObject()) {
            return node;
        }
        if (node.has("$ref")) {
            String ref = node.get("$ref").asText();
            if (refs.contains(ref)) {
                return JsonNodeFactory.instance.objectNode();
            }
            refs.push(ref);
            JsonNode target = inline(spec.at(ref.substring(1)), refs);
            refs.pop();
            return target;
        }
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            switch (f.getKey()) {
                case "example", "examples", "xml", "discriminator", "externalDocs" -> {}
                case "format" -> {
                    String format = f.getValue().asText();
                    if (Set.of("date-time", "date", "uri", "email", "uuid").contains(format)) {
                        copy.set("format", f.getValue());
                    }
                }
                default -> copy.set(f.getKey(), inline(f.getValue(), refs));
            }
        }
        if (copy.path("properties").isObject()) {
            ObjectNode properties = (ObjectNode) copy.get("properties");
            properties.fields().forEachRemaining(p -> {
                JsonNode property = p.getValue();
                String description = property.path("description").asText("").toLowerCase(Locale.ROOT);
                if (property.isObject()
                        && property.path("type").isTextual()
                        && description.matches("(?s).*\\bnull\\b.*")) {
                    ArrayNode types = JsonNodeFactory.instance
                            .arrayNode()
                            .add(property.get("type").asText())
                            .add("null");
                    ((ObjectNode) property).set("type", types);
                }
            });
        }
        return copy;
    }

    private static String header(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty())
                .map(h -> h.getValue().get(0))
                .findFirst()
                .orElse(null);
    }

    private static List<String> iterable(Iterator<String> it) {
        List<String> list = new ArrayList<>();
        it.forEachRemaining(list::add);
        return list;
    }
}
