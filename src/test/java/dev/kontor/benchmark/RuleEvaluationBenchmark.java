package dev.kontor.benchmark;

import dev.kontor.KontorApplication;
import dev.kontor.accounts.AccountCommands.CreateTeam;
import dev.kontor.accounts.AccountCommands.CreateUser;
import dev.kontor.accounts.AccountManagement;
import dev.kontor.accounts.Role;
import dev.kontor.accounts.TeamView;
import dev.kontor.accounts.UserView;
import dev.kontor.clients.ClientCommands.CreateClient;
import dev.kontor.clients.ClientCommands.CreateStore;
import dev.kontor.clients.ClientManagement;
import dev.kontor.clients.ClientView;
import dev.kontor.clients.StoreView;
import dev.kontor.customers.CustomerManagement;
import dev.kontor.routing.AgentAvailability;
import dev.kontor.routing.RoutingManagement;
import dev.kontor.rules.RuleManagement;
import dev.kontor.rules.RuleView;
import dev.kontor.rules.RuleView.Action;
import dev.kontor.rules.RuleView.Condition;
import dev.kontor.rules.internal.Aging;
import dev.kontor.rules.internal.Facts;
import dev.kontor.rules.internal.RuleBook;
import dev.kontor.rules.internal.RuleEngine;
import dev.kontor.rules.internal.Trigger;
import dev.kontor.tickets.TicketCommands.IngestMessage;
import dev.kontor.tickets.TicketManagement;
import dev.kontor.tickets.TicketQueries;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.awaitility.Awaitility;
import org.jooq.DSLContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rule evaluation with many active rules: starts Kontor in this JVM on a fresh embedded PostgreSQL, saves R rules
 * (mixed conditions: language, category, text contains and regex, tags, channel, customer tier, order value,
 * business hours; about one in ten are time rules) and delivers M labelled customer messages through the real path
 * (ticket, triage, rules from the event registry). Then it runs the event rules of each ticket again, timed, in a
 * transaction that is rolled back (so every run sees the same ticket and the loop guard never holds a rule back),
 * and one aging scan over all open tickets. Prints numbers; asserts nothing.
 *
 * <p>Arguments: rules, messages, data folder (deleted first).
 */
public final class RuleEvaluationBenchmark {

    private static final String[] LANGUAGES = {"de", "en", "fr", "it", "es", "nl", "pl", "sv"};
    private static final String[] CATEGORIES = {
        "cancellation", "where_is_my_order", "return", "refund", "damaged_or_defective",
        "invoice", "quote", "product_question", "address_change", "other"
    };
    private static final String[] WORDS = {
        "annuler", "stornieren", "cancel", "broken", "kaputt", "cassé", "rotto", "invoice", "rechnung", "facture",
        "fattura", "tracking", "paket", "colis", "pacco", "refund", "remboursement", "rimborso", "address", "adresse"
    };

    public static void main(String[] args) throws Exception {
        int ruleCount = Integer.parseInt(args[0]);
        int messages = Integer.parseInt(args[1].replace("_", ""));
        Path data = Path.of(args[2]).toAbsolutePath();
        BenchmarkApp.deleteRecursively(data);
        System.out.printf("Rule benchmark: %d active rules, %,d customer messages%n", ruleCount, messages);

        // Command-line arguments: they win over application.properties (default properties would not).
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(KontorApplication.class)
                .run(
                        "--kontor.data.dir=" + data,
                        "--server.port=0",
                        "--kontor.demo.enabled=false",
                        "--kontor.rules.aging-interval=1h",
                        "--logging.level.root=warn",
                        "--logging.level.dev.kontor=warn")) {
            var clients = app.getBean(ClientManagement.class);
            var accounts = app.getBean(AccountManagement.class);
            var routing = app.getBean(RoutingManagement.class);
            var rules = app.getBean(RuleManagement.class);
            var tickets = app.getBean(TicketManagement.class);
            var ticketQueries = app.getBean(TicketQueries.class);
            var customers = app.getBean(CustomerManagement.class);
            var engine = app.getBean(RuleEngine.class);
            var aging = app.getBean(Aging.class);
            var db = app.getBean(DSLContext.class);
            var tx = new TransactionTemplate(app.getBean(PlatformTransactionManager.class));

            ClientView client = clients.createClient(new CreateClient("bench-rules", "Bench Rules GmbH"));
            StoreView store = clients.createStore(new CreateStore(client.id(), "bench-rules-shop", "Shop"));
            long channel = clients.apiChannelOf(store.id()).id();
            List<TeamView> teams = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                List<Long> members = new ArrayList<>();
                for (int a = 0; a < 5; a++) {
                    UserView u = accounts.createUser(new CreateUser(
                            "agent-" + t + "-" + a + "@bench.local",
                            "Agent " + t + "-" + a,
                            Role.AGENT,
                            "bench-password-123",
                            "en",
                            List.of(LANGUAGES[t], "en"),
                            Set.of(client.id())));
                    routing.setAvailability(u.id(), new AgentAvailability.Change("online", null, null, 1000, false));
                    members.add(u.id());
                }
                TeamView team = accounts.createTeam(new CreateTeam("Team " + LANGUAGES[t], Set.copyOf(members)));
                routing.setStrategy(team.id(), t % 2 == 0 ? "language" : "least_loaded", true);
                teams.add(team);
            }

            Random random = new Random(7);
            long t0 = System.nanoTime();
            for (int i = 0; i < ruleCount; i++) {
                rules.save(rule(i, client, teams, random));
            }
            System.out.printf(
                    "Saved %d rules in %.1f s (%d time rules)%n",
                    ruleCount, (System.nanoTime() - t0) / 1e9, (ruleCount + 9) / 10);

            List<JsonNode> samples = samples();
            List<long[]> delivered = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                JsonNode s = samples.get(i % samples.size());
                var customer = customers.resolve(client.id(), "email", "buyer" + i + "@bench.test", "Buyer " + i);
                var r = tickets.ingest(new IngestMessage(
                        client.id(),
                        store.id(),
                        channel,
                        customer.id(),
                        "Buyer " + i,
                        s.get("subject").asString(),
                        s.get("body").asString(),
                        null,
                        "bench-" + i,
                        null,
                        null,
                        List.of()));
                delivered.add(new long[] {r.ticketId(), r.messageId()});
            }
            long accepted = System.nanoTime();
            Awaitility.await()
                    .atMost(Duration.ofMinutes(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> db.fetchCount(db.selectOne()
                                    .from("platform.event_publication")
                                    .where("completion_date is null"))
                            == 0);
            long drained = System.nanoTime();
            int firings = db.fetchCount(db.selectOne().from("rules.firing"));
            System.out.printf(
                    "Real path: %,d messages accepted in %.1f s; triage and rules done %.1f s later "
                            + "(%.0f messages/s end to end, %,d rule firings, %.1f per message)%n",
                    messages,
                    (accepted - start) / 1e9,
                    (drained - accepted) / 1e9,
                    messages / ((drained - start) / 1e9),
                    firings,
                    (double) firings / messages);

            // Each ticket's event rules once more, timed; rolled back so each run sees the same ticket.
            long[] nanos = new long[messages];
            int[] fired = new int[messages];
            for (int round = 0; round < 2; round++) { // the first round warms the JIT and caches
                for (int i = 0; i < messages; i++) {
                    long[] d = delivered.get(i);
                    int at = i;
                    tx.executeWithoutResult(status -> {
                        long s0 = System.nanoTime();
                        fired[at] = engine.run(
                                d[0],
                                EnumSet.of(Trigger.TICKET_CREATED, Trigger.MESSAGE_RECEIVED),
                                new Facts.Context(List.of(), null, d[1]));
                        nanos[at] = System.nanoTime() - s0;
                        status.setRollbackOnly();
                    });
                }
            }
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            System.out.printf(
                    "Event rules per message (%d rules, %.2f firing on average, actions included): "
                            + "mean %.2f ms, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    ruleCount,
                    Arrays.stream(fired).average().orElse(0),
                    Arrays.stream(nanos).average().orElse(0) / 1e6,
                    sorted[messages / 2] / 1e6,
                    sorted[(int) (messages * 0.95)] / 1e6,
                    sorted[(int) (messages * 0.99)] / 1e6,
                    sorted[messages - 1] / 1e6);

            // Conditions alone (no actions): what every rule costs on every message, matching or not.
            var book = app.getBean(RuleBook.class);
            var source = app.getBean(Facts.Source.class);
            long[] evalNanos = new long[messages];
            int[] matched = new int[messages];
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < messages; i++) {
                    long[] d = delivered.get(i);
                    int at = i;
                    tx.executeWithoutResult(status -> {
                        long e0 = System.nanoTime();
                        var ticket = ticketQueries
                                .find(d[0], dev.kontor.shared.ClientScope.everything())
                                .orElseThrow();
                        var facts = new Facts(
                                ticket,
                                Instant.now(),
                                Trigger.TICKET_CREATED,
                                new Facts.Context(List.of(), null, d[1]),
                                source);
                        int m = 0;
                        for (var rule : book.rules()) {
                            if (!rule.timeRule()
                                    && rule.serves(ticket.clientId())
                                    && rule.triggers().contains(Trigger.TICKET_CREATED)
                                    && rule.matches(facts)) {
                                m++;
                            }
                        }
                        evalNanos[at] = System.nanoTime() - e0;
                        matched[at] = m;
                    });
                }
            }
            long[] evalSorted = evalNanos.clone();
            Arrays.sort(evalSorted);
            System.out.printf(
                    "Conditions only (%d rules, %.2f matching on average, facts loaded once per message): "
                            + "mean %.3f ms, p50 %.3f ms, p95 %.3f ms, p99 %.3f ms, max %.3f ms%n",
                    ruleCount,
                    Arrays.stream(matched).average().orElse(0),
                    Arrays.stream(evalNanos).average().orElse(0) / 1e6,
                    evalSorted[messages / 2] / 1e6,
                    evalSorted[(int) (messages * 0.95)] / 1e6,
                    evalSorted[(int) (messages * 0.99)] / 1e6,
                    evalSorted[messages - 1] / 1e6);

            long s0 = System.nanoTime();
            int due = aging.scan(Instant.now().plus(Duration.ofHours(30)));
            System.out.printf(
                    "Aging scan: %,d open tickets x %d time rules in %.1f s, %,d time rules fired%n",
                    db.fetchCount(db.selectOne().from("tickets.ticket").where("status in ('new', 'open')")),
                    (ruleCount + 9) / 10,
                    (System.nanoTime() - s0) / 1e9,
                    due);
            Runtime rt = Runtime.getRuntime();
            System.gc();
            System.out.printf("Heap used after the run: %d MB%n", (rt.totalMemory() - rt.freeMemory()) >> 20);
        }
    }

    /** Rule i: mostly narrow conditions, so a message matches a handful of the rules, as in a real rule book. */
    private static RuleView rule(int i, ClientView client, List<TeamView> teams, Random random) {
        String lang = LANGUAGES[random.nextInt(LANGUAGES.length)];
        String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
        String word = WORDS[random.nextInt(WORDS.length)];
        TeamView team = teams.get(random.nextInt(teams.size()));
        if (i % 10 == 9) {
            return new RuleView(
                    null,
                    client.id(),
                    "aging " + i,
                    "time",
                    i,
                    true,
                    List.of(),
                    "all",
                    List.of(
                            new Condition("customer_waiting", "more_than", Integer.toString(240 + 60 * (i % 48))),
                            new Condition("language", "is", lang),
                            new Condition("status", "is", "new, open")),
                    List.of(new Action("set_priority", "high", null), new Action("add_tags", "stalled-" + i, null)),
                    false,
                    null);
        }
        List<Condition> conditions = switch (i % 6) {
            case 0 -> List.of(new Condition("language", "is", lang), new Condition("category", "is", category));
            case 1 ->
                List.of(
                        new Condition("text", "contains", word),
                        new Condition("text", "contains", WORDS[(i / 6) % WORDS.length]));
            case 2 ->
                List.of(
                        new Condition("text", "matches", "\\b" + word + "\\w*\\b"),
                        new Condition("language", "is_not", "en"),
                        new Condition("channel", "is", "api"));
            case 3 ->
                List.of(
                        new Condition("category", "is", category),
                        new Condition("customer_tier", "is", "vip"),
                        new Condition("business_hours", "outside", ""));
            case 4 ->
                List.of(
                        new Condition("order_value", "more_than", Integer.toString(100 + i)),
                        new Condition("language", "is", lang));
            default ->
                List.of(new Condition("tags", "contains", "vip-" + i), new Condition("category", "is", category));
        };
        List<Action> actions = switch (i % 4) {
            case 0 -> List.of(new Action("set_team", team.name(), null));
            case 1 -> List.of(new Action("add_tags", "r" + i, null));
            case 2 -> List.of(new Action("set_priority", "high", null), new Action("add_tags", "p" + i, null));
            default -> List.of(new Action("assign_by", team.name(), "least_loaded"));
        };
        return new RuleView(
                null,
                client.id(),
                "rule " + i,
                "event",
                i,
                true,
                List.of("ticket_created", "message_received"),
                i % 6 == 1 ? "any" : "all",
                conditions,
                actions,
                false,
                null);
    }

    private static List<JsonNode> samples() throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        List<JsonNode> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new ClassPathResource("demo/customer-messages.jsonl").getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    out.add(json.readTree(line));
                }
            }
        }
        return out;
    }
}
