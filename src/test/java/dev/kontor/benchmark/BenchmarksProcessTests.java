package dev.kontor.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Every benchmark runs at a small scale in {@code ./mvnw verify}, against the packaged jar, so none can rot: a
 * schema change that breaks a bulk fill or an API change that breaks a set-up fails here, not on the day someone
 * wants figures. The figures printed at this scale mean nothing; the full runs are in {@code docs/benchmark.md}.
 */
class BenchmarksProcessTests {

    static final Path JAR = Path.of(System.getProperty("kontor.jar", "target/kontor-0.1.0-SNAPSHOT.jar"));
    static final Path DATA = Path.of("target", "bench-small").toAbsolutePath();

    @Test
    void inboxBenchmarkFillsAndMeasuresEveryEndpoint() throws Exception {
        String out = run(() -> InboxBenchmark.main(
                new String[] {"2000", JAR.toString(), DATA.resolve("inbox").toString(), "10"}));
        assertThat(out)
                .contains("Database: 2,000 tickets")
                .contains("API GET /api/v1/tickets")
                .contains("Memory:");
    }

    @Test
    void ingestBenchmarkRoutesEveryMessage() throws Exception {
        String out = run(() -> IngestBenchmark.main(
                new String[] {"40", JAR.toString(), DATA.resolve("ingest").toString(), "1,4"}));
        assertThat(out)
                .contains("lag 201->routed")
                .doesNotContain("were not routed")
                .contains("Memory:");
    }

    @Test
    void marketplaceBenchmarkTriagesAndRoutesEveryThread() throws Exception {
        String out = run(() -> MarketplaceBenchmark.main(
                new String[] {"2", "5", JAR.toString(), DATA.resolve("mirakl").toString()}));
        assertThat(out)
                .contains("All 10 threads in the inbox")
                .contains("10 triaged and routed")
                .contains("Memory:");
    }

    @Test
    void ruleBenchmarkEvaluatesRulesOnEveryMessage() throws Exception {
        String out = run(() -> RuleEvaluationBenchmark.main(
                new String[] {"20", "60", DATA.resolve("rules").toString()}));
        assertThat(out).contains("Event rules per message").contains("Aging scan");
    }

    @Test
    void triageSpeedBenchmarkTimesEveryPart() throws Exception {
        String out = run(() -> dev.kontor.triage.internal.TriageSpeedBenchmark.main(new String[] {"3"}));
        assertThat(out).contains("category cues").contains("language (Lingua)").contains("order references");
    }

    @Test
    void emailBenchmarkImportsEveryMail() throws Exception {
        String out = run(() -> EmailImportBenchmark.main(
                new String[] {"40", JAR.toString(), DATA.resolve("email").toString()}));
        assertThat(out).contains("messages per second");
    }

    @Test
    void importBenchmarkImportsAndResumesAfterAKill() throws Exception {
        String out = run(() -> ImportBenchmark.main(
                new String[] {"400", JAR.toString(), DATA.resolve("import").toString(), "0"}));
        assertThat(out)
                .contains("messages/s")
                .contains("import finished")
                .contains(", 0 duplicates")
                .contains("Memory:");
    }

    @Test
    void startupBenchmarkStartsWithClassDataSharingAndLoadsTheModels() throws Exception {
        String out = run(() -> StartupBenchmark.main(
                new String[] {"500", JAR.toString(), DATA.resolve("startup").toString(), "1", "cds", "-Xmx512m"}));
        assertThat(out)
                .contains("cds  ", "fresh", "existing")
                .contains("Languages:")
                .contains("Memory with triage's models loaded");
    }

    interface Main {
        void run() throws Exception;
    }

    /** Runs a benchmark, echoing what it prints and returning it. */
    static String run(Main main) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(new Tee(original, captured), true, StandardCharsets.UTF_8));
        try {
            main.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int x) throws java.io.IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
