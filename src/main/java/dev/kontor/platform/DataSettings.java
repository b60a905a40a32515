package dev.kontor.platform;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the embedded PostgreSQL keeps its files ({@code KONTOR_DATA_DIR}, default {@code ./data}), the port it
 * listens on (0: a free one) and server settings beyond Kontor's defaults ({@code kontor.data.server.work_mem=16MB};
 * a setting named here wins over the default, except that fsync and synchronous_commit stay on). Unused when
 * {@code SPRING_DATASOURCE_URL} points at an external server.
 */
@Validated
@ConfigurationProperties("kontor.data")
public record DataSettings(@NotNull Path dir, int port, Map<String, String> server) {

    public DataSettings {
        server = server == null ? Map.of() : Map.copyOf(server);
    }
}
