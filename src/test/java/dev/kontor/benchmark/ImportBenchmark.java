package dev.kontor.benchmark;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * History import, end to end: starts the packaged jar on a fresh data folder (optionally filled with a million
 * tickets first, as {@link InboxBenchmark} does), writes a JSON Lines export of realistic tickets (four messages
 * each: the customer, the team, the customer again, the team; tags, order references, a customer per three
 * tickets, an attachment on every twentieth) and imports it with the command line ({@code java -jar kontor.jar
 * import ...}). Prints the messages per second of the import itself (from its start to its end, as the job records
 * them) and with the upload. Then it imports a second file and kills the app with SIGKILL in the middle, starts it
 * again on the same data and checks that the import finished with every message once. Asserts nothing else.
 *
 * <p>Arguments: messages to import, the jar, the data folder (deleted first unless it holds the fill), tickets to
 * fill first (0: an empty install).
 */
public final class ImportBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TOKEN = "bench-import-token-0123456789abcdef";

    public static void main(String[] args) throws Exception {
        int messages = Integer.parseInt(args[0].replace("_", ""));
        Path jar = Path.of(args[1]).toAbsolutePath();
        Path data = Path.of(args[2]).toAbsolutePath();
        int fill = args.length > 3 ? Integer.parseInt(args[3].replace("_", "")) : 0;
        if (fill == 0) {
            BenchmarkApp.deleteRecursively(data);
        }
        Map<String, String> env = Map.of(
                "KONTOR_ADMIN_EMAIL", "admin@bench.local",
                "KONTOR_ADMIN_PASSWORD", "bench-admin-password",
                "KONTOR_ADMIN_API_TOKEN", TOKEN);
        Path files = data.resolveSibling(data.getFileName() + "-files");
        Files.createDirectories(files);
        long clientId;
        long existing;
        try (BenchmarkApp app = BenchmarkApp.start(jar, data, env, List.of())) {
            if (fill > 0) {
                double seconds = new BenchmarkData(app.dbPort).fill(fill);
                if (seconds > 0) {
                    System.out.printf("Filled %,d tickets in %.0f s%n", fill, seconds);
                }
            }
            existing = app.single("select count(*) from tickets.ticket");
            clientId = clientAndStore(app, "import-bench-" + System.currentTimeMillis() % 100000);
            Path file = files.resolve("export.jsonl");
            int tickets = Math.max(1, messages / 4);
            write(file, "a", tickets);
            System.out.printf(
                    "Import benchmark: %,d tickets with %,d messages (%,d MB JSON Lines) into an install with %,d tickets%n",
                    tickets, tickets * 4, Files.size(file) / (1024 * 1024), existing);
            long t0 = System.nanoTime();
            String cli = cli(jar, app, file, clientId, "bench-a");
            double withUpload = (System.nanoTime() - t0) / 1e9;
            if (!cli.contains("FINISHED")) {
                throw new IllegalStateException("the import did not finish:\n" + cli);
            }
            long[] job = lastJob(app);
            double importSeconds = job[2] / 1000.0;
            System.out.printf(
                    "  imported %,d tickets and %,d messages in %.1f s: %,.0f messages/s (%,.0f tickets/s);"
                            + " with the upload %.1f s: %,.0f messages/s; %d lines with errors%n",
                    job[0],
                    job[1],
                    importSeconds,
                    job[1] / importSeconds,
                    job[0] / importSeconds,
                    withUpload,
                    job[1] / withUpload,
                    job[3]);
            System.out.println(app.memoryLine());
        }
        crash(jar, data, env, files, clientId, Math.max(40, messages / 8));
    }

    /** Kills the app in the middle of an import, starts it again, and counts what was stored. */
    private static void crash(Path jar, Path data, Map<String, String> env, Path files, long clientId, int messages)
            throws Exception {
        Path file = files.resolve("crash.jsonl");
        int tickets = Math.max(10, messages / 4);
        write(file, "k", tickets);
        long id;
        String percentAtKill;
        try (BenchmarkApp app = BenchmarkApp.start(jar, data, env, List.of())) {
            id = startImport(app, file, clientId, "bench-crash");
            long total = Files.size(file);
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            long done = 0;
            while (System.nanoTime() < deadline) {
                done = app.single("select bytes_done from imports.import_job where id = " + id);
                if (done > 0) {
                    break;
                }
                Thread.sleep(5);
            }
            percentAtKill = done >= total ? "after the end (too small to interrupt)" : (done * 100 / total) + "%";
            app.process.destroyForcibly(); // SIGKILL: no shutdown hook, no graceful stop
            app.process.waitFor();
        }
        try (BenchmarkApp app = BenchmarkApp.start(jar, data, env, List.of())) {
            long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
            String status = "";
            while (System.nanoTime() < deadline) {
                status = stringValue(app, "select status from imports.import_job where id = " + id);
                if (!status.equals("running") && !status.equals("queued")) {
                    break;
                }
                Thread.sleep(200);
            }
            long stored =
                    app.single("select count(*) from tickets.message where external_id like 'import:bench-crash:%'");
            long distinct = app.single(
                    "select count(distinct external_id) from tickets.message where external_id like 'import:bench-crash:%'");
            long ticketsStored =
                    app.single("select count(*) from tickets.ticket_external_id where source = 'bench-crash'");
            System.out.printf(
                    "Crash: SIGKILL at %s of the file, restarted: import %s, %,d of %,d tickets and %,d of %,d messages"
                            + " stored, %,d duplicates%n",
                    percentAtKill, status, ticketsStored, tickets, stored, tickets * 4L, stored - distinct);
            if (!status.equals("finished") || stored != tickets * 4L || ticketsStored != tickets) {
                throw new IllegalStateException("the import did not resume correctly after the crash");
            }
        }
    }

    private static long clientAndStore(BenchmarkApp app, String key) throws Exception {
        long clientId = JSON.readTree(
                        app.post("/api/v1/clients", JSON.writeValueAsString(Map.of("key", key, "name", key))))
                .get("id")
                .asLong();
        app.post(
                "/api/v1/stores",
                JSON.writeValueAsString(Map.of("clientId", clientId, "key", key + "-shop", "name", key + " shop")));
        return clientId;
    }

    /** The export: tickets of two years, four messages each. */
    static void write(Path file, String prefix, int tickets) throws Exception {
        String[] subjects = {
            "Where is my order",
            "Please cancel my order",
            "Return request",
            "Refund please",
            "Item arrived broken",
            "Invoice needed",
            "Wo ist meine Bestellung",
            "Commande non reçue",
            "Ordine in ritardo"
        };
        String attachment = Base64.getEncoder().encodeToString(new byte[2048]);
        long start = java.time.Instant.parse("2024-01-01T00:00:00Z").getEpochSecond();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < tickets; i++) {
                long t = start + (long) i * 63_072_000L / Math.max(1, tickets);
                List<Map<String, Object>> ms = new ArrayList<>();
                for (int k = 0; k < 4; k++) {
                    Map<String, Object> m = new HashMap<>();
                    m.put("externalId", prefix + "-c" + i + "-" + k);
                    m.put("kind", k % 2 == 0 ? "inbound" : "outbound");
                    m.put("author", k % 2 == 0 ? "Customer " + (i / 3) : "Agent");
                    m.put(
                            "createdAt",
                            java.time.Instant.ofEpochSecond(t + k * 3600L).toString());
                    String text = (k % 2 == 0 ? "Hello, about order " : "Thank you, we checked order ") + (100000 + i)
                            + ". The parcel was expected last week and the tracking has not moved since. "
                            + "Could you please tell me what happens next?";
                    if (k == 1) {
                        m.put("html", "<p>" + text + "</p><p>Kind regards<br>Support</p>");
                    } else {
                        m.put("text", text);
                    }
                    if (k == 0 && i % 20 == 0) {
                        m.put(
                                "attachments",
                                List.of(Map.of(
                                        "filename", "photo.jpg", "contentType", "image/jpeg", "base64", attachment)));
                    }
                    ms.add(m);
                }
                Map<String, Object> ticket = new HashMap<>();
                ticket.put("externalId", prefix + "-" + i);
                ticket.put("subject", subjects[i % subjects.length] + " " + (100000 + i));
                ticket.put("status", i % 10 == 0 ? "open" : "closed");
                ticket.put("priority", i % 7 == 0 ? "high" : "normal");
                ticket.put("tags", i % 5 == 0 ? List.of("vip", "imported") : List.of("imported"));
                ticket.put("orderRefs", List.of("ORD-" + (100000 + i)));
                ticket.put(
                        "customer",
                        Map.of(
                                "email", prefix + "-customer" + (i / 3) + "@example.net",
                                "name", "Customer " + (i / 3),
                                "externalId", prefix + "-u" + (i / 3)));
                ticket.put("messages", ms);
                out.write(JSON.writeValueAsString(ticket));
                out.write('\n');
            }
        }
    }

    /** Runs the command line import and returns what it printed. */
    private static String cli(Path jar, BenchmarkApp app, Path file, long clientId, String source) throws Exception {
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        jar.toString(),
                        "import",
                        file.toString(),
                        "--url",
                        app.base(),
                        "--token",
                        TOKEN,
                        "--client",
                        Long.toString(clientId),
                        "--source",
                        source)
                .redirectErrorStream(true)
                .start();
        StringBuilder out = new StringBuilder();
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                out.append(line).append('\n');
                if (line.contains("FINISHED")
                        || line.contains("FAILED")
                        || line.contains("%:") && line.endsWith("0%")) {
                    System.out.println("  " + line);
                }
            }
        }
        p.waitFor();
        return out.toString();
    }

    private static long startImport(BenchmarkApp app, Path file, long clientId, String source) throws Exception {
        long id = JSON.readTree(app.post(
                        "/api/v1/imports",
                        JSON.writeValueAsString(Map.of("clientId", clientId, "source", source, "format", "jsonl"))))
                .get("id")
                .asLong();
        HttpClient http = HttpClient.newHttpClient();
        byte[] all = Files.readAllBytes(file);
        int part = 8 * 1024 * 1024;
        for (int from = 0; from < all.length; from += part) {
            byte[] chunk = java.util.Arrays.copyOfRange(all, from, Math.min(all.length, from + part));
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(app.base() + "/api/v1/imports/" + id + "/parts"))
                            .header("Authorization", "Bearer " + TOKEN)
                            .header("Content-Type", "application/octet-stream")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(chunk))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("part answered " + r.statusCode() + ": " + r.body());
            }
        }
        app.post("/api/v1/imports/" + id + "/start", "{}");
        return id;
    }

    /** Tickets created, messages created, milliseconds from start to end, error lines of the latest import. */
    private static long[] lastJob(BenchmarkApp app) throws Exception {
        try (Connection c = DriverManager.getConnection(app.jdbcUrl());
                ResultSet rs = c.createStatement()
                        .executeQuery("select tickets_created, messages_created,"
                                + " (extract(epoch from finished_at - started_at) * 1000)::bigint, error_lines"
                                + " from imports.import_job order by id desc limit 1")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)};
        }
    }

    private static String stringValue(BenchmarkApp app, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(app.jdbcUrl());
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
