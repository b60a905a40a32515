package dev.kontor.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Starts PostgreSQL 17 from the zonky binaries when no external database is configured. The data lives under
 * {@code kontor.data.dir}; fsync and synchronous_commit stay on (zonky turns them off by default, which is right
 * for throw-away test databases and wrong for a helpdesk's data).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedPostgresConfiguration.NoExternalDatabase.class)
class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    /** Settings a node may not turn off: an accepted message must survive a power cut. */
    private static final Set<String> DURABILITY = Set.of("fsync", "synchronous_commit", "full_page_writes");

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(DataSettings settings) throws IOException {
        Path root = settings.dir().toAbsolutePath().normalize();
        Path data = root.resolve("pg");
        Files.createDirectories(data);
        StalePostmaster.stopIfRunning(data);
        log.info("Starting embedded PostgreSQL with data in {}", data);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                // Binaries next to the data, not in /tmp where cleaners may remove them under a running server.
                .setOverrideWorkingDirectory(root.resolve("pg-bin").toFile())
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "100")
                .setServerConfig("shared_buffers", "256MB")
                .setPGStartupWait(Duration.ofSeconds(60))
                // Spring stops it (destroyMethod) after every bean that uses it. Zonky's own JVM hook would stop it
                // in parallel with Spring's shutdown, and the last writes of a graceful shutdown would hang on
                // a dead server until the pool's timeout.
                .setRegisterShutdownHook(false);
        settings.server().forEach((name, value) -> {
            if (!DURABILITY.contains(name)) {
                builder.setServerConfig(name, value);
            }
        });
        if (settings.port() > 0) {
            builder.setPort(settings.port());
        }
        return builder.start();
    }

    @Bean
    DataSource dataSource(EmbeddedPostgres postgres) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(20);
        config.setPoolName("kontor");
        return new HikariDataSource(config);
    }

    static class NoExternalDatabase implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
        }
    }
}
