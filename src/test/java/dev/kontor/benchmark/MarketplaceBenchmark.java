package dev.kontor.benchmark;

import dev.kontor.simulator.MiraklSimulator;
import dev.kontor.simulator.SimMarketplace;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Polls N simulated Mirakl marketplace accounts with M new threads each (every thread with its order, about half
 * with an attachment) into a fresh Kontor started from the jar, through the real path: the scheduler's dispatch
 * and poll tasks, M11 paging, OR11, M13, tickets, and each customer message's pass (triage, rules, SLA) for a client
 * with the same calendar, policies, team and rule book as the ingest benchmark (a catch-all rule hands every ticket
 * to the team). Prints the time until every thread is a ticket (in the inbox) and until every thread's ticket is
 * triaged and routed with nothing left waiting for a background step, the calls per marketplace, and the memory of
 * the app and its PostgreSQL. Prints numbers; asserts nothing.
 *
 * <p>Arguments: accounts, threads per account, path of the jar, data folder (deleted first).
 */
public final class MarketplaceBenchmark {

    private static final String TOKEN = "kt_mirakl_benchmark_admin_token_000";

    public static void main(String[] args) throws Exception {
        int accounts = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        Path jar = Path.of(args[2]);
        Path data = Path.of(args[3]).toAbsolutePath();
        BenchmarkApp.deleteRecursively(data);
        int expected = accounts * threads;
        try (MiraklSimulator simulator = MiraklSimulator.start(0, Clock.systemUTC())) {
            Random random = new Random(42);
            long t0 = System.nanoTime();
            for (int i = 0; i < accounts; i++) {
                SimMarketplace m = simulator.marketplace("op" + i).addShop(1000 + i, "Bench shop " + i, "key-" + i);
                m.generateThreads(threads, random);
            }
            System.out.printf(
                    "Mirakl benchmark: %d marketplace accounts x %d new threads = %,d threads (simulated in %.1f s)%n",
                    accounts, threads, expected, (System.nanoTime() - t0) / 1e9);

            try (BenchmarkApp app = BenchmarkApp.start(
                    jar,
                    data,
                    Map.of(
                            "KONTOR_ADMIN_EMAIL", "bench-admin@kontor.local",
                            "KONTOR_ADMIN_PASSWORD", "bench-admin-password",
                            "KONTOR_ADMIN_API_TOKEN", TOKEN),
                    List.of())) {
                app.post("/api/v1/clients", "{\"key\":\"bench-mirakl\",\"name\":\"Bench Marketplaces GmbH\"}");
                long clientId = app.single("select id from clients.client where key = 'bench-mirakl'");
                IngestBenchmark.staffAndRules(app, clientId, "bench-mirakl", "Europe/Berlin", 0);
                for (int i = 0; i < accounts; i++) {
                    app.post(
                            "/api/v1/stores",
                            "{\"clientId\":" + clientId + ",\"key\":\"op-" + i + "\",\"name\":\"Marketplace " + i
                                    + "\"}");
                }
                long start = System.nanoTime();
                int requestsBefore = requests(simulator);
                for (int i = 0; i < accounts; i++) {
                    long storeId = app.single("select id from clients.store where key = 'op-" + i + "'");
                    app.post("/api/v1/marketplace-accounts", """
                            {"storeId": %d, "name": "Marketplace %d", "operatorName": "Operator %d",
                             "baseUrl": "%s", "apiKey": "key-%d", "shopId": %d, "copyOperator": false,
                             "pollSeconds": 60}
                            """.formatted(
                            storeId, i, i, simulator.marketplace("op" + i).baseUrl(), i, 1000 + i));
                }
                long peakHwm = 0;
                long inInbox = 0;
                double inboxSeconds = Double.NaN;
                long done;
                long withOrders;
                String passed = passedQuery(app);
                do {
                    Thread.sleep(500);
                    if (inInbox < expected) {
                        inInbox = app.single(
                                "select count(*) from channels.marketplace_thread where ticket_id is not null");
                        if (inInbox >= expected) {
                            inboxSeconds = (System.nanoTime() - start) / 1e9;
                        }
                    }
                    done = app.single(passed);
                    peakHwm = Math.max(peakHwm, app.memory()[1]);
                } while (done < expected && app.process.isAlive() && (System.nanoTime() - start) < 1800e9);
                if (done >= expected) {
                    // The rest of each ticket's background work (SLA after rules, before this one pass).
                    IngestBenchmark.awaitDrained(app);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                withOrders = app.single("select count(*) from orders.order_snapshot");
                long messages = app.single("select count(*) from tickets.message");
                long attachments = app.single("select count(*) from tickets.attachment");
                int calls = requests(simulator) - requestsBefore;
                System.out.printf(
                        "All %,d threads in the inbox after %.1f s; %,d triaged and routed, with nothing left waiting,"
                                + " after %.1f s (%.0f threads/s): %,d tickets' messages, %,d attachments, %,d orders%n",
                        inInbox, inboxSeconds, done, seconds, done / seconds, messages, attachments, withOrders);
                System.out.printf(
                        "Calls to the marketplaces: %,d in total, %.1f per account (M11 pages, OR11 per page, M13 per"
                                + " attachment)%n",
                        calls, calls / (double) accounts);
                System.out.printf("Peak app RSS (VmHWM): %,d MB%n", peakHwm / 1024);
                System.out.println("Load average (1/5/15 min) at the end: " + BenchmarkApp.loadAverage());
                System.out.println(app.memoryLine());
            }
        }
    }

    /**
     * Threads whose ticket is triaged (has a category) and routed (placed in a team by the hand-out rule), and, where
     * the app has the one-pass flow table, none of whose messages still waits for its pass.
     */
    private static String passedQuery(BenchmarkApp app) throws Exception {
        String sql = "select count(*) from channels.marketplace_thread mt join tickets.ticket t on t.id = mt.ticket_id"
                + " where t.category is not null and t.team_id is not null";
        boolean flowTable = app.single("select count(*) from information_schema.tables"
                        + " where table_schema = 'tickets' and table_name = 'message_flow'")
                > 0;
        return flowTable
                ? sql + " and not exists (select 1 from tickets.message_flow f where f.ticket_id = t.id)"
                : sql;
    }

    private static int requests(MiraklSimulator simulator) {
        return simulator.marketplaces().stream()
                .mapToInt(SimMarketplace::requestCount)
                .sum();
    }
}
