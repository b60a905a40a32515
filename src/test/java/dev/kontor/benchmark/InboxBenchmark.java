package dev.kontor.benchmark;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts the packaged Kontor jar on its own data folder, fills it with N synthetic tickets (once), and prints
 * p50/p95/p99 of the inbox page, the ticket page and the API list as an agent who serves 2 of 6 clients, plus
 * the memory of the app and of its embedded PostgreSQL. Prints numbers; asserts nothing.
 *
 * <p>Arguments: number of tickets, path of the jar, data folder, requests per endpoint.
 */
public final class InboxBenchmark {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern NEXT = Pattern.compile("href=\"([^\"]*cursor=[^\"]+)\" rel=\"next\"");

    private static Path accessLog;

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0].replace("_", ""));
        Path jar = Path.of(args[1]);
        Path data = Path.of(args[2]).toAbsolutePath();
        int requests = args.length > 3 ? Integer.parseInt(args[3]) : 1000;

        System.out.printf("Kontor benchmark: %,d tickets, data in %s%n", n, data);
        accessLog = data.resolveSibling(data.getFileName() + "-access.log");
        Files.deleteIfExists(accessLog);
        // Tomcat's access log gives the server-side time of each request (%D, microseconds), from the first byte
        // read to the last byte written: security filters, session and rendering included.
        try (BenchmarkApp app = BenchmarkApp.start(
                jar,
                data,
                Map.of(
                        "KONTOR_ADMIN_EMAIL", "bench-admin@kontor.local",
                        "KONTOR_ADMIN_PASSWORD", "bench-admin-password"),
                List.of(
                        "--server.tomcat.accesslog.enabled=true",
                        "--server.tomcat.accesslog.buffered=false",
                        "--server.tomcat.accesslog.directory=" + accessLog.getParent(),
                        "--server.tomcat.accesslog.prefix=" + accessLog.getFileName(),
                        "--server.tomcat.accesslog.suffix=",
                        "--server.tomcat.accesslog.file-date-format=",
                        "--server.tomcat.accesslog.rotate=false",
                        "--server.tomcat.accesslog.pattern=%s %D"))) {
            BenchmarkData filler = new BenchmarkData(app.dbPort);
            double fillSeconds = filler.fill(n);
            if (fillSeconds > 0) {
                System.out.printf("Filled in %.1f s%n", fillSeconds);
            }
            run(app.base(), filler, requests, app);
        }
    }

    private static void run(String base, BenchmarkData data, int requests, BenchmarkApp app) throws Exception {
        List<Long> visible = new ArrayList<>();
        long tickets;
        long messages;
        try (Connection c = data.connect()) {
            ResultSet rs = c.createStatement()
                    .executeQuery("select t.id from tickets.ticket t join clients.client c on c.id = t.client_id"
                            + " where c.key in ('bench-c1','bench-c2') order by random() limit 5000");
            while (rs.next()) {
                visible.add(rs.getLong(1));
            }
            rs = c.createStatement()
                    .executeQuery("select (select count(*) from tickets.ticket),"
                            + " (select count(*) from tickets.message)");
            rs.next();
            tickets = rs.getLong(1);
            messages = rs.getLong(2);
        }
        HttpClient ui = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        signIn(ui, base);
        HttpClient api = HttpClient.newHttpClient();
        Random random = new Random(42);

        // Later pages: follow the "next" links of the default view a few times.
        List<String> pages = new ArrayList<>(List.of("/inbox"));
        String html = get(ui, base + "/inbox", null).body();
        for (int i = 0; i < 5; i++) {
            Matcher m = NEXT.matcher(html);
            if (!m.find()) {
                break;
            }
            String next = m.group(1).replace("&amp;", "&");
            pages.add(next);
            html = get(ui, base + next, null).body();
        }
        String[][] views = {
            {"inbox: all statuses", "/inbox?view=all"},
            {"inbox: mine", "/inbox?view=mine"},
            {"inbox: unassigned", "/inbox?view=unassigned"},
            {"inbox: unresolved, oldest first", "/inbox?sort=created_asc"},
            {"inbox: tag vip", "/inbox?view=all&tag=vip"},
            {"inbox: status closed", "/inbox?view=all&status=closed"},
            {"inbox: search \"refund\"", "/inbox?view=all&q=refund"}
        };

        // Warm up every endpoint first (JIT, caches), so that the first table row is not the one that pays for it.
        for (int i = 0; i < Math.max(300, requests / 2); i++) {
            check(get(ui, base + "/inbox", null));
            check(get(ui, base + views[i % views.length][1], null));
            check(get(ui, base + pages.get(i % pages.size()), null));
            check(get(ui, base + "/tickets/" + visible.get(random.nextInt(visible.size())), null));
            check(get(api, base + "/api/v1/tickets?limit=50", BenchmarkData.AGENT_TOKEN));
            check(get(
                    api,
                    base + "/api/v1/tickets/" + visible.get(random.nextInt(visible.size())),
                    BenchmarkData.AGENT_TOKEN));
        }

        System.out.printf("%nDatabase: %,d tickets, %,d messages; agent serves 2 of 6 clients%n", tickets, messages);
        System.out.printf("%-34s %6s | %-26s | %-26s%n", "", "", "server side (Tomcat), ms", "seen by the client, ms");
        System.out.printf(
                "%-34s %6s | %8s %8s %8s | %8s %8s %8s%n", "endpoint", "n", "p50", "p95", "p99", "p50", "p95", "p99");
        List<long[][]> inbox = new ArrayList<>();
        inbox.add(measure("inbox: unresolved (default)", requests, i -> get(ui, base + "/inbox", null)));
        for (String[] view : views) {
            inbox.add(measure(view[0], requests / 2, i -> get(ui, base + view[1], null)));
        }
        if (pages.size() > 1) {
            inbox.add(measure(
                    "inbox: pages 2-" + pages.size() + " of default",
                    requests,
                    i -> get(ui, base + pages.get(1 + random.nextInt(pages.size() - 1)), null)));
        }
        print("inbox: all of the above", new long[][] {
            inbox.stream().flatMapToLong(r -> Arrays.stream(r[0])).toArray(),
            inbox.stream().flatMapToLong(r -> Arrays.stream(r[1])).toArray()
        });
        measure(
                "ticket page",
                requests,
                i -> get(ui, base + "/tickets/" + visible.get(random.nextInt(visible.size())), null));
        measure(
                "API GET /api/v1/tickets?limit=50",
                requests,
                i -> get(api, base + "/api/v1/tickets?limit=50", BenchmarkData.AGENT_TOKEN));
        measure(
                "API GET /api/v1/tickets/{id}",
                requests,
                i -> get(
                        api,
                        base + "/api/v1/tickets/" + visible.get(random.nextInt(visible.size())),
                        BenchmarkData.AGENT_TOKEN));

        System.out.printf("%n%s%n", app.memoryLine());
    }

    @FunctionalInterface
    interface Call {
        HttpResponse<String> call(int i) throws Exception;
    }

    /** Runs the call {@code requests} times; returns client and server nanos, as {client[], server[]}. */
    private static long[][] measure(String name, int requests, Call call) throws Exception {
        long logged = loggedRequests();
        long[] nanos = new long[requests];
        for (int i = 0; i < requests; i++) {
            long t0 = System.nanoTime();
            check(call.call(i));
            nanos[i] = System.nanoTime() - t0;
        }
        long[][] result = {nanos, serverNanos(logged, requests)};
        print(name, result);
        return result;
    }

    private static void print(String name, long[][] samples) {
        System.out.printf(
                "%-34s %6d | %8.2f %8.2f %8.2f | %8.2f %8.2f %8.2f%n",
                name,
                samples[0].length,
                percentile(samples[1], 50),
                percentile(samples[1], 95),
                percentile(samples[1], 99),
                percentile(samples[0], 50),
                percentile(samples[0], 95),
                percentile(samples[0], 99));
    }

    private static double percentile(long[] samples, double p) {
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    private static long loggedRequests() throws IOException {
        try (var lines = Files.lines(accessLog)) {
            return lines.count();
        }
    }

    /** The server-side times of the {@code count} requests logged after line {@code from}. */
    private static long[] serverNanos(long from, int count) throws Exception {
        // Tomcat logs a request just after its last byte is sent: give the last lines a moment to appear.
        for (int i = 0; i < 100 && loggedRequests() < from + count; i++) {
            Thread.sleep(20);
        }
        try (var lines = Files.lines(accessLog)) {
            return lines.skip(from)
                    .limit(count)
                    .mapToLong(line ->
                            Long.parseLong(line.substring(line.indexOf(' ') + 1).strip()) * 1000)
                    .toArray();
        }
    }

    private static void check(HttpResponse<String> r) {
        if (r.statusCode() != 200) {
            throw new IllegalStateException(r.uri() + " answered " + r.statusCode());
        }
    }

    private static HttpResponse<String> get(HttpClient http, String url, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void signIn(HttpClient ui, String base) throws Exception {
        String login = get(ui, base + "/login", null).body();
        Matcher m = CSRF.matcher(login);
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token on the login page");
        }
        String form = "username=" + URLEncoder.encode(BenchmarkData.AGENT_EMAIL, StandardCharsets.UTF_8) + "&password="
                + BenchmarkData.AGENT_PASSWORD + "&_csrf=" + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
        var r = ui.send(
                HttpRequest.newBuilder(URI.create(base + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        String location = r.headers().firstValue("Location").orElse("");
        if (r.statusCode() != 302 || location.contains("error")) {
            throw new IllegalStateException("sign-in failed: " + r.statusCode() + " " + location);
        }
    }
}
