package dev.kontor.platform;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the embedded PostgreSQL keeps its files ({@code KONTOR_DATA_DIR}, default {@code ./data}) and the port it
 * listens on (0: a free one). Unused when {@code SPRING_DATASOURCE_URL} points at an external server.
 */
@Validated
@ConfigurationProperties("kontor.data")
public record DataSettings(@NotNull Path dir, int port) {}
