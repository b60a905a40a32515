package dev.kontor.benchmark;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Fills the database of a running Kontor with synthetic clients, stores, customers, tickets and messages, with
 * set-based SQL (generate_series) in batches, the way a bulk import would. Idempotent: a database that holds
 * enough tickets already is left alone.
 */
final class BenchmarkData {

    static final String AGENT_EMAIL = "bench-agent@kontor.local";
    static final String AGENT_PASSWORD = "bench-password";
    static final String AGENT_TOKEN = "kt_benchmark_agent_token_000000000000";
    static final int CLIENTS = 6;
    static final int STORES_PER_CLIENT = 4;
    static final int BATCH = 100_000;

    private final String jdbcUrl;

    BenchmarkData(int dbPort) {
        this.jdbcUrl = "jdbc:postgresql://localhost:" + dbPort + "/postgres?user=postgres";
    }

    Connection connect() throws Exception {
        return DriverManager.getConnection(jdbcUrl);
    }

    long tickets() throws Exception {
        try (Connection c = connect();
                ResultSet rs = c.createStatement().executeQuery("select count(*) from tickets.ticket")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Returns the seconds spent filling, 0 when the data was there already. */
    double fill(int n) throws Exception {
        long have = tickets();
        if (have >= n) {
            System.out.printf("Database holds %,d tickets already: not filling%n", have);
            return 0;
        }
        if (have > 0) {
            throw new IllegalStateException("The benchmark database holds " + have + " tickets, fewer than " + n
                    + ": delete the data folder and run again");
        }
        long start = System.nanoTime();
        try (Connection c = connect();
                Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            st.execute("set synchronous_commit = off"); // the bulk load only; the app keeps it on
            for (int ci = 1; ci <= CLIENTS; ci++) {
                st.execute("insert into clients.client (key, name, created_at) values ('bench-c" + ci
                        + "', 'Bench Client " + ci + "', now())");
                for (int si = 1; si <= STORES_PER_CLIENT; si++) {
                    st.execute("insert into clients.store (client_id, key, name, created_at) select id, 'bench-c" + ci
                            + "-s" + si + "', 'Bench Store " + ci + "." + si
                            + "', now() from clients.client where key = 'bench-c" + ci + "'");
                    st.execute("insert into clients.channel (store_id, kind, name, created_at) select id, 'api',"
                            + " 'API', now() from clients.store where key = 'bench-c" + ci + "-s" + si + "'");
                    st.execute("insert into clients.channel (store_id, kind, name, created_at) select id, 'email',"
                            + " 'E-mail', now() from clients.store where key = 'bench-c" + ci + "-s" + si + "'");
                }
            }
            st.execute("create table if not exists public.bench_store as"
                    + " select (row_number() over (order by s.id) - 1)::int as idx, s.id as store_id, s.client_id,"
                    + " ch.id as channel_id from clients.store s join clients.channel ch"
                    + " on ch.store_id = s.id and ch.kind = 'email' where s.key like 'bench-%'");
            int stores = CLIENTS * STORES_PER_CLIENT;
            int customers = Math.max(stores, n / 5);
            st.execute("insert into customers.customer (client_id, display_name, tier, created_at)"
                    + " select bs.client_id, 'Customer ' || g, case when g % 50 = 0 then 'vip' else 'standard' end,"
                    + " now() from generate_series(0, " + (customers - 1)
                    + ") g join public.bench_store bs on bs.idx = g % "
                    + stores + " order by g");
            long customerBase = single(st, "select min(id) from customers.customer where display_name = 'Customer 0'");
            st.execute("insert into customers.identity (customer_id, client_id, kind, value)"
                    + " select id, client_id, 'email', 'customer' || id || '@example.net' from customers.customer"
                    + " where id >= " + customerBase);
            long agentId = agent(st);
            for (int lo = 0; lo < n; lo += BATCH) {
                int hi = Math.min(n, lo + BATCH) - 1;
                st.execute(ticketsSql(lo, hi, customers, stores, customerBase, agentId));
                System.out.printf("  tickets %,d / %,d%n", hi + 1, n);
            }
            long first = single(st, "select min(id) from tickets.ticket");
            long last = single(st, "select max(id) from tickets.ticket");
            for (long lo = first; lo <= last; lo += BATCH) {
                st.execute(messagesSql(lo, Math.min(last, lo + BATCH - 1)));
            }
            System.out.println("  messages done; VACUUM ANALYZE, CHECKPOINT");
            st.execute("vacuum analyze");
            // Flush the load's dirty pages now, so the checkpointer's writes do not land inside the measurements.
            st.execute("checkpoint");
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static String ticketsSql(int lo, int hi, int customers, int stores, long customerBase, long agentId) {
        return """
                insert into tickets.ticket (client_id, store_id, channel_id, customer_id, subject, status, priority,
                  language, assignee_id, tags, message_count, created_at, updated_at, last_message_at,
                  first_response_at, solved_at, status_since, customer_waiting_since, queue_key)
                select bs.client_id, bs.store_id, bs.channel_id, %d + (x.i %% %d),
                  (array['Where is my order','Please cancel my order','Return request','Refund please',
                         'Item arrived broken','Invoice needed','Question about the size','Change delivery address',
                         'Wo ist meine Bestellung','Commande non reçue','Ordine in ritardo'])[1 + x.i %% 11]
                    || ' ' || (100000 + x.i),
                  x.status,
                  (array['low','normal','normal','normal','high','urgent'])[1 + x.i %% 6],
                  (array['en','de','fr','it','es','nl','pl','sv'])[1 + x.i %% 8],
                  case when bs.client_id in (select id from clients.client where key in ('bench-c1','bench-c2'))
                       and x.i %% 50 = 0 then %d end,
                  case when x.i %% 7 = 0 then array['vip'] when x.i %% 11 = 0 then array['storno'] else '{}' end,
                  3, x.created, least(x.created + x.age, now()), least(x.created + x.age, now()),
                  case when x.status <> 'new' then x.created + interval '2 hours' end,
                  case when x.status in ('solved','closed') then least(x.created + x.age, now()) end,
                  least(x.created + x.age, now()), x.created,
                  timestamptz '3000-01-01 00:00:00+00' - make_interval(days => case x.i %% 6 when 0 then 0 when 4 then 2 when 5 then 3 else 1 end)
                from (
                  select i, now() - (random() * interval '730 days') as created, random() * interval '5 days' as age,
                    case when r < 0.04 then 'new' when r < 0.12 then 'open' when r < 0.18 then 'pending'
                         when r < 0.20 then 'on_hold' when r < 0.50 then 'solved' else 'closed' end as status
                  from (select i, random() as r from generate_series(%d, %d) i) g
                ) x
                join public.bench_store bs on bs.idx = (x.i %% %d) %% %d
                order by x.i
                """.formatted(customerBase, customers, agentId, lo, hi, customers, stores);
    }

    private static String messagesSql(long lo, long hi) {
        return """
                insert into tickets.message (ticket_id, channel_id, kind, author_customer_id, author_name, body_text,
                  created_at)
                select t.id, t.channel_id, (array['inbound','outbound','note'])[k],
                  case when k = 1 then t.customer_id end, case when k = 1 then 'Customer' else 'Agent' end,
                  'Hello, this is message ' || k || ' about ticket ' || t.number || '. ' ||
                  repeat('The parcel was expected last week and the tracking has not moved since. ', 2),
                  t.created_at + (k - 1) * interval '1 hour'
                from tickets.ticket t cross join generate_series(1, 3) k
                where t.id between %d and %d
                """.formatted(lo, hi);
    }

    private static long agent(Statement st) throws Exception {
        String hash = "{bcrypt}" + new BCryptPasswordEncoder().encode(AGENT_PASSWORD);
        st.execute("insert into accounts.app_user (email, display_name, role, password_hash, locale, created_at)"
                + " values ('" + AGENT_EMAIL + "', 'Bench Agent', 'agent', '" + hash + "', 'en', now())");
        long id = single(st, "select id from accounts.app_user where email = '" + AGENT_EMAIL + "'");
        st.execute("insert into accounts.client_access (user_id, client_id, granted_at) select " + id
                + ", id, now() from clients.client where key in ('bench-c1', 'bench-c2')");
        st.execute("insert into accounts.api_token (user_id, name, token_sha256, created_at) values (" + id
                + ", 'benchmark', '" + sha256(AGENT_TOKEN) + "', now())");
        return id;
    }

    private static long single(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String sha256(String s) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
