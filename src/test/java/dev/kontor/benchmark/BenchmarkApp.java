package dev.kontor.benchmark;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The packaged Kontor jar as a separate process on its own data folder, with its memory as the OS sees it. */
final class BenchmarkApp implements AutoCloseable {

    final Path data;
    final int dbPort;
    final int httpPort;
    final Process process;
    private String adminToken;

    private BenchmarkApp(Path data, int dbPort, int httpPort, Process process) {
        this.data = data;
        this.dbPort = dbPort;
        this.httpPort = httpPort;
        this.process = process;
    }

    static BenchmarkApp start(Path jar, Path data, Map<String, String> env, List<String> args) throws Exception {
        return start(jar, data, env, args, List.of("-Xmx1g"));
    }

    /** As {@link #start(Path, Path, Map, List)}, with JVM options of the caller's choice instead of -Xmx1g. */
    static BenchmarkApp start(Path jar, Path data, Map<String, String> env, List<String> args, List<String> jvmOptions)
            throws Exception {
        Files.createDirectories(data);
        int dbPort = freePort();
        int httpPort = freePort();
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        command.addAll(jvmOptions);
        // Extra options for the app's JVM, e.g. -Dbench.appJvmArgs=-XX:StartFlightRecording=filename=ingest.jfr
        String extra = System.getProperty("bench.appJvmArgs", "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("KONTOR_DATA_DIR", data.toString());
        pb.environment().put("KONTOR_DB_PORT", Integer.toString(dbPort));
        pb.environment().put("KONTOR_PORT", Integer.toString(httpPort));
        pb.environment().put("KONTOR_DEMO", "false");
        pb.environment().putAll(env);
        pb.redirectErrorStream(true)
                .redirectOutput(data.resolveSibling(data.getFileName() + ".log").toFile());
        BenchmarkApp app = new BenchmarkApp(data, dbPort, httpPort, pb.start());
        app.adminToken = env.get("KONTOR_ADMIN_API_TOKEN");
        try {
            app.awaitHealthy();
        } catch (Exception | Error e) {
            app.close(); // never leave a half-started app (and its PostgreSQL) behind
            throw e;
        }
        return app;
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    String base() {
        return "http://localhost:" + httpPort;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + dbPort + "/postgres?user=postgres";
    }

    private void awaitHealthy() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kontor exited; see the log next to the data folder");
            }
            try {
                var r = http.send(
                        HttpRequest.newBuilder(URI.create(base() + "/actuator/health"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Kontor did not start in time");
    }

    /** Resident, peak resident (kB) of the app, and the PSS (kB) and count of its PostgreSQL's processes. */
    long[] memory() {
        List<Long> postgres = postgresProcesses();
        // PSS shares each shared page among the processes that map it, so shared_buffers is counted once.
        long pss = postgres.stream()
                .mapToLong(pid -> field("/proc/" + pid + "/smaps_rollup", "Pss"))
                .sum();
        return new long[] {
            field("/proc/" + process.pid() + "/status", "VmRSS"),
            field("/proc/" + process.pid() + "/status", "VmHWM"),
            pss,
            postgres.size()
        };
    }

    /** CPU seconds (user and system, all threads) the app's JVM has used so far. */
    double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // Fields 14 and 15 of proc(5), counted from the state (field 3); in clock ticks of 1/100 s on Linux.
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    String memoryLine() {
        long[] m = memory();
        return String.format(
                "Memory: app RSS %,d MB (peak %,d MB, -Xmx1g); embedded PostgreSQL PSS %,d MB in %d processes",
                m[0] / 1024, m[1] / 1024, m[2] / 1024, m[3]);
    }

    private List<Long> postgresProcesses() {
        try {
            long postmaster =
                    Long.parseLong(Files.readAllLines(data.resolve("pg").resolve("postmaster.pid"))
                            .get(0)
                            .strip());
            List<Long> pids = new ArrayList<>(List.of(postmaster));
            ProcessHandle.of(postmaster).ifPresent(p -> p.children().forEach(c -> pids.add(c.pid())));
            return pids;
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** A "Name: value kB" field of a /proc file, 0 when unreadable. */
    private static long field(String file, String name) {
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                if (line.startsWith(name + ":")) {
                    return Long.parseLong(line.replaceAll("\\D+", ""));
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }

    /**
     * The machine's 1, 5 and 15 minute load averages, printed next to each figure: on a shared machine the same code
     * measures slower while others compile.
     */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The first column of the first row of a query on the app's database. */
    long single(String sql) throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbcUrl());
                java.sql.ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** POSTs JSON to the app's API as the admin (KONTOR_ADMIN_API_TOKEN); anything but 2xx fails the benchmark. */
    String post(String path, String json) throws Exception {
        return send("POST", path, json);
    }

    /** PUTs JSON to the app's API as the admin; anything but 2xx fails the benchmark. */
    String put(String path, String json) throws Exception {
        return send("PUT", path, json);
    }

    private String send(String method, String path, String json) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base() + path))
                                .header("Authorization", "Bearer " + adminToken)
                                .header("Content-Type", "application/json")
                                .method(method, HttpRequest.BodyPublishers.ofString(json))
                                .build(),
                        HttpResponse.BodyHandlers.ofString(java.nio.charset.StandardCharsets.UTF_8));
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
