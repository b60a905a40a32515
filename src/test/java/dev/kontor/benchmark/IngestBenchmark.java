package dev.kontor.benchmark;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sustained API ingest, end to end: starts the packaged jar on a fresh data folder, sets up three clients with
 * stores, business-hours calendars and SLA policies, teams of online agents with their strategies, and a rule book
 * (the starter rules of a real install plus narrow filler rules, one catch-all that hands every ticket to a team),
 * then sends labelled multilingual customer messages through {@code POST /api/v1/inbound-messages} with 1, 4 and 8
 * concurrent senders. For each level it prints the accepted rate, the request latency, the rate until every
 * message was triaged, under SLA and through its rules, and the lag from each 201 to its ticket being routed
 * (the time of the firing that put it into a team minus the client's time of the 201; both clocks are this
 * machine's). Asserts nothing.
 *
 * <p>Arguments: messages per level, the jar, the data folder (deleted first), optionally the levels ("1,4,8").
 */
public final class IngestBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TOKEN = "bench-ingest-token-0123456789abcdef";

    public static void main(String[] args) throws Exception {
        int perLevel = Integer.parseInt(args[0].replace("_", ""));
        Path jar = Path.of(args[1]);
        Path data = Path.of(args[2]).toAbsolutePath();
        int[] levels = Arrays.stream((args.length > 3 ? args[3] : "1,4,8").split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        BenchmarkApp.deleteRecursively(data);
        long bootStart = System.nanoTime();
        try (BenchmarkApp app = BenchmarkApp.start(
                jar,
                data,
                Map.of(
                        "KONTOR_ADMIN_EMAIL", "admin@bench.local",
                        "KONTOR_ADMIN_PASSWORD", "bench-admin-password",
                        "KONTOR_ADMIN_API_TOKEN", TOKEN),
                List.of())) {
            System.out.printf(
                    "Ingest benchmark: started to healthy in %.1f s (fresh data folder, first start)%n",
                    (System.nanoTime() - bootStart) / 1e9);
            List<String> stores = setUp(app);
            List<JsonNode> samples = samples();
            // Warm the JIT, the caches and the pools; not measured.
            run(app, stores, samples, 4, Math.min(400, perLevel), "warm");
            awaitDrained(app);
            System.out.println();
            System.out.println(
                    "senders | messages | accepted/s | request p50/p95 ms | end to end/s | lag 201->routed p50/p95/max ms"
                            + " | load 1/5/15 min");
            for (int level : levels) {
                Level r = run(app, stores, samples, level, perLevel, "l" + level);
                System.out.println(r);
            }
            System.out.println(app.memoryLine());
        }
    }

    record Level(
            int senders,
            int messages,
            double acceptedPerSecond,
            double requestP50,
            double requestP95,
            double endToEndPerSecond,
            double lagP50,
            double lagP95,
            double lagMax,
            String load) {
        @Override
        public String toString() {
            return String.format(
                    "%7d | %8d | %10.1f | %8.1f / %6.1f | %12.1f | %8.0f / %6.0f / %6.0f | %s",
                    senders,
                    messages,
                    acceptedPerSecond,
                    requestP50,
                    requestP95,
                    endToEndPerSecond,
                    lagP50,
                    lagP95,
                    lagMax,
                    load);
        }
    }

    private static Level run(
            BenchmarkApp app, List<String> stores, List<JsonNode> samples, int senders, int count, String tag)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().build();
        AtomicInteger next = new AtomicInteger();
        long[] latencyNanos = new long[count];
        long[] ticketIds = new long[count];
        Instant[] acceptedAt = new Instant[count];
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            done.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    JsonNode sample = samples.get(i % samples.size());
                    String store = stores.get(i % stores.size());
                    String body = JSON.writeValueAsString(Map.of(
                            "store", store,
                            "from", Map.of("email", tag + "-buyer" + i + "@bench.test", "name", "Buyer " + i),
                            "subject", sample.get("subject").asString(),
                            "body", sample.get("body").asString(),
                            "externalId", tag + "-" + i));
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = http.send(
                            HttpRequest.newBuilder(URI.create(app.base() + "/api/v1/inbound-messages"))
                                    .header("Authorization", "Bearer " + TOKEN)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                    latencyNanos[i] = System.nanoTime() - t0;
                    acceptedAt[i] = Instant.now();
                    if (r.statusCode() != 201 && r.statusCode() != 200) {
                        throw new IllegalStateException("inbound message answered " + r.statusCode() + ": " + r.body());
                    }
                    ticketIds[i] = JSON.readTree(r.body()).get("ticketId").asLong();
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        long accepted = System.nanoTime();
        awaitDrained(app);
        long drained = System.nanoTime();
        Map<Long, Instant> routed = routedAt(app, ticketIds);
        double[] lags = new double[count];
        for (int i = 0; i < count; i++) {
            Instant at = routed.get(ticketIds[i]);
            lags[i] = at == null
                    ? Double.NaN
                    : Math.max(0, Duration.between(acceptedAt[i], at).toNanos() / 1e6);
        }
        long unrouted = Arrays.stream(lags).filter(Double::isNaN).count();
        if (unrouted > 0) {
            System.out.printf("  (%d of %d tickets were not routed by a rule)%n", unrouted, count);
        }
        long failed = failedActions(app, ticketIds);
        if (failed > 0) {
            System.out.printf("  (%d rule actions on these tickets failed, hand-outs among them)%n", failed);
        }
        double[] lagSorted =
                Arrays.stream(lags).filter(d -> !Double.isNaN(d)).sorted().toArray();
        long[] latSorted = latencyNanos.clone();
        Arrays.sort(latSorted);
        return new Level(
                senders,
                count,
                count / ((accepted - start) / 1e9),
                latSorted[count / 2] / 1e6,
                latSorted[(int) (count * 0.95)] / 1e6,
                count / ((drained - start) / 1e9),
                pct(lagSorted, 0.5),
                pct(lagSorted, 0.95),
                lagSorted.length == 0 ? Double.NaN : lagSorted[lagSorted.length - 1],
                BenchmarkApp.loadAverage());
    }

    private static double pct(double[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))];
    }

    /**
     * When each ticket was routed, by the rules' own record: the firing that put it into a team (other rules fire
     * earlier in the same run and would make the lag look shorter).
     */
    private static Map<Long, Instant> routedAt(BenchmarkApp app, long[] ticketIds) throws Exception {
        Map<Long, Instant> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection(app.jdbcUrl());
                var ps = c.prepareStatement("select ticket_id, max(fired_at) from rules.firing"
                        + " where ticket_id = any(?) and exists (select 1 from unnest(outcomes) o where o like 'team:%')"
                        + " group by ticket_id")) {
            ps.setArray(
                    1,
                    c.createArrayOf("bigint", Arrays.stream(ticketIds).boxed().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getTimestamp(2).toInstant());
                }
            }
        }
        return out;
    }

    /** Rule actions recorded as failed on these tickets (a hand-out lost to a deadlock is one). */
    private static long failedActions(BenchmarkApp app, long[] ticketIds) throws Exception {
        try (Connection c = DriverManager.getConnection(app.jdbcUrl());
                var ps = c.prepareStatement("select count(*) from rules.firing, unnest(outcomes) o"
                        + " where ticket_id = any(?) and o like 'failed:%'")) {
            ps.setArray(
                    1,
                    c.createArrayOf("bigint", Arrays.stream(ticketIds).boxed().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Until nothing the app accepted waits for its background steps (the event registry, the flow's queue). */
    static void awaitDrained(BenchmarkApp app) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(60).toNanos();
        try (Connection c = DriverManager.getConnection(app.jdbcUrl());
                Statement st = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                long waiting = 0;
                for (String sql : pendingQueries(c)) {
                    try (ResultSet rs = st.executeQuery(sql)) {
                        rs.next();
                        waiting += rs.getLong(1);
                    }
                }
                if (waiting == 0) {
                    return;
                }
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("the background work did not drain within an hour");
    }

    private static List<String> pendingQueries(Connection c) throws Exception {
        List<String> queries = new ArrayList<>(
                List.of("select count(*) from platform.event_publication where completion_date is null"));
        try (ResultSet rs = c.getMetaData().getTables(null, "tickets", "message_flow", null)) {
            if (rs.next()) {
                queries.add("select count(*) from tickets.message_flow");
            }
        }
        return queries;
    }

    /** Three clients with two stores each, their calendars, policies, teams and a realistic rule book. */
    private static List<String> setUp(BenchmarkApp app) throws Exception {
        List<String> stores = new ArrayList<>();
        String[][] clients = {
            {"nordbench", "Nordbench GmbH", "Europe/Berlin", "de"},
            {"sudbench", "Sudbench SARL", "Europe/Paris", "fr"},
            {"piazzabench", "Piazzabench Srl", "Europe/Rome", "it"}
        };
        int userNo = 0;
        for (String[] c : clients) {
            long clientId = id(app.post("/api/v1/clients", json(Map.of("key", c[0], "name", c[1]))));
            for (String suffix : List.of("web", "shop")) {
                String key = c[0] + "-" + suffix;
                app.post("/api/v1/stores", json(Map.of("clientId", clientId, "key", key, "name", c[1] + " " + suffix)));
                stores.add(key);
            }
            userNo = staffAndRules(app, clientId, c[0], c[2], userNo);
        }
        return stores;
    }

    /**
     * A client's business-hours calendar and SLA policies, a team of four online agents with its hand-out strategy,
     * and a realistic rule book: the starter rules of a real install, narrow filler rules and a catch-all that hands
     * every new or open ticket to the team. Returns the next user number.
     */
    static int staffAndRules(BenchmarkApp app, long clientId, String key, String zone, int userNo) throws Exception {
        String[] langs = {"en", "de", "fr", "it", "es", "nl", "pl", "sv"};
        long calendarId = id(app.post(
                "/api/v1/sla/calendars",
                json(Map.of(
                        "clientId",
                        clientId,
                        "name",
                        "Office " + key,
                        "timeZone",
                        zone,
                        "hours",
                        "mon-fri 08:00-18:00; sat 09:00-13:00",
                        "holidays",
                        List.of("2026-12-25", "2027-01-01")))));
        app.post(
                "/api/v1/sla/policies", policy(clientId, "Cancellations", 1, "cancellation", 60, 120, 480, calendarId));
        app.post("/api/v1/sla/policies", policy(clientId, "Standard", 10, null, 480, 480, 2880, calendarId));
        List<Long> members = new ArrayList<>();
        for (int a = 0; a < 4; a++) {
            String lang = langs[(userNo + a) % langs.length];
            long userId = id(app.post(
                    "/api/v1/users",
                    json(Map.of(
                            "email",
                            "agent" + (userNo++) + "@bench.local",
                            "displayName",
                            "Agent " + userNo,
                            "role",
                            "AGENT",
                            "password",
                            "bench-agent-password",
                            "locale",
                            "en",
                            "languages",
                            List.of(lang, "en"),
                            "clientIds",
                            List.of(clientId)))));
            app.put("/api/v1/routing/agents/" + userId, json(Map.of("status", "online", "handBack", false)));
            members.add(userId);
        }
        long teamId = id(app.post("/api/v1/teams", json(Map.of("name", "Team " + key, "memberIds", members))));
        app.put(
                "/api/v1/routing/teams/" + teamId,
                json(Map.of("strategy", userNo % 2 == 0 ? "least_loaded" : "language", "anyLanguageFallback", true)));
        // Starter rules as the demo has them, then a catch-all hand-out.
        app.post(
                "/api/v1/rules",
                rule(
                        clientId,
                        "Cancellations first",
                        1,
                        List.of(cond("category", "is", "cancellation")),
                        List.of(act("set_priority", "urgent", null), act("add_tags", "storno", null)),
                        false));
        app.post(
                "/api/v1/rules",
                rule(
                        clientId,
                        "Damaged goods note",
                        2,
                        List.of(cond("category", "is", "damaged_or_defective")),
                        List.of(act("add_note", "Ask for a photo of the damage and the packaging.", null)),
                        false));
        app.post(
                "/api/v1/rules",
                rule(
                        clientId,
                        "Invoices to finance tag",
                        3,
                        List.of(cond("text", "contains", "invoice, rechnung, facture, fattura")),
                        List.of(act("add_tags", "finance", null)),
                        false));
        for (int f = 0; f < 15; f++) {
            app.post(
                    "/api/v1/rules",
                    rule(
                            clientId,
                            "Filler " + f,
                            10 + f,
                            List.of(
                                    cond("language", "is", langs[f % langs.length]),
                                    cond("tags", "contains", "vip-" + f)),
                            List.of(act("set_priority", "high", null)),
                            false));
        }
        app.post(
                "/api/v1/rules",
                rule(
                        clientId,
                        "Hand out",
                        90,
                        List.of(cond("status", "is", "new, open")),
                        List.of(act("assign_by", "Team " + key, userNo % 2 == 0 ? "least_loaded" : "language")),
                        false));
        return userNo;
    }

    private static String policy(
            long clientId, String name, int position, String category, int first, int next, int resolution, long cal)
            throws Exception {
        Map<String, Object> p = new HashMap<>();
        p.put("clientId", clientId);
        p.put("name", name);
        p.put("position", position);
        p.put("enabled", true);
        p.put("category", category);
        p.put("firstResponseMinutes", first);
        p.put("nextResponseMinutes", next);
        p.put("resolutionMinutes", resolution);
        p.put("clock", "calendar");
        p.put("calendarId", cal);
        return json(p);
    }

    private static Map<String, Object> cond(String field, String op, String value) {
        return Map.of("field", field, "op", op, "value", value);
    }

    private static Map<String, Object> act(String type, String value, String option) {
        Map<String, Object> a = new HashMap<>();
        a.put("type", type);
        a.put("value", value);
        a.put("option", option);
        return a;
    }

    private static String rule(
            long clientId,
            String name,
            int position,
            List<Map<String, Object>> conditions,
            List<Map<String, Object>> actions,
            boolean stop)
            throws Exception {
        Map<String, Object> r = new HashMap<>();
        r.put("clientId", clientId);
        r.put("name", name);
        r.put("kind", "event");
        r.put("position", position);
        r.put("enabled", true);
        r.put("triggers", List.of("ticket_created", "message_received"));
        r.put("match", "all");
        r.put("conditions", conditions);
        r.put("actions", actions);
        r.put("stopProcessing", stop);
        return json(r);
    }

    private static String json(Object o) throws Exception {
        return JSON.writeValueAsString(o);
    }

    private static long id(String body) throws Exception {
        return JSON.readTree(body).get("id").asLong();
    }

    private static List<JsonNode> samples() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String file : List.of(
                "triage/customer-messages.jsonl", "triage/fresh-messages.jsonl", "triage/unseen-messages.jsonl")) {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(new ClassPathResource(file).getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (!line.isBlank()) {
                        out.add(JSON.readTree(line));
                    }
                }
            }
        }
        return out;
    }
}
