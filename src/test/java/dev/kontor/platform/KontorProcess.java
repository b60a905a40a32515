package dev.kontor.platform;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Kontor as a separate JVM started from the packaged jar, so a test can kill it the hard way. */
final class KontorProcess {

    static final String TOKEN = "kt_process_test_token_0123456789";

    private final Path dataDir;
    private final Path log;
    private final int port;
    private final boolean adminFromEnvironment;
    private Process process;

    KontorProcess(Path dataDir) throws IOException {
        this(dataDir, true);
    }

    /** With {@code adminFromEnvironment} false, nobody can sign in until the setup page created an admin. */
    KontorProcess(Path dataDir, boolean adminFromEnvironment) throws IOException {
        this.dataDir = dataDir;
        this.adminFromEnvironment = adminFromEnvironment;
        this.log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        try (ServerSocket s = new ServerSocket(0)) {
            this.port = s.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    KontorProcess start() throws Exception {
        String jar = System.getProperty("kontor.jar");
        if (jar == null) {
            throw new IllegalStateException("system property kontor.jar is not set: run with failsafe after package");
        }
        ProcessBuilder pb = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar", jar);
        pb.environment()
                .putAll(Map.of(
                        "KONTOR_DATA_DIR", dataDir.toString(),
                        "KONTOR_PORT", Integer.toString(port),
                        "KONTOR_DEMO", "false"));
        pb.environment().keySet().removeIf(k -> k.startsWith("KONTOR_ADMIN_"));
        if (adminFromEnvironment) {
            pb.environment()
                    .putAll(Map.of(
                            "KONTOR_ADMIN_EMAIL", "admin@example.com",
                            "KONTOR_ADMIN_PASSWORD", "admin-password-1",
                            "KONTOR_ADMIN_API_TOKEN", TOKEN));
        }
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = pb.start();
        // Generous: a start takes 15 s on a quiet machine but minutes on one shared with other builds.
        awaitHealthy(Duration.ofMinutes(5));
        return this;
    }

    private void awaitHealthy(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kontor exited with " + process.exitValue() + "; see " + log);
            }
            try {
                var r = http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Kontor did not become healthy in " + timeout + "; see " + log);
    }

    /** SIGKILL: no shutdown hooks, no connection pool close, the embedded postmaster is orphaned. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
