package dev.kontor.benchmark;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Start-up and memory of the packaged jar, without demo data: the time from launching the JVM to
 * {@code /actuator/health} answering 200 on a fresh data folder (PostgreSQL binaries unpacked, initdb, every
 * migration) and on an existing one, as the median of several starts, with the CPU seconds the JVM spent until then
 * (on a shared machine the wall time depends on the neighbours, the CPU time much less). Each launch mode is
 * measured: {@code jar} is {@code java -jar}; {@code cds} is the extracted jar with a class-data sharing archive
 * from a training run ({@code src/dist/prepare-cds.sh}, README's "Start-up and sizing"). Then, at N tickets (filled once with
 * {@link BenchmarkData}, kept between runs), a start on that data, labelled customer messages through the API until
 * triage's language models are loaded, and the memory: the app's RSS, its heap (live after a full GC, and
 * committed) and the PostgreSQL's PSS. Prints numbers; asserts nothing.
 *
 * <p>Arguments: tickets, the jar, the data folder, starts per case (default 5), launch modes (default
 * {@code jar,cds}), the JVM options (default {@code -Xmx1g}, space-separated).
 */
public final class StartupBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TOKEN = "bench-startup-token-0123456789abcdef";
    private static final Map<String, String> ADMIN = Map.of(
            "KONTOR_ADMIN_EMAIL", "admin@bench.local",
            "KONTOR_ADMIN_PASSWORD", "bench-admin-password",
            "KONTOR_ADMIN_API_TOKEN", TOKEN);

    public static void main(String[] args) throws Exception {
        int tickets = Integer.parseInt(args[0].replace("_", ""));
        Path jar = Path.of(args[1]).toAbsolutePath();
        Path root = Path.of(args[2]).toAbsolutePath();
        int starts = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        List<String> modes = List.of((args.length > 4 ? args[4] : "jar,cds").split(","));
        List<String> jvm = List.of((args.length > 5 && !args[5].isBlank() ? args[5] : "-Xmx1g")
                .strip()
                .split("\\s+"));

        System.out.printf(
                "Start-up benchmark: %s, JVM options %s, %d starts per case, %,d tickets, %d cores%n",
                jar.getFileName(),
                String.join(" ", jvm),
                starts,
                tickets,
                Runtime.getRuntime().availableProcessors());
        System.out.printf(
                "%-6s | %-9s | %-28s | %-18s | %s%n",
                "launch", "data", "to healthy s: median (min-max)", "CPU s: median", "RSS at healthy MB");
        Launch last = null;
        for (String mode : modes) {
            Launch launch = Launch.prepare(mode.strip(), jar, root.resolve("launch-" + mode.strip()), jvm);
            Path data = root.resolve("empty");
            List<Start> fresh = new ArrayList<>();
            List<Start> existing = new ArrayList<>();
            for (int i = 0; i < starts; i++) {
                BenchmarkApp.deleteRecursively(data);
                fresh.add(launch.timedStart(data));
                existing.add(launch.timedStart(data));
            }
            print(mode, "fresh", fresh);
            print(mode, "existing", existing);
            last = launch;
        }

        Path big = root.resolve("tickets-" + tickets);
        try (BenchmarkApp filling = last.start(big)) {
            double seconds = new BenchmarkData(filling.dbPort).fill(tickets);
            if (seconds > 0) {
                System.out.printf("Filled %,d tickets in %.0f s%n", tickets, seconds);
            }
        }
        Start atScale = last.timedStart(big);
        System.out.printf(
                "%-6s | %-9s | %-28s | %-18s | %d%n",
                last.mode,
                String.format("%,d t.", tickets),
                String.format("%.1f", atScale.seconds),
                String.format("%.1f", atScale.cpuSeconds),
                atScale.rssKb / 1024);
        try (BenchmarkApp app = last.start(big)) {
            memoryWithModels(app, jvm);
        }
    }

    /** One start: seconds to healthy, CPU seconds of the JVM until then, RSS then (kB). */
    record Start(double seconds, double cpuSeconds, long rssKb) {}

    private static void print(String mode, String data, List<Start> runs) {
        double[] secs = runs.stream().mapToDouble(Start::seconds).sorted().toArray();
        double[] cpu = runs.stream().mapToDouble(Start::cpuSeconds).sorted().toArray();
        long[] rss = runs.stream().mapToLong(Start::rssKb).sorted().toArray();
        System.out.printf(
                "%-6s | %-9s | %-28s | %-18s | %d%n",
                mode,
                data,
                String.format("%.1f (%.1f-%.1f)", secs[secs.length / 2], secs[0], secs[secs.length - 1]),
                String.format("%.1f", cpu[cpu.length / 2]),
                rss[rss.length / 2] / 1024);
    }

    /**
     * Sends the labelled multilingual samples (short and long, so that every n-gram model is needed) and waits until
     * each ticket is triaged; the first one waits for the models to load.
     */
    private static void memoryWithModels(BenchmarkApp app, List<String> jvm) throws Exception {
        List<JsonNode> samples = samples();
        HttpClient http = HttpClient.newHttpClient();
        long t0 = System.nanoTime();
        long first = send(http, app, samples.get(0), "startup-first-" + System.nanoTime());
        String language = awaitLanguage(http, app, first);
        double firstSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
                "First message, sent as soon as the app was healthy: triaged %.1f s after it was sent (language %s,"
                        + " labelled %s)%n",
                firstSeconds, language, samples.get(0).get("lang").asString());
        int right = 0;
        long[] ids = new long[samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            ids[i] = send(http, app, samples.get(i), "startup-" + i + "-" + System.nanoTime());
        }
        IngestBenchmark.awaitDrained(app);
        for (int i = 0; i < samples.size(); i++) {
            if (samples.get(i).get("lang").asString().equals(awaitLanguage(http, app, ids[i]))) {
                right++;
            }
        }
        System.out.printf("Languages: %d of %d labelled messages right%n", right, samples.size());
        long[] before = app.memory();
        String[] heap = heap(app.process.pid());
        long[] m = app.memory();
        System.out.printf(
                "Memory with triage's models loaded (%s): app RSS %,d MB (peak %,d MB), heap live after full GC %s MB,"
                        + " heap committed %s MB; embedded PostgreSQL PSS %,d MB in %d processes%n",
                String.join(" ", jvm), before[0] / 1024, m[1] / 1024, heap[0], heap[1], m[2] / 1024, m[3]);
    }

    private static long send(HttpClient http, BenchmarkApp app, JsonNode sample, String externalId) throws Exception {
        String body = JSON.writeValueAsString(Map.of(
                "store", "bench-c1-s1",
                "from", Map.of("email", externalId + "@bench.test", "name", "Buyer"),
                "subject", sample.get("subject").asString(),
                "body", sample.get("body").asString(),
                "externalId", externalId));
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(app.base() + "/api/v1/inbound-messages"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() != 201) {
            throw new IllegalStateException("inbound message answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body()).get("ticketId").asLong();
    }

    /** The ticket's language once triage has set it. */
    private static String awaitLanguage(HttpClient http, BenchmarkApp app, long ticketId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(app.base() + "/api/v1/tickets/" + ticketId))
                            .header("Authorization", "Bearer " + TOKEN)
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode language = JSON.readTree(r.body()).path("ticket").path("language");
            if (r.statusCode() == 200 && !language.isMissingNode() && !language.isNull()) {
                return language.asString();
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("ticket " + ticketId + " was not triaged within 5 minutes");
    }

    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)");
    private static final Pattern COMMITTED = Pattern.compile("(?:heap|generation)\\s+total (\\d+)K");

    /** Live heap (a class histogram forces a full GC first) and committed heap, in MB, from jcmd. */
    private static String[] heap(long pid) throws Exception {
        Matcher live = HISTOGRAM_TOTAL.matcher(jcmd(pid, "GC.class_histogram"));
        Matcher committed = COMMITTED.matcher(jcmd(pid, "GC.heap_info"));
        long committedKb = 0;
        while (committed.find()) {
            committedKb += Long.parseLong(committed.group(1));
        }
        return new String[] {
            live.find() ? String.format("%,d", Long.parseLong(live.group(1)) / 1024 / 1024) : "?",
            committedKb > 0 ? String.format("%,d", committedKb / 1024) : "?"
        };
    }

    private static String jcmd(long pid, String command) throws Exception {
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid), command)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(2, TimeUnit.MINUTES);
        return out;
    }

    private static List<JsonNode> samples() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String file : List.of("triage/customer-messages.jsonl", "triage/unseen-messages.jsonl")) {
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

    /** How the JVM is launched: the jar as built, or extracted with a class-data sharing archive. */
    record Launch(String mode, Path jar, List<String> jvm) {

        static Launch prepare(String mode, Path jar, Path dir, List<String> jvm) throws Exception {
            if (mode.equals("jar")) {
                return new Launch(mode, jar, jvm);
            }
            if (!mode.equals("cds")) {
                throw new IllegalArgumentException("launch mode must be jar or cds: " + mode);
            }
            // The operators' way (README, "Start-up and sizing"): the script extracts the jar and trains the
            // archive in one run that exits after the context refresh; every start then maps those classes.
            BenchmarkApp.deleteRecursively(dir);
            Files.createDirectories(dir);
            long t0 = System.nanoTime();
            run(
                    dir,
                    Map.of("JAVA", BenchmarkApp.javaBinary()),
                    "sh",
                    Path.of("src", "dist", "prepare-cds.sh").toAbsolutePath().toString(),
                    jar.toString(),
                    dir.resolve("app").toString());
            Path extracted = dir.resolve("app").resolve(jar.getFileName());
            System.out.printf(
                    "cds: extracted and trained in %.1f s (archive %,d MB)%n",
                    (System.nanoTime() - t0) / 1e9,
                    Files.size(dir.resolve("app").resolve("kontor.jsa")) / 1024 / 1024);
            List<String> options = new ArrayList<>(jvm);
            options.add("-XX:SharedArchiveFile=" + dir.resolve("app").resolve("kontor.jsa"));
            return new Launch(mode, extracted, options);
        }

        BenchmarkApp start(Path data) throws Exception {
            return BenchmarkApp.start(jar, data, ADMIN, List.of(), jvm);
        }

        Start timedStart(Path data) throws Exception {
            long t0 = System.nanoTime();
            try (BenchmarkApp app = start(data)) {
                double seconds = (System.nanoTime() - t0) / 1e9;
                return new Start(seconds, app.cpuSeconds(), app.memory()[0]);
            }
        }

        private static void run(Path dir, Map<String, String> env, String... command) throws Exception {
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            dir.resolve("prepare.log").toFile()));
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException(
                        "'" + String.join(" ", Arrays.asList(command)) + "' failed; see " + dir.resolve("prepare.log"));
            }
        }
    }
}
