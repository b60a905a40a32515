package dev.kontor.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One simulated Mirakl instance (one operator), served under {@code /<code>/api/...}: its shops and API keys,
 * threads, orders, attachments, the replies shops posted, faults to inject, and every exchange for contract
 * tests. All state is guarded by this object's lock.
 */
public final class SimMarketplace {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_EXCHANGES = 10_000;

    private final String code;
    private final String baseUrl;
    private final String operatorName;
    private final Clock clock;
    private final Map<Long, String> shops = new HashMap<>();
    private final Map<String, Long> keys = new HashMap<>();
    private final Set<String> revoked = new LinkedHashSet<>();
    private final Map<String, SimThread> threads = new LinkedHashMap<>();
    private final Map<String, SimOrder> orders = new LinkedHashMap<>();
    private final Map<String, SimAttachment> files = new HashMap<>();
    private final List<PostedReply> replies = new ArrayList<>();
    private final Deque<Exchange> exchanges = new ArrayDeque<>();
    private final Faults faults = new Faults();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicLong orderNumbers = new AtomicLong(10_000);
    private Instant lastStamp = Instant.EPOCH;
    private ScheduledExecutorService generator;

    SimMarketplace(String code, String baseUrl, Clock clock) {
        this.code = code;
        this.baseUrl = baseUrl;
        this.clock = clock;
        String words = code.replace('-', ' ');
        this.operatorName = words.isEmpty() ? code : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    public String code() {
        return code;
    }

    /** Where the seller API lives; a client appends {@code /api/...}. */
    public String baseUrl() {
        return baseUrl;
    }

    public synchronized SimMarketplace addShop(long shopId, String shopName, String apiKey) {
        shops.put(shopId, shopName);
        keys.put(apiKey, shopId);
        revoked.remove(apiKey);
        return this;
    }

    public synchronized void revokeKey(String apiKey) {
        revoked.add(apiKey);
    }

    public synchronized SimOrder addOrder(SimOrder order) {
        orders.put(order.orderId, order);
        return order;
    }

    public synchronized SimOrder order(String orderId) {
        return orders.get(orderId);
    }

    public synchronized SimThread thread(String threadId) {
        return threads.get(threadId);
    }

    public synchronized SimThread customerOpensThread(
            long shopId,
            String orderIdOrNull,
            String customerId,
            String customerName,
            String topic,
            String body,
            List<SimAttachment> attachments) {
        Instant now = stamp();
        SimThread t = new SimThread(
                UUID.randomUUID().toString(), shopId, orderIdOrNull, customerId, customerName, topic, now);
        threads.put(t.id, t);
        add(t, "CUSTOMER_USER", customerName, body, attachments, now);
        return t;
    }

    public synchronized void customerWrites(String threadId, String body, List<SimAttachment> attachments) {
        SimThread t = threads.get(threadId);
        add(t, "CUSTOMER_USER", t.customerName, body, attachments, stamp());
    }

    public synchronized void operatorWrites(String threadId, String body) {
        add(threads.get(threadId), "OPERATOR_USER", operatorName + " support", body, List.of(), stamp());
    }

    /** A seller's answer typed in Mirakl's own back office (not through the API). */
    public synchronized void shopUserWrites(String threadId, String body) {
        SimThread t = threads.get(threadId);
        add(t, "SHOP_USER", shops.getOrDefault(t.shopId, "Shop"), body, List.of(), stamp());
    }

    public synchronized void markNoReplyNeeded(String threadId, String userType) {
        SimThread t = threads.get(threadId);
        Instant now = stamp();
        t.noReplyNeeded.add(new SimThread.NoReply(now, userType));
        t.updatedAt = now;
    }

    public synchronized List<PostedReply> replies() {
        return List.copyOf(replies);
    }

    public Faults faults() {
        return faults;
    }

    public synchronized List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    public synchronized void clearExchanges() {
        exchanges.clear();
    }

    public int requestCount() {
        return requests.get();
    }

    /** {@code count} new orders, each with a customer thread in the customer's language; about half attach a photo. */
    public synchronized void generateThreads(int count, Random random) {
        long shopId =
                shops.keySet().stream().findFirst().orElseThrow(() -> new IllegalStateException("add a shop first"));
        for (int i = 0; i < count; i++) {
            String[] message = CustomerTexts.message(random);
            String[] name = CustomerTexts.name(message[0], random);
            String number = String.valueOf(orderNumbers.incrementAndGet());
            String orderId = number + "-A";
            Instant created = clock.instant()
                    .minus(Duration.ofHours(2 + random.nextInt(72)))
                    .truncatedTo(ChronoUnit.SECONDS);
            int pick = random.nextInt(10);
            String state = pick < 6 ? "SHIPPING" : pick < 8 ? "SHIPPED" : "WAITING_ACCEPTANCE";
            SimOrder.Builder order = SimOrder.builder(shopId, orderId)
                    .state(state)
                    .created(created)
                    .currency(message[0].equals("pl") ? "PLN" : message[0].equals("sv") ? "SEK" : "EUR")
                    .customer("C" + number, name[0], name[1])
                    .lines(1 + random.nextInt(3));
            if (state.equals("SHIPPED")) {
                order.carrier(
                        "DHL",
                        "DHL Paket",
                        "00340434" + number,
                        "https://www.dhl.de/track?piececode=00340434" + number);
            }
            addOrder(order.build());
            List<SimAttachment> photo = random.nextBoolean()
                    ? List.of(new SimAttachment("photo-" + number + ".jpg", photoBytes(random)))
                    : List.of();
            String body = message[2].contains("%s") ? message[2].formatted(number) : message[2];
            customerOpensThread(
                    shopId, orderId, "C" + number, name[0] + " " + name[1].charAt(0) + ".", message[1], body, photo);
        }
    }

    /** Adds one new thread every {@code every} until the simulator closes (the demo's living inbox). */
    public synchronized void startGenerating(Duration every, Random random) {
        if (generator != null) {
            return;
        }
        generator = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mirakl-sim-" + code);
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(100, every.toMillis());
        generator.scheduleWithFixedDelay(
                () -> {
                    try {
                        generateThreads(1, random);
                    } catch (RuntimeException e) {
                        // keep generating
                    }
                },
                millis,
                millis,
                TimeUnit.MILLISECONDS);
    }

    synchronized void stop() {
        if (generator != null) {
            generator.shutdownNow();
        }
    }

    private static byte[] photoBytes(Random random) {
        byte[] b = new byte[2048 + random.nextInt(4096)];
        random.nextBytes(b);
        b[0] = (byte) 0xFF;
        b[1] = (byte) 0xD8; // JPEG magic, so viewers recognise it
        return b;
    }

    private void add(
            SimThread t, String fromType, String fromName, String body, List<SimAttachment> attachments, Instant at) {
        if (t == null) {
            throw new IllegalArgumentException("unknown thread");
        }
        List<SimThread.File> stored = new ArrayList<>();
        for (SimAttachment a : attachments == null ? List.<SimAttachment>of() : attachments) {
            String id = UUID.randomUUID().toString();
            files.put(id, a);
            stored.add(new SimThread.File(id, a.name(), a.content().length));
        }
        List<String[]> to = new ArrayList<>();
        if ("SHOP_USER".equals(fromType)) {
            to.add(new String[] {"CUSTOMER", t.customerId, t.customerName});
        } else {
            to.add(new String[] {"SHOP", String.valueOf(t.shopId), shops.getOrDefault(t.shopId, "Shop")});
        }
        t.messages.add(new SimThread.Message(UUID.randomUUID().toString(), at, body, fromType, fromName, to, stored));
        t.updatedAt = at;
    }

    /** Strictly increasing milliseconds, so every change has its own update time as on a real instance. */
    private Instant stamp() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (!now.isAfter(lastStamp)) {
            now = lastStamp.plusMillis(1);
        }
        lastStamp = now;
        return now;
    }

    // ---------------------------------------------------------------- HTTP

    void handle(HttpExchange http, String path) throws IOException {
        requests.incrementAndGet();
        byte[] body = http.getRequestBody().readAllBytes();
        Map<String, List<String>> query = query(http.getRequestURI().getRawQuery());
        Answer answer;
        try {
            Duration delay = faults.delay();
            if (!delay.isZero()) {
                Thread.sleep(delay.toMillis());
            }
            answer = answer(http, path, query, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer = error(503, "interrupted");
        } catch (BadRequest e) {
            answer = error(e.status, e.getMessage());
        } catch (RuntimeException e) {
            answer = error(400, String.valueOf(e.getMessage()));
        }
        Map<String, List<String>> responseHeaders = new LinkedHashMap<>();
        if (answer.contentType != null) {
            http.getResponseHeaders().set("Content-Type", answer.contentType);
            responseHeaders.put("Content-Type", List.of(answer.contentType));
        }
        answer.headers.forEach((k, v) -> {
            http.getResponseHeaders().set(k, v);
            responseHeaders.put(k, List.of(v));
        });
        byte[] out = answer.body == null ? new byte[0] : answer.body;
        http.sendResponseHeaders(answer.status, out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            try (OutputStream os = http.getResponseBody()) {
                os.write(out);
            }
        }
        http.close();
        record(new Exchange(
                http.getRequestMethod(),
                path,
                query,
                Map.copyOf(http.getRequestHeaders()),
                http.getRequestHeaders().getFirst("Content-Type"),
                body,
                answer.status,
                responseHeaders,
                answer.contentType,
                out));
    }

    private synchronized void record(Exchange e) {
        exchanges.addLast(e);
        while (exchanges.size() > MAX_EXCHANGES) {
            exchanges.removeFirst();
        }
    }

    private record Answer(int status, String contentType, byte[] body, Map<String, String> headers) {}

    private static final class BadRequest extends RuntimeException {
        final int status;

        BadRequest(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private Answer answer(HttpExchange http, String path, Map<String, List<String>> q, byte[] body) {
        int[] fault = faults.take();
        if (fault != null) {
            Answer a = error(fault[0], fault[0] == 429 ? "Too many requests" : "Internal server error");
            if (fault[1] >= 0) {
                a.headers.put("Retry-After", String.valueOf(fault[1]));
            }
            return a;
        }
        long shopId = authenticate(http.getRequestHeaders().getFirst("Authorization"), first(q, "shop_id"));
        String method = http.getRequestMethod();
        String[] p = path.split("/");
        // p[0] = "", p[1] = "api", ...
        synchronized (this) {
            if (p.length >= 4 && p[2].equals("inbox") && p[3].equals("threads")) {
                if (p.length == 4 && method.equals("GET")) {
                    return json(200, threadsPage(shopId, q));
                }
                if (p.length == 6 && p[5].equals("download") && method.equals("GET")) {
                    return download(p[4]);
                }
                if (p.length == 5 && method.equals("GET")) {
                    SimThread t = ownThread(shopId, p[4]);
                    return json(200, threadJson(t, true));
                }
                if (p.length == 6 && p[5].equals("message") && method.equals("POST")) {
                    return json(
                            201,
                            reply(
                                    ownThread(shopId, p[4]),
                                    http.getRequestHeaders().getFirst("Content-Type"),
                                    body));
                }
            }
            if (p.length >= 3 && p[2].equals("orders")) {
                if (p.length == 3 && method.equals("GET")) {
                    return json(200, ordersPage(shopId, q));
                }
                if (p.length == 4 && p[3].equals("cancel") && method.equals("PUT")) {
                    return json(200, cancelLines(shopId, body));
                }
                if (p.length == 5 && p[4].equals("cancel") && method.equals("PUT")) {
                    cancel(ownOrder(shopId, p[3]));
                    return new Answer(204, null, null, new LinkedHashMap<>());
                }
                if (p.length == 5 && p[4].equals("accept") && method.equals("PUT")) {
                    accept(ownOrder(shopId, p[3]), body);
                    return new Answer(204, null, null, new LinkedHashMap<>());
                }
                if (p.length == 5 && p[4].equals("threads") && method.equals("POST")) {
                    return json(
                            201,
                            openThread(
                                    ownOrder(shopId, p[3]),
                                    http.getRequestHeaders().getFirst("Content-Type"),
                                    body));
                }
            }
        }
        throw new BadRequest(404, "No resource " + method + " " + path);
    }

    private long authenticate(String key, String shopParam) {
        synchronized (this) {
            if (key == null || !keys.containsKey(key) || revoked.contains(key)) {
                throw new BadRequest(401, "Unauthorized: invalid or revoked API key");
            }
            long shop = keys.get(key);
            if (shopParam != null && !shopParam.equals(String.valueOf(shop))) {
                throw new BadRequest(403, "Forbidden: the API key has no access to shop " + shopParam);
            }
            return shop;
        }
    }

    private SimThread ownThread(long shopId, String id) {
        SimThread t = threads.get(id);
        if (t == null || t.shopId != shopId) {
            throw new BadRequest(404, "Thread not found: " + id);
        }
        return t;
    }

    private SimOrder ownOrder(long shopId, String id) {
        SimOrder o = orders.get(id);
        if (o == null || o.shopId != shopId) {
            throw new BadRequest(404, "ORDER_NOT_FOUND: " + id);
        }
        return o;
    }

    // ---------------------------------------------------------------- M11, M10, M13

    /** Seek paging over (date_updated, id); a token carries the filters and the position, opaque to clients. */
    private Map<String, Object> threadsPage(long shopId, Map<String, List<String>> q) {
        Map<String, String> f = new HashMap<>();
        String token = first(q, "page_token");
        if (token != null) {
            try {
                String decoded =
                        new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
                for (String kv : decoded.split("&")) {
                    int eq = kv.indexOf('=');
                    f.put(kv.substring(0, eq), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
                }
            } catch (RuntimeException e) {
                throw new BadRequest(400, "Invalid page_token");
            }
        } else {
            for (String k : List.of("updated_since", "with_messages", "entity_type", "entity_id", "limit", "sort")) {
                if (first(q, k) != null) {
                    f.put(k, first(q, k));
                }
            }
            if (f.containsKey("entity_id") && !f.containsKey("entity_type")) {
                throw new BadRequest(400, "entity_id requires entity_type");
            }
        }
        int limit = f.containsKey("limit") ? parseInt(f.get("limit"), "limit") : 50;
        if (limit < 1 || limit > 100) {
            throw new BadRequest(400, "limit must be between 1 and 100");
        }
        String sort = f.getOrDefault("sort", "date,DESC");
        boolean asc = sort.equalsIgnoreCase("date,ASC");
        if (!asc && !sort.equalsIgnoreCase("date,DESC")) {
            throw new BadRequest(400, "Unsupported sort: " + sort);
        }
        Instant since = f.containsKey("updated_since") ? dateTime(f.get("updated_since"), "updated_since") : null;
        Set<String> entityIds =
                f.containsKey("entity_id") ? Set.of(f.get("entity_id").split(",")) : null;
        Comparator<SimThread> order =
                Comparator.comparing((SimThread t) -> t.updatedAt).thenComparing(t -> t.id);
        if (!asc) {
            order = order.reversed();
        }
        List<SimThread> all = threads.values().stream()
                .filter(t -> t.shopId == shopId)
                .filter(t -> since == null || !t.updatedAt.isBefore(since))
                // Only order threads carry an entity here, so any other entity type matches nothing.
                .filter(t -> !f.containsKey("entity_type")
                        || ("MMP_ORDER".equals(f.get("entity_type")) && t.orderId != null))
                .filter(t -> entityIds == null || entityIds.contains(t.orderId))
                .sorted(order)
                .toList();
        int from = 0;
        int end = Math.min(all.size(), limit);
        if (f.containsKey("after")) {
            from = Math.min(all.size(), indexAfter(all, f.get("after"), order));
            end = Math.min(all.size(), from + limit);
        } else if (f.containsKey("before")) {
            end = Math.max(0, indexAfter(all, f.get("before"), order) - 1); // the "before" thread itself is excluded
            from = Math.max(0, end - limit);
        }
        List<SimThread> page = all.subList(from, end);
        boolean withMessages = Boolean.parseBoolean(f.getOrDefault("with_messages", "false"));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("data", page.stream().map(t -> threadJson(t, withMessages)).toList());
        Map<String, String> base = new LinkedHashMap<>(f);
        base.remove("after");
        base.remove("before");
        base.put("limit", String.valueOf(limit));
        base.put("sort", asc ? "date,ASC" : "date,DESC");
        if (!page.isEmpty() && end < all.size()) {
            result.put("next_page_token", token(base, "after", position(page.get(page.size() - 1))));
        }
        if (!page.isEmpty() && from > 0) {
            result.put("previous_page_token", token(base, "before", position(page.get(0))));
        }
        return result;
    }

    private static String position(SimThread t) {
        return t.updatedAt.toEpochMilli() + "|" + t.id;
    }

    private static int indexAfter(List<SimThread> sorted, String position, Comparator<SimThread> order) {
        String[] parts = position.split("\\|", 2);
        SimThread probe =
                new SimThread(parts[1], 0, null, null, null, null, Instant.ofEpochMilli(Long.parseLong(parts[0])));
        for (int i = 0; i < sorted.size(); i++) {
            if (order.compare(sorted.get(i), probe) > 0) {
                return i;
            }
        }
        return sorted.size();
    }

    private static String token(Map<String, String> filters, String key, String position) {
        StringBuilder s = new StringBuilder();
        Map<String, String> all = new LinkedHashMap<>(filters);
        all.put(key, position);
        all.forEach((k, v) -> s.append(s.isEmpty() ? "" : "&")
                .append(k)
                .append('=')
                .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
        String payload = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(s.toString().getBytes(StandardCharsets.UTF_8));
        return payload + "." + Integer.toHexString(payload.hashCode());
    }

    private Map<String, Object> threadJson(SimThread t, boolean withMessages) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("id", t.id);
        j.put("date_created", t.createdAt.toString());
        j.put("date_updated", t.updatedAt.toString());
        j.put("topic", Map.of("type", "FREE_TEXT", "value", t.topic));
        if (t.orderId != null) {
            j.put("entities", List.of(Map.of("id", t.orderId, "label", t.orderId, "type", "MMP_ORDER")));
        }
        List<Map<String, Object>> participants = List.of(
                participant("SHOP", String.valueOf(t.shopId), shops.getOrDefault(t.shopId, "Shop")),
                participant("CUSTOMER", t.customerId, t.customerName),
                participant("OPERATOR", null, operatorName));
        j.put("authorized_participants", participants);
        Set<String> written = new LinkedHashSet<>();
        t.messages.forEach(m -> written.add(m.fromType().replace("_USER", "")));
        j.put(
                "current_participants",
                participants.stream()
                        .filter(p -> written.contains(p.get("type")))
                        .toList());
        SimThread.Message last = t.messages.get(t.messages.size() - 1);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("last_message_date", last.createdAt().toString());
        metadata.put("last_sender", sender(t, last));
        metadata.put("total_count", t.messages.size());
        Instant needed = t.replyNeededSince();
        metadata.put("shop_reply_needed_since", needed == null ? null : needed.toString());
        j.put("metadata", metadata);
        j.put(
                "no_store_reply_needed",
                t.noReplyNeeded.stream()
                        .map(n -> Map.of("date", n.at().toString(), "user_type", n.userType()))
                        .toList());
        if (withMessages) {
            List<SimThread.Message> shown = t.messages.subList(Math.max(0, t.messages.size() - 100), t.messages.size());
            j.put("messages", shown.stream().map(m -> messageJson(t, m)).toList());
        }
        return j;
    }

    private Map<String, Object> messageJson(SimThread t, SimThread.Message m) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("id", m.id());
        j.put("date_created", m.createdAt().toString());
        j.put("body", m.body());
        j.put("from", sender(t, m));
        j.put("to", m.to().stream().map(r -> participant(r[0], r[1], r[2])).toList());
        j.put(
                "attachments",
                m.files().stream()
                        .map(f -> Map.<String, Object>of("id", f.id(), "name", f.name(), "size", f.size()))
                        .toList());
        return j;
    }

    private Map<String, Object> sender(SimThread t, SimThread.Message m) {
        String org = m.fromType().replace("_USER", "");
        String orgId = switch (org) {
            case "SHOP" -> String.valueOf(t.shopId);
            case "CUSTOMER" -> t.customerId;
            default -> null;
        };
        String orgName = switch (org) {
            case "SHOP" -> shops.getOrDefault(t.shopId, "Shop");
            case "CUSTOMER" -> t.customerName;
            default -> operatorName;
        };
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("type", m.fromType());
        j.put("display_name", m.fromName());
        j.put("organization_details", participant(org, orgId, orgName));
        return j;
    }

    private static Map<String, Object> participant(String type, String id, String name) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("type", type);
        if (id != null) {
            j.put("id", id);
        }
        j.put("display_name", name);
        return j;
    }

    private Answer download(String attachmentId) {
        SimAttachment a = files.get(attachmentId);
        if (a == null) {
            throw new BadRequest(404, "Attachment not found: " + attachmentId);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Disposition", "attachment; filename=\"" + a.name().replace("\"", "") + "\"");
        return new Answer(200, "application/octet-stream", a.content(), headers);
    }

    // ---------------------------------------------------------------- M12, OR43

    private Map<String, Object> reply(SimThread t, String contentType, byte[] body) {
        Map<String, Object> input = null;
        List<SimAttachment> attached = new ArrayList<>();
        for (Multipart.Part part : parts(contentType, body)) {
            if ("message_input".equals(part.name())) {
                input = JSON.readValue(part.content(), Map.class);
            } else if ("files".equals(part.name())) {
                attached.add(new SimAttachment(part.filename() == null ? "file" : part.filename(), part.content()));
            }
        }
        if (input == null) {
            throw new BadRequest(400, "message_input is required");
        }
        String text = String.valueOf(input.getOrDefault("body", ""));
        if (text.length() < 3 || text.length() > 50_000) {
            throw new BadRequest(400, "body must have 3 to 50000 characters");
        }
        if (t.messages.size() >= 1000) {
            throw new BadRequest(400, "The thread has reached 1000 messages");
        }
        List<PostedReply.Recipient> to = new ArrayList<>();
        Object rawTo = input.get("to");
        if (!(rawTo instanceof List<?> list) || list.isEmpty()) {
            throw new BadRequest(400, "to is required");
        }
        for (Object o : list) {
            Map<?, ?> r = (Map<?, ?>) o;
            String type = String.valueOf(r.get("type"));
            String id = r.get("id") == null ? null : String.valueOf(r.get("id"));
            boolean allowed = switch (type) {
                case "CUSTOMER" -> t.customerId.equals(id);
                case "OPERATOR" -> id == null;
                case "SHOP" -> String.valueOf(t.shopId).equals(id);
                default -> false;
            };
            if (!allowed) {
                throw new BadRequest(
                        400, "Recipient " + type + (id == null ? "" : " " + id) + " is not an authorized participant");
            }
            to.add(new PostedReply.Recipient(type, id));
        }
        Instant now = stamp();
        add(t, "SHOP_USER", shops.getOrDefault(t.shopId, "Shop"), text, attached, now);
        String messageId = t.messages.get(t.messages.size() - 1).id();
        replies.add(new PostedReply(t.id, messageId, text, List.copyOf(to), List.copyOf(attached)));
        return Map.of("message_id", messageId, "thread_id", t.id);
    }

    private Map<String, Object> openThread(SimOrder o, String contentType, byte[] body) {
        Map<String, Object> input = null;
        List<SimAttachment> attached = new ArrayList<>();
        for (Multipart.Part part : parts(contentType, body)) {
            if ("thread_input".equals(part.name())) {
                input = JSON.readValue(part.content(), Map.class);
            } else if ("files".equals(part.name())) {
                attached.add(new SimAttachment(part.filename() == null ? "file" : part.filename(), part.content()));
            }
        }
        if (input == null || input.get("body") == null || input.get("to") == null || input.get("topic") == null) {
            throw new BadRequest(400, "thread_input needs body, to and topic");
        }
        Map<?, ?> topic = (Map<?, ?>) input.get("topic");
        Instant now = stamp();
        SimThread t = new SimThread(
                UUID.randomUUID().toString(),
                o.shopId,
                o.orderId,
                o.customerId,
                o.firstname + " " + o.lastname.charAt(0) + ".",
                String.valueOf(topic.get("value")),
                now);
        threads.put(t.id, t);
        String text = String.valueOf(input.get("body"));
        add(t, "SHOP_USER", shops.getOrDefault(o.shopId, "Shop"), text, attached, now);
        String messageId = t.messages.get(0).id();
        List<PostedReply.Recipient> to = ((List<?>) input.get("to"))
                .stream()
                        .map(x -> new PostedReply.Recipient(
                                String.valueOf(x), "CUSTOMER".equals(x) ? o.customerId : null))
                        .toList();
        replies.add(new PostedReply(t.id, messageId, text, to, List.copyOf(attached)));
        return Map.of("thread_id", t.id, "message_id", messageId);
    }

    private static List<Multipart.Part> parts(String contentType, byte[] body) {
        String boundary = Multipart.boundary(contentType);
        if (boundary == null) {
            throw new BadRequest(415, "multipart/form-data expected");
        }
        try {
            return Multipart.parse(body, boundary);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(400, "Malformed multipart body: " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- OR11, OR21, OR29, OR30

    private Map<String, Object> ordersPage(long shopId, Map<String, List<String>> q) {
        Set<String> ids = new LinkedHashSet<>();
        for (String v : q.getOrDefault("order_ids", List.of())) {
            ids.addAll(List.of(v.split(",")));
        }
        Set<String> states = new LinkedHashSet<>();
        for (String v : q.getOrDefault("order_state_codes", List.of())) {
            states.addAll(List.of(v.split(",")));
        }
        if (ids.size() > 100) {
            throw new BadRequest(400, "Too many order ids (max 100)");
        }
        Instant updatedFrom = instant(q, "start_update_date");
        Instant updatedTo = instant(q, "end_update_date");
        Instant createdFrom = instant(q, "start_date");
        Instant createdTo = instant(q, "end_date");
        boolean paginate = !"false".equalsIgnoreCase(first(q, "paginate"));
        int max = first(q, "max") == null ? 10 : parseInt(first(q, "max"), "max");
        if (max < 1 || max > 100) {
            throw new BadRequest(400, "max must be between 1 and 100");
        }
        int offset = first(q, "offset") == null ? 0 : parseInt(first(q, "offset"), "offset");
        boolean desc = "desc".equalsIgnoreCase(first(q, "order"));
        Comparator<SimOrder> byCreated =
                Comparator.comparing((SimOrder o) -> o.createdAt).thenComparing(o -> o.orderId);
        List<SimOrder> all = orders.values().stream()
                .filter(o -> o.shopId == shopId)
                .filter(o -> ids.isEmpty() || ids.contains(o.orderId))
                .filter(o -> states.isEmpty() || states.contains(o.state))
                .filter(o -> updatedFrom == null || !o.updatedAt.isBefore(updatedFrom))
                .filter(o -> updatedTo == null || o.updatedAt.isBefore(updatedTo))
                .filter(o -> createdFrom == null || !o.createdAt.isBefore(createdFrom))
                .filter(o -> createdTo == null || o.createdAt.isBefore(createdTo))
                .sorted(desc ? byCreated.reversed() : byCreated)
                .toList();
        List<SimOrder> page =
                paginate ? all.subList(Math.min(offset, all.size()), Math.min(all.size(), offset + max)) : all;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("orders", page.stream().map(this::orderJson).toList());
        result.put("total_count", all.size());
        return result;
    }

    private Map<String, Object> orderJson(SimOrder o) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("order_id", o.orderId);
        j.put("commercial_id", o.commercialId);
        j.put("references", Map.of("order_reference_for_customer", o.commercialId));
        j.put("channel", Map.of("code", "DEFAULT", "label", operatorName));
        j.put("order_state", o.state);
        j.put("can_cancel", o.canCancel());
        j.put("can_shop_ship", "SHIPPING".equals(o.state));
        j.put("has_customer_message", threads.values().stream().anyMatch(t -> o.orderId.equals(t.orderId)));
        j.put("has_incident", false);
        j.put("has_invoice", false);
        j.put("fully_refunded", false);
        j.put("created_date", o.createdAt.toString());
        j.put("last_updated_date", o.updatedAt.toString());
        j.put(
                "acceptance_decision_date",
                "WAITING_ACCEPTANCE".equals(o.state)
                        ? null
                        : o.createdAt.plusSeconds(3600).toString());
        j.put("shipping_deadline", o.shippingDeadline.toString());
        j.put("leadtime_to_ship", 2);
        j.put("currency_iso_code", o.currency);
        BigDecimal price = o.price();
        j.put("price", price);
        j.put("shipping_price", o.shippingPrice());
        j.put("total_price", price.add(o.shippingPrice()));
        j.put("total_commission", price.multiply(new BigDecimal("0.12")).setScale(2, java.math.RoundingMode.HALF_UP));
        j.put("order_tax_mode", "TAX_INCLUDED");
        j.put("paymentType", "CREDIT_CARD");
        j.put("payment_type", "CREDIT_CARD");
        j.put("fulfillment", Map.of("center", Map.of("code", "DEFAULT")));
        j.put("shipping_type_code", "STD");
        j.put("shipping_type_label", "Standard");
        j.put("shipping_zone_code", o.country);
        j.put("shipping_zone_label", o.country);
        if (o.carrierCode != null) {
            j.put("shipping_carrier_code", o.carrierCode);
            j.put("shipping_company", o.carrierName);
            j.put("shipping_tracking", o.tracking);
            j.put("shipping_tracking_url", o.trackingUrl);
        }
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("firstname", o.firstname);
        address.put("lastname", o.lastname);
        address.put("street_1", "1 rue de l'Exemple");
        address.put("zip_code", "75001");
        address.put("city", "Paris");
        address.put("country", o.country);
        address.put("country_iso_code", o.country);
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("customer_id", o.customerId);
        customer.put("firstname", o.firstname);
        customer.put("lastname", o.lastname);
        customer.put("billing_address", address);
        customer.put("shipping_address", address);
        j.put("customer", customer);
        j.put(
                "customer_notification_email",
                "notification+" + Integer.toHexString(o.customerId.hashCode()) + "@notification.mirakl.net");
        j.put("order_lines", o.lines.stream().map(l -> lineJson(o, l)).toList());
        return j;
    }

    private static Map<String, Object> lineJson(SimOrder o, SimOrder.Line l) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("order_line_id", l.id);
        j.put("order_line_index", l.index);
        j.put("order_line_state", l.state);
        j.put("offer_id", 5_000_000L + Math.abs(l.sku.hashCode() % 1_000_000));
        j.put("offer_sku", l.sku);
        j.put("offer_state_code", "11");
        j.put("product_sku", "P-" + l.sku);
        j.put("product_title", l.title);
        j.put("description", l.title);
        j.put("category_code", "outdoor-home");
        j.put("category_label", "Outdoor & Home");
        j.put("quantity", l.quantity);
        j.put("price_unit", l.unitPrice);
        j.put("price", l.price());
        j.put("shipping_price", BigDecimal.ZERO);
        j.put("total_price", l.price());
        j.put("commission_fee", l.price().multiply(new BigDecimal("0.12")).setScale(2, java.math.RoundingMode.HALF_UP));
        j.put("commission_rate_vat", new BigDecimal("20.0"));
        j.put("commission_vat", BigDecimal.ZERO);
        j.put(
                "total_commission",
                l.price().multiply(new BigDecimal("0.12")).setScale(2, java.math.RoundingMode.HALF_UP));
        j.put("can_refund", "SHIPPED".equals(l.state) || "RECEIVED".equals(l.state));
        j.put(
                "cancelations",
                l.cancelations.stream()
                        .map(id -> {
                            Map<String, Object> c = new LinkedHashMap<>();
                            c.put("id", id);
                            c.put("created_date", o.updatedAt.toString());
                            c.put("commission_amount", BigDecimal.ZERO);
                            c.put("commission_taxes", List.of());
                            c.put("commission_total_amount", BigDecimal.ZERO);
                            return c;
                        })
                        .toList());
        j.put("refunds", List.of());
        j.put("order_line_additional_fields", List.of());
        j.put("product_medias", List.of());
        j.put("created_date", o.createdAt.toString());
        j.put("last_updated_date", o.updatedAt.toString());
        return j;
    }

    /** OR21: every line waiting for acceptance needs a decision (no partial acceptance on this instance). */
    private void accept(SimOrder o, byte[] body) {
        JsonNode lines = JSON.readTree(body).path("order_lines");
        if (!lines.isArray() || lines.isEmpty()) {
            throw new BadRequest(400, "VALIDATION_ERROR: order_lines is required");
        }
        if (!"WAITING_ACCEPTANCE".equals(o.state)) {
            throw new BadRequest(400, "ORDER_INVALID_STATE: order " + o.orderId + " is " + o.state);
        }
        Map<String, Boolean> decisions = new LinkedHashMap<>();
        for (JsonNode l : lines) {
            String id = l.path("id").asString();
            if (decisions.containsKey(id)) {
                throw new BadRequest(400, "ORDER_LINE_DUPLICATE_ID: " + id);
            }
            if (o.lines.stream().noneMatch(x -> x.id.equals(id))) {
                throw new BadRequest(400, "ORDER_LINE_NOT_FOUND: " + id);
            }
            decisions.put(id, l.path("accepted").asBoolean());
        }
        for (SimOrder.Line l : o.lines) {
            if ("WAITING_ACCEPTANCE".equals(l.state) && !decisions.containsKey(l.id)) {
                throw new BadRequest(400, "ORDER_LINE_ACCEPTANCE_DECISION_MISSING: line " + l.id + " needs a decision");
            }
        }
        for (SimOrder.Line l : o.lines) {
            if (decisions.containsKey(l.id)) {
                l.state = decisions.get(l.id) ? "SHIPPING" : "REFUSED";
            }
        }
        o.state = o.lines.stream().allMatch(l -> "REFUSED".equals(l.state)) ? "REFUSED" : "SHIPPING";
        o.updatedAt = stamp();
    }

    /** OR29: only an accepted order that has not shipped can be cancelled. */
    private void cancel(SimOrder o) {
        if (!o.canCancel()) {
            throw new BadRequest(
                    400, "ORDER_INVALID_STATE: order " + o.orderId + " cannot be cancelled in state " + o.state);
        }
        o.state = "CANCELED";
        o.lines.stream().filter(l -> !"REFUSED".equals(l.state)).forEach(l -> l.state = "CANCELED");
        o.updatedAt = stamp();
    }

    /** OR30: cancels quantities of lines; a line cancelled in full is CANCELED, and so is an order with only those. */
    private Map<String, Object> cancelLines(long shopId, byte[] body) {
        JsonNode request = JSON.readTree(body);
        List<Map<String, Object>> created = new ArrayList<>();
        for (JsonNode c : request.path("cancelations")) {
            String lineId = c.path("order_line_id").asString();
            SimOrder o = orders.values().stream()
                    .filter(x -> x.shopId == shopId && x.lines.stream().anyMatch(l -> l.id.equals(lineId)))
                    .findFirst()
                    .orElseThrow(() -> new BadRequest(400, "ORDER_LINE_NOT_FOUND: " + lineId));
            if (!o.canCancel()) {
                throw new BadRequest(400, "ORDER_INVALID_STATE: order " + o.orderId + " is " + o.state);
            }
            SimOrder.Line line = o.lines.stream()
                    .filter(l -> l.id.equals(lineId))
                    .findFirst()
                    .orElseThrow();
            int quantity = c.path("quantity").asInt();
            if (quantity < 1 || quantity > line.quantity - line.cancelledQuantity) {
                throw new BadRequest(400, "VALIDATION_ERROR: quantity " + quantity + " for line " + lineId);
            }
            line.cancelledQuantity += quantity;
            String id = UUID.randomUUID().toString();
            line.cancelations.add(id);
            if (line.cancelledQuantity == line.quantity) {
                line.state = "CANCELED";
            }
            if (o.lines.stream().allMatch(l -> "CANCELED".equals(l.state) || "REFUSED".equals(l.state))) {
                o.state = "CANCELED";
            }
            o.updatedAt = stamp();
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("cancelation_id", id);
            j.put("order_line_id", lineId);
            j.put("amount", c.path("amount").decimalValue());
            j.put("shipping_amount", c.path("shipping_amount").decimalValue());
            j.put("reason_code", c.path("reason_code").asString());
            j.put("quantity", quantity);
            created.add(j);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("cancelations", created);
        result.put(
                "order_tax_mode",
                request.path("order_tax_mode").isMissingNode()
                        ? "TAX_INCLUDED"
                        : request.path("order_tax_mode").asString());
        return result;
    }

    /** Test hook: the seller shipped an accepted order (SHIPPING → SHIPPED); it can no longer be cancelled. */
    public synchronized SimOrder ship(String orderId, String carrier, String tracking) {
        SimOrder o = orders.get(orderId);
        if (o == null) {
            throw new IllegalArgumentException("unknown order " + orderId);
        }
        if (!"SHIPPING".equals(o.state)) {
            throw new IllegalStateException("order " + orderId + " is " + o.state + ", only SHIPPING can ship");
        }
        o.state = "SHIPPED";
        o.lines.forEach(l -> {
            if ("SHIPPING".equals(l.state)) {
                l.state = "SHIPPED";
            }
        });
        o.carrierCode = carrier;
        o.carrierName = carrier;
        o.tracking = tracking;
        o.trackingUrl = "https://tracking.example/" + tracking;
        o.updatedAt = stamp();
        return o;
    }

    /** Test hook: {@link #ship} with a generated carrier and tracking number. */
    public SimOrder markShipped(String orderId) {
        return ship(orderId, "DHL", "JJD" + orderId.replaceAll("[^0-9]", ""));
    }

    // ---------------------------------------------------------------- helpers

    private static Answer json(int status, Object body) {
        return new Answer(
                status, "application/json;charset=UTF-8", JSON.writeValueAsBytes(body), new LinkedHashMap<>());
    }

    private static Answer error(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("message", message);
        return new Answer(
                status, "application/json;charset=UTF-8", JSON.writeValueAsBytes(body), new LinkedHashMap<>());
    }

    private static int parseInt(String value, String name) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new BadRequest(400, name + " must be a number");
        }
    }

    private static Instant instant(Map<String, List<String>> q, String name) {
        String value = first(q, name);
        return value == null ? null : dateTime(value, name);
    }

    /** Mirakl takes ISO 8601 date-times with an offset ("Z" or "+01:00"). */
    private static Instant dateTime(String value, String name) {
        try {
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new BadRequest(400, name + " must be an ISO 8601 date-time: " + value);
        }
    }

    private static String first(Map<String, List<String>> q, String name) {
        List<String> values = q.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            q.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return q;
    }
}
