package dev.kontor.translation.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontor.shared.LanguageCode;
import dev.kontor.translation.TranslationProviders;
import dev.kontor.translation.TranslationRequest;
import dev.kontor.translation.Translator;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A real translation engine: Debian's Apertium APY server with the eng-spa pair, started on a free loopback-only
 * port by the test. Skipped where {@code apertium-apy} or the pair is not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApertiumProcessTests {

    static final Path MODES = Path.of("/usr/share/apertium/modes");

    Process apy;
    Translator apertium;

    @BeforeAll
    void start() throws Exception {
        Assumptions.assumeTrue(
                new File("/usr/bin/apertium-apy").canExecute() && Files.exists(MODES.resolve("spa-eng.mode")),
                "apertium-apy and apertium-eng-spa are not installed");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        apy = new ProcessBuilder("apertium-apy", "-p", String.valueOf(port), MODES.toString())
                .redirectErrorStream(true)
                .redirectOutput(new File("target/apertium-apy.log"))
                .start();
        String base = "http://127.0.0.1:" + port;
        HttpClient http = HttpClient.newHttpClient();
        Process server = apy;
        org.awaitility.Awaitility.await("APY answers /listPairs (see target/apertium-apy.log)")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!server.isAlive()) {
                        throw new IllegalStateException("APY stopped; see target/apertium-apy.log");
                    }
                    try {
                        return http.send(
                                                HttpRequest.newBuilder(URI.create(base + "/listPairs"))
                                                        .build(),
                                                HttpResponse.BodyHandlers.ofString())
                                        .statusCode()
                                == 200;
                    } catch (java.io.IOException notYet) {
                        return false; // still starting
                    }
                });
        TranslationSettings settings = new TranslationSettings(
                Duration.ofSeconds(5),
                Duration.ofSeconds(60),
                null,
                null,
                null,
                null,
                null,
                null,
                new TranslationSettings.Apertium(base),
                null);
        apertium = new TranslationProviders(
                        List.of(new ApertiumTranslator(settings.apertium(), settings, Clock.systemUTC())))
                .named("apertium")
                .orElseThrow();
    }

    @AfterAll
    void stop() throws Exception {
        if (apy != null) {
            apy.descendants().forEach(ProcessHandle::destroy);
            apy.destroy();
            apy.waitFor();
        }
    }

    @Test
    void spanishCustomerMessageReadsInEnglish() {
        var t = apertium.translate(TranslationRequest.of(
                        new LanguageCode("en"),
                        "Hola, mi pedido 302-4567891-2345678 no ha llegado todavía. ¿Dónde está mi paquete?")
                .from(new LanguageCode("es")));

        String english = t.texts().get(0);
        assertThat(english).contains("302-4567891-2345678").contains("Hello").doesNotContain("pedido", "paquete");
        assertThat(t.provider()).isEqualTo("apertium");
        assertThat(t.detectedSource().value()).isEqualTo("es");
        assertThat(apertium.selfHosted()).isTrue();
    }

    @Test
    void englishReplyGoesOutInSpanishWithItsUntouchables() {
        var t = apertium.translate(TranslationRequest.of(
                        new LanguageCode("es"),
                        "Hello {{customer.first_name}}, your package was shipped today. Track it at"
                                + " https://www.ups.com/track?tracknum=1Z999AA10123456784 and write to"
                                + " help@shop.example.")
                .from(new LanguageCode("en")));

        String spanish = t.texts().get(0);
        assertThat(spanish)
                .contains("{{customer.first_name}}")
                .contains("https://www.ups.com/track?tracknum=1Z999AA10123456784")
                .contains("help@shop.example")
                .startsWith("Hola ")
                .contains("hoy")
                .doesNotContain("package", "today", "⟦");
    }
}
