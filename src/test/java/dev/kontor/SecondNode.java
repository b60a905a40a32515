package dev.kontor;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** A second Kontor node on the test's PostgreSQL, for tests of work that must happen once across nodes. */
public final class SecondNode {

    private SecondNode() {}

    public static ConfigurableApplicationContext start(DataSource dataSource) throws IOException {
        Path data = Files.createTempDirectory(Path.of("target", "test-data").toAbsolutePath(), "second-node-");
        // Arguments, not default properties: application.properties would win over those (port 8080).
        return new SpringApplicationBuilder(KontorApplication.class)
                .run(
                        "--spring.datasource.url=" + ((HikariDataSource) dataSource).getJdbcUrl(),
                        "--spring.datasource.username=postgres",
                        "--kontor.data.dir=" + data,
                        "--server.port=0",
                        "--kontor.channels.dispatch-interval=1h",
                        "--kontor.email.max-idle=0s");
    }
}
