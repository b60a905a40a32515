package dev.kontor.routing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An install from before routing had its own module keeps its team strategies, agents' availability and the
 * hand-outs still to do when it stopped.
 */
@KontorIntegrationTest
class RoutingUpgradeIntegrationTests {

    static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    static final Path ROUTING_MIGRATION = MIGRATIONS.resolve("routing/V1_45__routing.sql");

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    DSLContext db;

    @Autowired
    TestFixtures fixtures;

    /** The migration renames old registry entries to what the registry writes for routing's listener today. */
    @Test
    void theMigrationNamesAnAgentFreedTheWayTheRegistryRecordsIt() throws IOException {
        long userId = fixtures.agent(fixtures.client()).id();
        List<String> recorded = new ArrayList<>();
        TransactionTemplate tx = new TransactionTemplate(transactions);
        tx.executeWithoutResult(status -> {
            events.publishEvent(new QueueTriggers.AgentFreed(userId));
            db.fetch(
                            "select event_type, listener_id from platform.event_publication where serialized_event"
                                    + " = ? and completion_date is null",
                            "{\"userId\":" + userId + "}")
                    .forEach(r -> {
                        recorded.add(r.get(0, String.class));
                        recorded.add(r.get(1, String.class));
                    });
            status.setRollbackOnly();
        });

        assertThat(recorded).hasSize(2);
        String migration = Files.readString(ROUTING_MIGRATION);
        assertThat(migration).contains("'" + recorded.get(0) + "'", "'" + recorded.get(1) + "'");
    }

    @Test
    void anExistingInstallKeepsItsRoutingAndPendingHandOutsWhenRoutingMovesToItsOwnSchema() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            DataSource ds = pg.getPostgresDatabase();
            // The install as it was: every migration but routing's, already up to the latest version.
            flyway(ds, false).migrate();
            try (Connection c = ds.getConnection();
                    Statement s = c.createStatement()) {
                s.execute("insert into accounts.app_user (email, display_name, role, created_at)"
                        + " values ('ada@example.com', 'Ada', 'agent', now())");
                s.execute("insert into accounts.team (name, created_at) values ('FR', now())");
                s.execute("insert into rules.team_routing (team_id, strategy, any_language_fallback,"
                        + " last_assigned_user_id, updated_at)"
                        + " select t.id, 'language', true, u.id, now() from accounts.team t, accounts.app_user u");
                s.execute("insert into rules.agent_availability (user_id, status, working_hours, time_zone, capacity,"
                        + " updated_at) select id, 'online', 'mon-fri 09:00-17:00', 'Europe/Paris', 7, now()"
                        + " from accounts.app_user");
                s.execute("insert into platform.event_publication (id, listener_id, event_type, serialized_event,"
                        + " publication_date) values (gen_random_uuid(),"
                        + " 'dev.kontor.rules.internal.RuleTriggers.on(dev.kontor.rules.internal.RuleTriggers$AgentFreed)',"
                        + " 'dev.kontor.rules.internal.RuleTriggers$AgentFreed', '{\"userId\":1}', now())");
            }

            flyway(ds, true).migrate();

            try (Connection c = ds.getConnection();
                    Statement s = c.createStatement()) {
                assertThat(rows(
                                s,
                                "select strategy || ' ' || any_language_fallback || ' ' || last_assigned_user_id"
                                        + " from routing.team_routing"))
                        .containsExactly("language true 1");
                assertThat(rows(
                                s,
                                "select status || ' ' || working_hours || ' ' || time_zone || ' ' || capacity"
                                        + " from routing.agent_availability"))
                        .containsExactly("online mon-fri 09:00-17:00 Europe/Paris 7");
                assertThat(rows(
                                s,
                                "select count(*) from information_schema.tables where table_schema = 'rules'"
                                        + " and table_name in ('team_routing', 'agent_availability')"))
                        .containsExactly("0");
                assertThat(rows(s, "select event_type || ' ' || listener_id from platform.event_publication"))
                        .containsExactly("dev.kontor.routing.internal.QueueTriggers$AgentFreed"
                                + " dev.kontor.routing.internal.QueueTriggers.on("
                                + "dev.kontor.routing.internal.QueueTriggers$AgentFreed)");
            }
        }
    }

    private static Flyway flyway(DataSource ds, boolean withRouting) throws IOException {
        List<String> locations = new ArrayList<>();
        try (Stream<Path> folders = Files.list(MIGRATIONS)) {
            folders.filter(f -> withRouting || !f.getFileName().toString().equals("routing"))
                    .sorted()
                    .forEach(f -> locations.add("filesystem:" + f.toAbsolutePath()));
        }
        return Flyway.configure()
                .dataSource(ds)
                .locations(locations.toArray(String[]::new))
                .outOfOrder(true)
                .load();
    }

    private static List<String> rows(Statement s, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
