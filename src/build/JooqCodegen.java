import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.ForcedType;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.Target;

/**
 * Build step: migrates a throw-away embedded PostgreSQL with the project's Flyway scripts and generates jOOQ
 * classes for each module schema into that module's internal {@code db} package (schema {@code tickets} becomes
 * {@code dev.kontor.tickets.db}). Generating from a real PostgreSQL, not from parsed DDL, keeps every PostgreSQL
 * feature available to the migrations. Skipped when the migrations have not changed since the last run.
 *
 * <p>Arguments: migration folder, output folder, scratch folder for the database.
 */
public class JooqCodegen {

    public static void main(String[] args) throws Exception {
        Path migrations = Path.of(args[0]);
        Path output = Path.of(args[1]);
        Path scratch = Path.of(args[2]);
        Path stamp = output.resolve(".migrations.sha256");
        String hash = hash(migrations);
        if (Files.exists(stamp) && Files.readString(stamp).equals(hash)) {
            System.out.println("jOOQ classes are up to date with the migrations");
            return;
        }
        deleteRecursively(output);
        deleteRecursively(scratch);
        Files.createDirectories(scratch);
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(scratch.resolve("data"))
                .setOverrideWorkingDirectory(scratch.resolve("bin").toFile())
                .setCleanDataDirectory(true)
                .start()) {
            Flyway.configure()
                    .dataSource(pg.getPostgresDatabase())
                    .locations("filesystem:" + migrations.toAbsolutePath())
                    .load()
                    .migrate();
            List<String> schemas = new ArrayList<>();
            try (Connection c = pg.getPostgresDatabase().getConnection();
                    ResultSet rs = c.createStatement()
                            .executeQuery("select nspname from pg_namespace where nspname not like 'pg\\_%' "
                                    + "and nspname not in ('public', 'information_schema') order by 1")) {
                while (rs.next()) {
                    schemas.add(rs.getString(1));
                }
            }
            String url = pg.getJdbcUrl("postgres", "postgres");
            for (String schema : schemas) {
                GenerationTool.generate(new Configuration()
                        .withLogging(org.jooq.meta.jaxb.Logging.WARN)
                        .withJdbc(new Jdbc()
                                .withDriver("org.postgresql.Driver")
                                .withUrl(url)
                                .withUser("postgres"))
                        .withGenerator(new Generator()
                                .withDatabase(new Database()
                                        .withName("org.jooq.meta.postgres.PostgresDatabase")
                                        .withInputSchema(schema)
                                        .withIncludes(".*")
                                        .withExcludes("flyway_schema_history")
                                        .withForcedTypes(new ForcedType()
                                                .withName("INSTANT")
                                                .withIncludeTypes("(?i:timestamp with time zone|timestamptz)")))
                                .withGenerate(new Generate()
                                        .withRecords(true)
                                        .withPojos(false)
                                        .withDaos(false)
                                        .withJavaTimeTypes(true)
                                        .withGeneratedAnnotation(false))
                                .withTarget(new Target()
                                        .withPackageName("dev.kontor." + schema + ".db")
                                        .withDirectory(output.toString())
                                        .withClean(false))));
            }
        }
        Files.writeString(stamp, hash);
        deleteRecursively(scratch);
    }

    private static String hash(Path folder) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                digest.update(folder.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                digest.update(Files.readAllBytes(file));
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p :
                    walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
