package dev.kontor.channels.mirakl;

import dev.kontor.channels.mirakl.MiraklApi.Order;
import dev.kontor.channels.mirakl.MiraklApi.OrderPage;
import dev.kontor.channels.mirakl.MiraklApi.Posted;
import dev.kontor.channels.mirakl.MiraklApi.ThreadPage;
import dev.kontor.channels.mirakl.MiraklFailure.Kind;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mirakl's seller API over HTTP, for one account per call (base URL, raw API key in {@code Authorization}, optional
 * {@code shop_id}). Every failure becomes a {@link MiraklFailure} that says what to do next.
 */
@Component
class MiraklClient {

    /** Where and as whom to call. */
    record Target(String baseUrl, String apiKey, Long shopId) {}

    /** A reply's file. */
    record File(String name, byte[] content) {}

    static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private final RestClient http;
    private final java.time.Clock clock;

    MiraklClient(MiraklSettings settings, java.time.Clock clock) {
        this.clock = clock;
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
        factory.setReadTimeout(settings.readTimeout());
        this.http = RestClient.builder()
                .requestFactory(factory)
                .defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
                .defaultHeader(HttpHeaders.USER_AGENT, "Kontor-helpdesk")
                .build();
    }

    /** M11: threads updated at or after {@code since}, with their last messages; or the page a token points to. */
    ThreadPage threads(Target t, Instant since, String pageToken, int limit) {
        Map<String, Object> q = new LinkedHashMap<>();
        if (pageToken != null) {
            q.put("page_token", pageToken);
        } else {
            if (since != null) {
                q.put("updated_since", since.toString());
            }
            q.put("with_messages", "true");
            q.put("limit", limit);
            q.put("sort", "date,ASC");
        }
        return read(call(t, HttpMethod.GET, "/api/inbox/threads", q, req -> req), ThreadPage.class);
    }

    /** M10: a thread with all its messages. */
    MiraklApi.MThread thread(Target t, String threadId) {
        return read(get(t, "/api/inbox/threads/{id}", Map.of("id", threadId)), MiraklApi.MThread.class);
    }

    /** M13: an attachment's bytes. */
    byte[] download(Target t, String attachmentId) {
        return get(t, "/api/inbox/threads/{id}/download", Map.of("id", attachmentId));
    }

    /** M12: a message into the thread, as multipart with the JSON part {@code message_input} and {@code files}. */
    Posted reply(Target t, String threadId, String body, List<Map<String, String>> to, List<File> files) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("body", body);
        input.put("to", to);
        MultiValueMap<String, HttpEntity<?>> parts = new LinkedMultiValueMap<>();
        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.parseMediaType("application/json;charset=utf-8"));
        parts.add("message_input", new HttpEntity<>(JSON.writeValueAsBytes(input), json));
        for (File f : files) {
            HttpHeaders binary = new HttpHeaders();
            binary.setContentType(MediaType.APPLICATION_OCTET_STREAM);
            parts.add("files", new HttpEntity<>(new NamedBytes(f.content(), f.name()), binary));
        }
        byte[] answer = call(
                t,
                HttpMethod.POST,
                "/api/inbox/threads/{id}/message",
                Map.of("id", threadId),
                Map.of(),
                req -> req.contentType(MediaType.MULTIPART_FORM_DATA).body(parts));
        return read(answer, Posted.class);
    }

    /** OR11 for the given order ids (at most 100 per call). */
    List<Order> orders(Target t, List<String> orderIds) {
        List<Order> all = new ArrayList<>();
        for (int i = 0; i < orderIds.size(); i += 100) {
            List<String> chunk = orderIds.subList(i, Math.min(orderIds.size(), i + 100));
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("order_ids", String.join(",", chunk));
            q.put("max", 100);
            OrderPage page = read(call(t, HttpMethod.GET, "/api/orders", q, req -> req), OrderPage.class);
            if (page.orders() != null) {
                all.addAll(page.orders());
            }
        }
        return all;
    }

    /** OR11: orders updated at or after {@code since}, a page of 100 from {@code offset}. */
    OrderPage ordersUpdatedSince(Target t, Instant since, int offset) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("start_update_date", since.toString());
        q.put("max", 100);
        q.put("offset", offset);
        return read(call(t, HttpMethod.GET, "/api/orders", q, req -> req), OrderPage.class);
    }

    /** OR29: cancels the whole order (204). */
    void cancel(Target t, String orderId) {
        call(t, HttpMethod.PUT, "/api/orders/{id}/cancel", Map.of("id", orderId), Map.of(), req -> req);
    }

    /** OR21: accepts or refuses lines of an order awaiting acceptance (204). */
    void accept(Target t, String orderId, Map<String, Boolean> decisions) {
        List<Map<String, Object>> lines = new ArrayList<>();
        decisions.forEach((id, accepted) -> lines.add(Map.of("id", id, "accepted", accepted)));
        byte[] body = JSON.writeValueAsBytes(Map.of("order_lines", lines));
        call(
                t,
                HttpMethod.PUT,
                "/api/orders/{id}/accept",
                Map.of("id", orderId),
                Map.of(),
                req -> req.contentType(MediaType.APPLICATION_JSON).body(body));
    }

    /** A GET without query parameters; {@code vars} fill the path's placeholders. */
    private byte[] get(Target t, String path, Map<String, Object> vars) {
        return call(t, HttpMethod.GET, path, vars, Map.of(), req -> req);
    }

    private byte[] call(
            Target t,
            HttpMethod method,
            String path,
            Map<String, Object> query,
            java.util.function.UnaryOperator<RestClient.RequestBodySpec> body) {
        return call(t, method, path, Map.of(), query, body);
    }

    private byte[] call(
            Target t,
            HttpMethod method,
            String path,
            Map<String, Object> vars,
            Map<String, Object> query,
            java.util.function.UnaryOperator<RestClient.RequestBodySpec> body) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(stripSlash(t.baseUrl()) + path);
        query.forEach((k, v) -> uri.queryParam(k, "{" + k + "}"));
        if (t.shopId() != null) {
            uri.queryParam("shop_id", t.shopId());
        }
        Map<String, Object> values = new LinkedHashMap<>(vars);
        values.putAll(query);
        URI target = uri.encode().buildAndExpand(values).toUri();
        try {
            RestClient.RequestBodySpec spec =
                    http.method(method).uri(target).header(HttpHeaders.AUTHORIZATION, t.apiKey());
            return body.apply(spec).exchange((request, response) -> {
                int status = response.getStatusCode().value();
                byte[] bytes = response.getBody().readAllBytes();
                if (status >= 200 && status < 300) {
                    return bytes;
                }
                throw failure(
                        status,
                        response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER),
                        clock.instant(),
                        bytes,
                        method,
                        path);
            });
        } catch (MiraklFailure f) {
            throw f;
        } catch (org.springframework.web.client.ResourceAccessException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new MiraklFailure(Kind.UNAVAILABLE, 0, describe(cause), null, e);
        } catch (RuntimeException e) {
            throw new MiraklFailure(Kind.UNAVAILABLE, 0, describe(e), null, e);
        }
    }

    private static MiraklFailure failure(
            int status, String retryAfter, Instant now, byte[] body, HttpMethod method, String path) {
        String message = "HTTP " + status + " on " + method + " " + path + messageOf(body);
        return switch (status) {
            case 401, 403 -> new MiraklFailure(Kind.UNAUTHORIZED, status, message, null, null);
            case 404 -> new MiraklFailure(Kind.NOT_FOUND, status, message, null, null);
            case 429 -> new MiraklFailure(Kind.RATE_LIMITED, status, message, retryAfter(retryAfter, now), null);
            default ->
                new MiraklFailure(
                        status >= 500 || status == 408 ? Kind.UNAVAILABLE : Kind.REJECTED, status, message, null, null);
        };
    }

    /** Mirakl answers errors as {@code {"status":400,"message":"..."}}; anything else is shown shortened. */
    private static String messageOf(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        try {
            JsonNode node = JSON.readTree(body);
            JsonNode message = node.get("message");
            if (message != null && message.isString()) {
                return ": " + message.asString();
            }
        } catch (RuntimeException e) {
            // not JSON: show the start of the text
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "" : ": " + (text.length() > 200 ? text.substring(0, 200) + "…" : text);
    }

    /** Retry-After in seconds (Mirakl's form) or as an HTTP date; a minute when missing or unreadable. */
    static Duration retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Duration.ofMinutes(1);
        }
        try {
            return Duration.ofSeconds(Math.max(1, Long.parseLong(header.strip())));
        } catch (NumberFormatException e) {
            try {
                Instant at = java.time.ZonedDateTime.parse(
                                header.strip(), java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration wait = Duration.between(now, at);
                return wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait;
            } catch (RuntimeException unreadable) {
                return Duration.ofMinutes(1);
            }
        }
    }

    private <T> T read(byte[] body, Class<T> type) {
        try {
            return JSON.readValue(body, type);
        } catch (RuntimeException e) {
            throw new MiraklFailure(
                    Kind.UNAVAILABLE, 200, "unreadable answer from the marketplace: " + describe(e), null, e);
        }
    }

    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        String name = root.getClass().getSimpleName();
        if (root instanceof java.net.http.HttpTimeoutException || root instanceof java.net.SocketTimeoutException) {
            return "the marketplace did not answer in time (" + (message == null ? name : message) + ")";
        }
        if (root instanceof java.net.ConnectException) {
            return "cannot connect to the marketplace (" + (message == null ? name : message) + ")";
        }
        if (root instanceof IOException && message == null) {
            return name;
        }
        return message == null ? name : message;
    }

    private static String stripSlash(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** Bytes with a file name, so the multipart part carries {@code filename=}. */
    private static final class NamedBytes extends ByteArrayResource {
        private final String filename;

        NamedBytes(byte[] content, String filename) {
            super(content);
            this.filename = filename;
        }

        @Override
        public String getFilename() {
            return filename;
        }
    }
}
