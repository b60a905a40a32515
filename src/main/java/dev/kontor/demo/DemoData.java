package dev.kontor.demo;

import dev.kontor.accounts.AccountCommands.CreateTeam;
import dev.kontor.accounts.AccountCommands.CreateUser;
import dev.kontor.accounts.AccountManagement;
import dev.kontor.accounts.Role;
import dev.kontor.accounts.UserView;
import dev.kontor.clients.ChannelKind;
import dev.kontor.clients.ChannelView;
import dev.kontor.clients.ClientCommands.CreateChannel;
import dev.kontor.clients.ClientCommands.CreateClient;
import dev.kontor.clients.ClientCommands.CreateStore;
import dev.kontor.clients.ClientManagement;
import dev.kontor.clients.ClientView;
import dev.kontor.clients.StoreView;
import dev.kontor.customers.CustomerManagement;
import dev.kontor.drafts.DraftManagement;
import dev.kontor.routing.AgentAvailability;
import dev.kontor.routing.RoutingManagement;
import dev.kontor.rules.RuleManagement;
import dev.kontor.rules.RuleView;
import dev.kontor.rules.RuleView.Action;
import dev.kontor.rules.RuleView.Condition;
import dev.kontor.shared.ClientScope;
import dev.kontor.sla.SlaCalendarView;
import dev.kontor.sla.SlaManagement;
import dev.kontor.sla.SlaPolicyView;
import dev.kontor.tickets.IngestResult;
import dev.kontor.tickets.TicketCommands.Actor;
import dev.kontor.tickets.TicketCommands.IngestMessage;
import dev.kontor.tickets.TicketManagement;
import dev.kontor.tickets.TicketStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seeds two client companies with stores on several channels, agents with different languages and client access,
 * and tickets from the labelled sample messages. Runs once per database (it recognises its own data), and always
 * prints where to go and how to sign in.
 */
@Component
@Order(10)
@ConditionalOnBooleanProperty("kontor.demo.enabled")
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    static final String ADMIN_EMAIL = "admin@kontor.local";

    private final ClientManagement clients;
    private final AccountManagement accounts;
    private final CustomerManagement customers;
    private final TicketManagement tickets;
    private final TransactionTemplate transactions;
    private final DemoSettings settings;
    private final Environment environment;
    private final JsonMapper json;
    private final SlaManagement sla;
    private final RuleManagement rules;
    private final RoutingManagement routing;
    private final DemoAnswers answers;
    private final DraftManagement drafts;
    private final DemoKnowledge knowledge;
    private final Clock clock;

    DemoData(
            ClientManagement clients,
            AccountManagement accounts,
            CustomerManagement customers,
            TicketManagement tickets,
            TransactionTemplate transactions,
            DemoSettings settings,
            Environment environment,
            JsonMapper json,
            SlaManagement sla,
            RuleManagement rules,
            RoutingManagement routing,
            DemoAnswers answers,
            DraftManagement drafts,
            DemoKnowledge knowledge,
            Clock clock) {
        this.answers = answers;
        this.drafts = drafts;
        this.knowledge = knowledge;
        this.clients = clients;
        this.accounts = accounts;
        this.customers = customers;
        this.tickets = tickets;
        this.transactions = transactions;
        this.settings = settings;
        this.environment = environment;
        this.json = json;
        this.sla = sla;
        this.rules = rules;
        this.routing = routing;
        this.clock = clock;
    }

    /** Office hours in Berlin and Rome, marketplaces on their own 24-hour clock, VIPs faster. */
    private void slaPolicies(ClientView nordwind, ClientView casa) {
        var berlin = sla.saveCalendar(new SlaCalendarView(
                null,
                nordwind.id(),
                "Büro Hamburg",
                "Europe/Berlin",
                "mon-fri 08:00-18:00; sat 09:00-13:00",
                List.of(
                        java.time.LocalDate.parse("2026-12-24"),
                        java.time.LocalDate.parse("2026-12-25"),
                        java.time.LocalDate.parse("2026-12-26"))));
        var rome = sla.saveCalendar(new SlaCalendarView(
                null,
                casa.id(),
                "Ufficio Milano",
                "Europe/Rome",
                "mon-fri 09:00-13:00; mon-fri 14:00-18:00",
                List.of(java.time.LocalDate.parse("2026-12-08"), java.time.LocalDate.parse("2026-12-25"))));
        sla.savePolicy(new SlaPolicyView(
                null,
                nordwind.id(),
                "Marktplätze (Mirakl, 24 h)",
                1,
                true,
                null,
                "mirakl",
                null,
                null,
                null,
                null,
                24 * 60,
                24 * 60,
                null,
                "marketplace",
                null));
        sla.savePolicy(new SlaPolicyView(
                null,
                nordwind.id(),
                "VIP",
                2,
                true,
                null,
                null,
                null,
                null,
                "vip",
                null,
                60,
                120,
                24 * 60,
                "calendar",
                berlin.id()));
        sla.savePolicy(new SlaPolicyView(
                null,
                nordwind.id(),
                "Standard",
                3,
                true,
                null,
                null,
                null,
                null,
                null,
                null,
                4 * 60,
                8 * 60,
                3 * 24 * 60,
                "calendar",
                berlin.id()));
        sla.savePolicy(new SlaPolicyView(
                null,
                casa.id(),
                "Marketplace (Mirakl, 24 h)",
                1,
                true,
                null,
                "mirakl",
                null,
                null,
                null,
                null,
                24 * 60,
                24 * 60,
                null,
                "marketplace",
                null));
        sla.savePolicy(new SlaPolicyView(
                null,
                casa.id(),
                "Standard",
                2,
                true,
                null,
                null,
                null,
                null,
                null,
                null,
                8 * 60,
                8 * 60,
                5 * 24 * 60,
                "calendar",
                rome.id()));
    }

    /**
     * Agents online (Sam away), queues by language in Team Sud and by load in Team DACH, and a few rules a team
     * would start with: cancellations first, tickets to the team that speaks the language, a note on damaged goods,
     * and an aging rule that flags tickets waiting for four hours and tells the supervisor.
     */
    private void routingAndRules(Map<String, UserView> agents, long dach, long sud) {
        for (String name : List.of("anna", "giulia", "luc")) {
            routing.setAvailability(
                    agents.get(name).id(), new AgentAvailability.Change("online", null, "Europe/Berlin", 25, false));
        }
        routing.setAvailability(
                agents.get("sam").id(),
                new AgentAvailability.Change("away", "mon-fri 09:00-17:00", "Europe/London", null, false));
        routing.setStrategy(dach, "least_loaded", false);
        routing.setStrategy(sud, "language", true);
        demoRule(
                "Cancellations jump the queue",
                10,
                "all",
                List.of(new Condition("category", "is", "cancellation")),
                new Action("set_priority", "urgent", null),
                new Action("add_tags", "cancellation-request", null));
        demoRule(
                "French, Italian and Spanish to Team Sud",
                20,
                "all",
                List.of(new Condition("language", "is", "fr, it, es")),
                new Action("set_team", "Team Sud", null));
        demoRule(
                "German to Team DACH",
                30,
                "all",
                List.of(new Condition("language", "is", "de")),
                new Action("set_team", "Team DACH", null));
        demoRule(
                "Damaged goods: ask for photos",
                40,
                "all",
                List.of(new Condition("category", "is", "damaged_or_defective")),
                new Action(
                        "add_note", "Ask for photos of the item and the parcel before offering a replacement.", null),
                new Action("add_tags", "photos-needed", null));
        rules.save(new RuleView(
                null,
                null,
                "Waiting four hours",
                "time",
                50,
                true,
                List.of(),
                "all",
                List.of(
                        new Condition("customer_waiting", "more_than", "240"),
                        new Condition("status", "is", "new, open")),
                List.of(
                        new Action("set_priority", "high", null),
                        new Action("add_tags", "stalled", null),
                        new Action(
                                "notify",
                                "sam@kontor.local",
                                "#{{ticket.number}} waits for four hours: {{ticket.subject}}")),
                false,
                null));
    }

    private void demoRule(String name, int position, String match, List<Condition> conditions, Action... actions) {
        rules.save(new RuleView(
                null,
                null,
                name,
                "event",
                position,
                true,
                List.of("ticket_created"),
                match,
                conditions,
                List.of(actions),
                false,
                null));
    }

    private record Sample(String id, String lang, String orderRef, String subject, String body) {}

    private record Demo(Map<String, StoreView> stores, Map<String, UserView> agents) {}

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (clients.clientByKey("nordwind").isEmpty()) {
            List<Sample> samples = samples();
            transactions.executeWithoutResult(status -> seed(samples));
        }
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        String adminLine = accounts.userByEmail(ADMIN_EMAIL).isPresent()
                ? ADMIN_EMAIL + " / " + settings.password() + "  (admin)"
                : "the admin from KONTOR_ADMIN_EMAIL";
        log.info("""

                ==============================================================
                 Kontor demo is running:  http://localhost:{}/
                 Sign in with (password for all: {}):
                   {}
                   anna@kontor.local    agent, de/en, Nordwind Outdoor
                   giulia@kontor.local  agent, it/en/es, Casa Bella Home
                   luc@kontor.local     agent, fr/en/es, both clients
                   sam@kontor.local     supervisor, en/nl/sv, both clients
                ==============================================================""", port, settings.password(), adminLine);
    }

    private void seed(List<Sample> samples) {
        ClientView nordwind = clients.createClient(new CreateClient("nordwind", "Nordwind Outdoor GmbH"));
        ClientView casa = clients.createClient(new CreateClient("casabella", "Casa Bella Home Srl"));
        Map<String, StoreView> stores = Map.of(
                "nw-mirakl", store(nordwind, "nordwind-mirakl-fr", "Mirakl: Marketplace FR", ChannelKind.MIRAKL),
                "nw-amazon", store(nordwind, "nordwind-amazon-de", "Amazon DE", ChannelKind.AMAZON),
                "nw-email", store(nordwind, "nordwind-email", "E-mail support@nordwind.example", ChannelKind.EMAIL),
                "nw-web", store(nordwind, "nordwind-web", "Web form nordwind.example", ChannelKind.WEB_FORM),
                "cb-mirakl", store(casa, "casabella-mirakl-it", "Mirakl: Marketplace IT", ChannelKind.MIRAKL),
                "cb-ebay", store(casa, "casabella-ebay", "eBay IT", ChannelKind.EBAY),
                "cb-email", store(casa, "casabella-email", "E-mail assistenza@casabella.example", ChannelKind.EMAIL),
                "cb-shop", store(casa, "casabella-shop", "Shopify casabella.example", ChannelKind.SHOPIFY));

        if (accounts.userByEmail(ADMIN_EMAIL).isEmpty() && !accounts.hasUsers()) {
            user(ADMIN_EMAIL, "Kontor Admin", Role.ADMIN, "en", List.of("en", "de"), Set.of());
        }
        Map<String, UserView> agents = Map.of(
                "anna",
                        user(
                                "anna@kontor.local",
                                "Anna Weber",
                                Role.AGENT,
                                "de",
                                List.of("de", "en"),
                                Set.of(nordwind.id())),
                "giulia",
                        user(
                                "giulia@kontor.local",
                                "Giulia Rossi",
                                Role.AGENT,
                                "it",
                                List.of("it", "en", "es"),
                                Set.of(casa.id())),
                "luc",
                        user(
                                "luc@kontor.local",
                                "Luc Martin",
                                Role.AGENT,
                                "fr",
                                List.of("fr", "en", "es"),
                                Set.of(nordwind.id(), casa.id())),
                "sam",
                        user(
                                "sam@kontor.local",
                                "Sam Carter",
                                Role.SUPERVISOR,
                                "en",
                                List.of("en", "nl", "sv"),
                                Set.of(nordwind.id(), casa.id())));
        var dach = accounts.createTeam(
                new CreateTeam("Team DACH", Set.of(agents.get("anna").id())));
        var sud = accounts.createTeam(new CreateTeam(
                "Team Sud", Set.of(agents.get("luc").id(), agents.get("giulia").id())));
        accounts.createTeam(
                new CreateTeam("Escalations", Set.of(agents.get("sam").id())));
        slaPolicies(nordwind, casa);
        routingAndRules(agents, dach.id(), sud.id());
        answers.seed(nordwind, "Nordwind Outdoor", 30, storesOf(stores, nordwind));
        answers.seed(casa, "Casa Bella Home", 14, storesOf(stores, casa));
        // Drafts: Nordwind lets any configured model see its tickets, Casa Bella only a local one.
        drafts.saveSettings(nordwind.id(), ClientScope.everything(), "allowed", "nordwind-outdoor.example");
        drafts.saveSettings(casa.id(), ClientScope.everything(), "local_only", "casabella-home.example");
        knowledge.seed(nordwind, "Nordwind Outdoor", "DHL", "https://help.nordwind-outdoor.example");
        knowledge.seed(casa, "Casa Bella Home", "BRT", "https://aiuto.casabella-home.example");

        Demo demo = new Demo(stores, agents);
        Instant now = clock.instant();
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            // Spread over the last three days, oldest first, so the inbox has a believable history.
            Instant at = now.minus(Duration.ofMinutes((long) (samples.size() - i) * 97 + 13));
            ticketFrom(demo, s, i, at);
        }
        log.info(
                "Demo data: 2 clients, {} stores, {} agents, {} tickets",
                stores.size(),
                agents.size() + 1,
                samples.size());
    }

    private void ticketFrom(Demo demo, Sample s, int index, Instant at) {
        StoreView store = demo.stores().get(storeFor(s, index));
        ChannelView channel = clients.channels(store.id()).stream()
                .filter(c -> c.kind() != ChannelKind.API)
                .findFirst()
                .orElseGet(() -> clients.apiChannelOf(store.id()));
        String[] names = NAMES.get(s.lang() == null ? "en" : s.lang());
        String name = names[index % names.length];
        String email = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", ".") + "@example.net";
        var customer = customers.resolve(store.clientId(), "email", email, name);
        IngestResult result = tickets.ingest(new IngestMessage(
                store.clientId(),
                store.id(),
                channel.id(),
                customer.id(),
                name,
                s.subject(),
                s.body(),
                null,
                "demo-" + s.id(),
                null,
                at,
                List.of()));
        ClientScope all = ClientScope.everything();
        UserView agent = agentFor(demo, store.clientId(), s.lang());
        switch (index % 5) {
            case 0 -> { // still new, nobody looked yet
            }
            case 1 -> tickets.assign(result.ticketId(), all, agent.id(), null);
            case 2 -> {
                tickets.assign(result.ticketId(), all, agent.id(), null);
                tickets.reply(
                        result.ticketId(),
                        all,
                        new Actor(agent.id(), agent.displayName()),
                        REPLIES.getOrDefault(s.lang(), REPLIES.get("en")),
                        TicketStatus.PENDING,
                        List.of());
            }
            case 3 -> {
                tickets.assign(result.ticketId(), all, agent.id(), null);
                tickets.addNote(
                        result.ticketId(),
                        all,
                        new Actor(agent.id(), agent.displayName()),
                        "Checked the order in the marketplace back office; waiting for the warehouse.");
                tickets.setTags(result.ticketId(), all, List.of("warehouse"));
            }
            default -> {
                tickets.assign(result.ticketId(), all, agent.id(), null);
                tickets.reply(
                        result.ticketId(),
                        all,
                        new Actor(agent.id(), agent.displayName()),
                        REPLIES.getOrDefault(s.lang(), REPLIES.get("en")),
                        TicketStatus.SOLVED,
                        List.of());
            }
        }
    }

    /** Marketplace-style order ids go to marketplace stores; the rest to e-mail and web forms. */
    private static String storeFor(Sample s, int index) {
        boolean casa = Set.of("it", "es").contains(s.lang()) || (s.lang().equals("fr") && index % 2 == 0);
        String ref = s.orderRef() == null ? "" : s.orderRef();
        if (ref.matches("\\d{3}-\\d{7}-\\d{7}")) {
            return "nw-amazon";
        }
        if (ref.matches("\\d{2}-\\d{5}-\\d{5}")) {
            return "cb-ebay";
        }
        if (ref.matches("\\d+-[A-Z]")) {
            return casa ? "cb-mirakl" : "nw-mirakl";
        }
        if (casa) {
            return index % 2 == 0 ? "cb-email" : "cb-shop";
        }
        return index % 2 == 0 ? "nw-email" : "nw-web";
    }

    private static List<StoreView> storesOf(Map<String, StoreView> stores, ClientView client) {
        return stores.values().stream().filter(s -> s.clientId() == client.id()).toList();
    }

    private UserView agentFor(Demo demo, long clientId, String lang) {
        return demo.agents().values().stream()
                .filter(a -> a.role() == Role.AGENT
                        && a.clientIds().contains(clientId)
                        && a.languages().contains(lang))
                .findFirst()
                .orElse(demo.agents().get("luc"));
    }

    private StoreView store(ClientView client, String key, String name, ChannelKind kind) {
        StoreView store = clients.createStore(new CreateStore(client.id(), key, name));
        clients.createChannel(new CreateChannel(store.id(), kind, name, Map.of()));
        return store;
    }

    private UserView user(
            String email, String name, Role role, String locale, List<String> languages, Set<Long> access) {
        return accounts.createUser(new CreateUser(email, name, role, settings.password(), locale, languages, access));
    }

    private List<Sample> samples() throws IOException {
        List<Sample> samples = new ArrayList<>();
        var resource = new ClassPathResource("demo/customer-messages.jsonl");
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = json.readTree(line);
                samples.add(new Sample(
                        n.path("id").asString(),
                        n.path("lang").asString("en"),
                        n.path("order_ref").isNull()
                                ? null
                                : n.path("order_ref").asString(null),
                        n.path("subject").asString(""),
                        n.path("body").asString("")));
            }
        }
        return samples;
    }

    private static final Map<String, String[]> NAMES = Map.of(
            "en", new String[] {"Emma Clarke", "Oliver Bennett", "Grace Turner"},
            "de", new String[] {"Jonas Becker", "Lena Hoffmann", "Felix Wagner"},
            "fr", new String[] {"Camille Dubois", "Hugo Lefèvre", "Chloé Moreau"},
            "it", new String[] {"Marco Bianchi", "Sofia Romano", "Luca Greco"},
            "es", new String[] {"Lucía García", "Javier Moreno"},
            "nl", new String[] {"Daan de Vries", "Sanne Jansen"},
            "pl", new String[] {"Piotr Nowak", "Anna Kowalska"},
            "sv", new String[] {"Erik Lindqvist", "Maja Andersson"});

    private static final Map<String, String> REPLIES = Map.of(
            "en", "Thank you for your message. I have looked into your order and will update you shortly.",
            "de", "Vielen Dank für Ihre Nachricht. Ich habe mir Ihre Bestellung angesehen und melde mich in Kürze.",
            "fr", "Merci pour votre message. J'ai vérifié votre commande et je reviens vers vous rapidement.",
            "it", "Grazie per il suo messaggio. Ho controllato il suo ordine e le farò sapere a breve.",
            "es", "Gracias por su mensaje. He revisado su pedido y le responderé en breve.");
}
