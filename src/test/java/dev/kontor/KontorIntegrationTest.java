package dev.kontor;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on a real embedded PostgreSQL of its own, in a fresh temporary data folder (never
 * ./data), on a random port. Test classes with the same configuration share one context and so one database:
 * tests create their own clients and users with unique keys instead of relying on an empty database.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = KontorIntegrationTest.TemporaryDataDir.class)
public @interface KontorIntegrationTest {

    class TemporaryDataDir implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            try {
                // Under target/, so `mvnw clean` removes test databases and /tmp does not fill up.
                Path root = Files.createDirectories(Path.of("target", "test-data"));
                Path dir = Files.createTempDirectory(root.toAbsolutePath(), "kontor-test-");
                context.getEnvironment()
                        .getPropertySources()
                        .addFirst(new MapPropertySource(
                                "kontor-test",
                                Map.of(
                                        "kontor.data.dir",
                                        dir.toString(),
                                        "server.port",
                                        "0",
                                        // The scheduler's fetches do not idle here, so tests can fetch when they
                                        // choose; the IDLE test idles explicitly.
                                        "kontor.email.max-idle",
                                        "0s",
                                        // Marketplace tests poll and send when they choose, and a slow
                                        // marketplace times out quickly.
                                        "kontor.channels.dispatch-interval",
                                        "1h",
                                        "kontor.mirakl.read-timeout",
                                        "2s",
                                        // The reverse proxy of the forwarded-header tests: they connect from
                                        // this loopback address; everyone else (127.0.0.1) is not trusted.
                                        "kontor.http.trusted-proxies",
                                        "127.0.0.2")));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
