package dev.kontor.rules;

import static dev.kontor.rules.RuleFixtures.then;
import static dev.kontor.rules.RuleFixtures.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.accounts.AccountManagement;
import dev.kontor.accounts.TeamView;
import dev.kontor.accounts.UserView;
import dev.kontor.clients.ClientManagement;
import dev.kontor.clients.ClientView;
import dev.kontor.clients.StoreView;
import dev.kontor.orders.OrderData;
import dev.kontor.orders.OrderManagement;
import dev.kontor.shared.ClientScope;
import dev.kontor.shared.InvalidInput;
import dev.kontor.sla.SlaEvents.SlaBreached;
import dev.kontor.sla.SlaEvents.SlaWarningRaised;
import dev.kontor.sla.SlaManagement;
import dev.kontor.sla.SlaPolicyView;
import dev.kontor.tickets.MessageKind;
import dev.kontor.tickets.MessageView;
import dev.kontor.tickets.Priority;
import dev.kontor.tickets.TicketCommands.Actor;
import dev.kontor.tickets.TicketManagement;
import dev.kontor.tickets.TicketQueries;
import dev.kontor.tickets.TicketStatus;
import dev.kontor.tickets.TicketView;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/** Event rules on embedded PostgreSQL: every trigger, condition type and action, order and stop-processing. */
@KontorIntegrationTest
class RulesIntegrationTests {

    private static final String FRENCH_CANCELLATION =
            "Bonjour, je voudrais annuler ma commande, je ne veux plus les chaussures. Merci de l'annuler avant"
                    + " l'expédition.";

    @Autowired
    TestFixtures fixtures;

    @Autowired
    RuleFixtures rf;

    @Autowired
    RuleManagement rules;

    @Autowired
    TicketManagement tickets;

    @Autowired
    TicketQueries ticketQueries;

    @Autowired
    ClientManagement clients;

    @Autowired
    OrderManagement orders;

    @Autowired
    SlaManagement sla;

    @Autowired
    AccountManagement accounts;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    DSLContext db;

    private static List<String> outcomes(List<RuleFiring> firings) {
        return firings.stream()
                .flatMap(f -> f.outcomes().stream())
                .map(o -> o.detail() == null ? o.code() : o.code() + ":" + o.detail())
                .toList();
    }

    @Test
    void aFrenchCancellationGoesToTeamFrAsUrgentAndTaggedStorno() {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        UserView marie = rf.agent(client, "online", List.of("fr", "en"));
        TeamView fr = rf.team("FR", marie);
        rf.eventRule(
                client,
                "French cancellations",
                10,
                List.of("ticket_created"),
                List.of(when("language", "is", "fr"), when("category", "is", "cancellation")),
                then("set_team", fr.name()),
                then("set_priority", "urgent"),
                then("add_tags", "storno"));

        long id = fixtures.ticket(store, "Annulation commande", FRENCH_CANCELLATION, null)
                .ticketId();

        TicketView t = rf.await(id, v -> v.tags().contains("storno"));
        assertThat(t.teamId()).isEqualTo(fr.id());
        assertThat(t.priority()).isEqualTo(Priority.URGENT);
        List<RuleFiring> fired = rf.firings(id, 1);
        assertThat(fired).singleElement().satisfies(f -> {
            assertThat(f.ruleName()).isEqualTo("French cancellations");
            assertThat(f.trigger()).isEqualTo("ticket_created");
        });
        // The team's strategy is manual: the ticket waits in its queue, and the record says so.
        assertThat(outcomes(fired)).containsExactly("team:" + fr.name(), "priority:urgent", "tag_added:storno");
        assertThat(t.assigneeId()).isNull();
    }

    @Test
    void rulesRunInOrderLaterRulesSeeEarlierChangesAndStopProcessingEndsTheRun() {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        List<String> created = List.of("ticket_created");
        rf.eventRule(client, "third", 30, created, List.of(), then("add_tags", "never"));
        rf.save(new RuleView(
                null,
                client.id(),
                "second",
                "event",
                20,
                true,
                created,
                "all",
                List.of(when("category", "is", "refund")),
                List.of(then("add_tags", "saw-refund")),
                true,
                null));
        rf.eventRule(client, "first", 10, created, List.of(), then("set_category", "refund"));
        // A disabled rule and another client's rule never run here.
        rf.save(new RuleView(
                null,
                client.id(),
                "off",
                "event",
                5,
                false,
                created,
                "all",
                List.of(),
                List.of(then("add_tags", "disabled")),
                false,
                null));
        rf.eventRule(fixtures.client(), "elsewhere", 1, created, List.of(), then("add_tags", "elsewhere"));

        long id = fixtures.ticket(store, "Frage", "Ist das Zelt wasserdicht?", null)
                .ticketId();

        TicketView t = rf.await(id, v -> v.tags().contains("saw-refund"));
        assertThat(rf.firings(id, 2)).extracting(RuleFiring::ruleName).containsExactly("first", "second");
        assertThat(t.category()).isEqualTo("refund");
        assertThat(t.tags()).containsExactly("saw-refund");
    }

    @Test
    void twoRulesUndoingEachOtherAreHeldBackAfterTheirHourlyLimit() {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        rf.eventRule(
                client,
                "park it",
                1,
                List.of("status_changed"),
                List.of(when("status", "is", "open")),
                then("set_status", "pending"));
        rf.eventRule(
                client,
                "reopen it",
                2,
                List.of("status_changed"),
                List.of(when("status", "is", "pending")),
                then("set_status", "open"));
        long id = fixtures.ticket(store, "Frage", "Ist das Zelt wasserdicht?", null)
                .ticketId();
        fixtures.awaitListenersDone(id);

        tickets.changeStatus(id, ClientScope.everything(), TicketStatus.OPEN);

        // Each rule fires ten times (the default limit per ticket and hour), then the ping-pong stops.
        List<RuleFiring> firings = Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .during(Duration.ofSeconds(2))
                .until(() -> rules.firings(id, ClientScope.everything()), f -> f.size() >= 20);
        assertThat(firings).hasSize(20);
        assertThat(firings.stream().filter(f -> f.ruleName().equals("park it"))).hasSize(10);
    }

    @Test
    void eachTriggerRunsItsRules() {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        UserView anna = rf.agent(client, null, List.of("de"));
        rf.eventRule(client, "received", 1, List.of("message_received"), List.of(), then("add_tags", "received"));
        rf.eventRule(client, "replied", 2, List.of("agent_replied"), List.of(), then("add_tags", "replied"));
        rf.eventRule(
                client,
                "pending",
                3,
                List.of("status_changed"),
                List.of(when("status", "is", "pending")),
                then("add_tags", "waits"));
        rf.eventRule(
                client,
                "tagged",
                4,
                List.of("tag_added"),
                List.of(when("added_tag", "is", "waits")),
                then("add_tags", "followed"));
        rf.eventRule(
                client,
                "warned",
                5,
                List.of("sla_warning"),
                List.of(when("sla_metric", "is", "first_response")),
                then("add_tags", "warned"));
        rf.eventRule(client, "breached", 6, List.of("sla_breached"), List.of(), then("set_priority", "high"));
        rf.eventRule(
                client,
                "shipped",
                7,
                List.of("order_state_changed"),
                List.of(when("order_state", "is", "SHIPPED")),
                then("add_tags", "shipped"));
        long channel = clients.apiChannelOf(store.id()).id();
        orders.record(client.id(), channel, order("70001-A", "SHIPPING"));

        var opened = fixtures.ticket(store, "Bestellung 70001-A", "Wo bleibt meine Bestellung 70001-A?", null);
        long id = opened.ticketId();
        rf.await(id, v -> v.tags().contains("received") && v.orderRefs().contains("70001-A"));

        tickets.reply(
                id, ClientScope.everything(), new Actor(anna.id(), "Anna"), "Sie ist unterwegs.", null, List.of());
        rf.await(id, v -> v.tags().contains("replied"));

        tickets.changeStatus(id, ClientScope.everything(), TicketStatus.PENDING);
        rf.await(id, v -> v.tags().containsAll(List.of("waits", "followed")));

        transactions.executeWithoutResult(tx -> events.publishEvent(new SlaWarningRaised(
                id, client.id(), "first_response", Instant.now().plusSeconds(600))));
        rf.await(id, v -> v.tags().contains("warned"));
        transactions.executeWithoutResult(
                tx -> events.publishEvent(new SlaBreached(id, client.id(), "resolution", Instant.now())));
        rf.await(id, v -> v.priority() == Priority.HIGH);

        orders.record(client.id(), channel, order("70001-A", "SHIPPED"));
        TicketView t = rf.await(id, v -> v.tags().contains("shipped"));

        assertThat(rules.firings(id, ClientScope.everything()))
                .extracting(RuleFiring::trigger)
                .containsExactly(
                        "message_received",
                        "agent_replied",
                        "status_changed",
                        "tag_added",
                        "sla_warning",
                        "sla_breached",
                        "order_state_changed");
        assertThat(t.tags()).containsExactly("received", "replied", "waits", "followed", "warned", "shipped");
    }

    @Test
    void everyConditionTypeMatchesItsTicketAndNotOthers() {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        StoreView other = fixtures.store(client);
        UserView agent = rf.agent(client, null, List.of("it"));
        TeamView team = rf.team("IT", agent);
        long channel = clients.apiChannelOf(store.id()).id();
        orders.record(client.id(), channel, order("80001-A", "SHIPPING"));
        long id = fixtures.ticket(
                        store,
                        "Ordine 80001-A",
                        "Buongiorno, vorrei sapere dove si trova il mio ordine 80001-A. Grazie mille.",
                        null)
                .ticketId();
        long otherId = fixtures.ticket(other, "Frage", "Ist die Lampe dimmbar? Vielen Dank.", null)
                .ticketId();
        rf.await(id, v -> "it".equals(v.language()) && !v.orderRefs().isEmpty());
        rf.await(otherId, v -> v.language() != null);
        tickets.assign(id, ClientScope.everything(), agent.id(), team.id());
        tickets.setTags(id, ClientScope.everything(), List.of("vip-case"));
        db.execute(
                "update customers.customer set tier = 'gold' where id = ?",
                ticketQueries.find(id, ClientScope.everything()).orElseThrow().customerId());

        db.execute(
                "update tickets.ticket set customer_waiting_since = now() - interval '2 hours',"
                        + " status_since = now() - interval '2 hours' where id = ?",
                id);
        // Conditions only the first ticket meets.
        List<RuleView.Condition> distinguishing = List.of(
                when("store", "is", store.name()),
                when("language", "is", "it, es"),
                when("category", "is", "where_is_my_order"),
                when("tags", "contains", "vip-case"),
                when("customer_tier", "is", "gold"),
                when("status", "is", "open"),
                when("text", "contains", "DOVE SI TROVA"),
                when("text", "contains", "parcel missing, dove si trova"),
                when("text", "matches", "ordine\\s+\\d{5}-a"),
                when("order_value", "more_than", "50"),
                when("order_state", "is", "shipping"),
                when("assignee", "is", agent.email()),
                when("assignee", "is_set", ""),
                when("team", "is", team.name()),
                when("customer_waiting", "more_than", "60"),
                when("in_status_for", "more_than", "60"));
        for (RuleView.Condition c : distinguishing) {
            assertThat(matches(client, c))
                    .as(c.field() + " " + c.op())
                    .contains(id)
                    .doesNotContain(otherId);
        }
        // Conditions both meet (same client and channel, no SLA calendar: always business hours).
        for (RuleView.Condition c : List.of(
                when("client", "is", client.key()),
                when("channel", "is", "api"),
                when("priority", "is", "normal"),
                when("business_hours", "inside", ""))) {
            assertThat(matches(client, c)).as(c.field() + " " + c.op()).contains(id, otherId);
        }
        assertThat(matches(client, when("channel", "is", "email"))).isEmpty();
        // Negations, emptiness and "any of".
        assertThat(matches(client, when("language", "is_not", "it")))
                .contains(otherId)
                .doesNotContain(id);
        assertThat(matches(client, when("tags", "not_contains", "vip-case")))
                .contains(otherId)
                .doesNotContain(id);
        assertThat(matches(client, when("assignee", "is_empty", "")))
                .contains(otherId)
                .doesNotContain(id);
        assertThat(matches(client, when("business_hours", "outside", ""))).isEmpty();
        assertThat(matches(client, when("order_value", "less_than", "50"))).isEmpty();
        RuleView any = new RuleView(
                null,
                client.id(),
                "any",
                "event",
                1,
                true,
                List.of("ticket_created"),
                "any",
                List.of(when("language", "is", "it"), when("language", "is", "de")),
                List.of(then("add_tags", "x")),
                false,
                null);
        assertThat(rules.test(any, ClientScope.everything()).sample())
                .extracting(RuleTest.Match::ticketId)
                .containsExactlyInAnyOrder(id, otherId);
        // SLA deadline conditions: one ticket due in 20 minutes, the other 2 hours overdue.
        // (set until no SLA recomputation of the earlier changes overwrites them)
        fixtures.awaitListenersDone(id, otherId);
        db.execute("update tickets.ticket set sla_due_at = now() + interval '20 minutes' where id = ?", id);
        db.execute("update tickets.ticket set sla_due_at = now() - interval '2 hours' where id = ?", otherId);
        assertThat(matches(client, when("sla_due_in", "less_than", "30"))).containsExactly(id);
        assertThat(matches(client, when("sla_overdue", "more_than", "60"))).containsExactly(otherId);
    }

    private List<Long> matches(ClientView client, RuleView.Condition c) {
        return rules.test(ruleWith(client, c), ClientScope.everything()).sample().stream()
                .map(RuleTest.Match::ticketId)
                .toList();
    }

    private static RuleView ruleWith(ClientView client, RuleView.Condition c) {
        return new RuleView(
                null,
                client.id(),
                "test",
                "event",
                1,
                true,
                List.of("ticket_created"),
                "all",
                List.of(c),
                List.of(then("add_tags", "x")),
                false,
                null);
    }

    @Test
    void everyActionChangesTheTicketAndSaysWhatItDid() {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        UserView lea = rf.agent(client, "online", List.of("de"));
        UserView tom = rf.agent(client, null, List.of("de"));
        TeamView team = rf.team("DE", lea);
        TeamView other = rf.team("Manual", tom);
        SlaPolicyView policy = sla.savePolicy(new SlaPolicyView(
                null,
                client.id(),
                "VIP",
                1,
                true,
                null,
                null,
                "damaged_or_defective",
                null,
                null,
                null,
                15,
                null,
                null,
                "calendar",
                null));
        rf.eventRule(
                client,
                "everything",
                1,
                List.of("ticket_created"),
                List.of(),
                then("set_category", "damaged_or_defective"),
                then("add_tags", "a, b, c"),
                then("remove_tags", "b"),
                then("set_team", other.name()),
                then("assign_agent", tom.email()),
                then("unassign", ""),
                then("assign_by", team.name(), "least_loaded"),
                then("set_priority", "high"),
                then("set_status", "on_hold"),
                then("apply_sla_policy", "VIP"),
                then("add_note", "Checked by a rule for #{{ticket.number}}"),
                then("auto_reply", "Dear {{customer.name}}, we received ticket {{ticket.number}}."),
                new RuleView.Action("notify", "assignee, " + tom.email(), "Broken goods on {{ticket.subject}}"));

        // Triage files this as a product question; the rule overrides it.
        long id = fixtures.ticket(store, "Frage", "Ist die Vase aus Glas oder Kunststoff?", null)
                .ticketId();

        List<RuleFiring> fired = rf.firings(id, 1);
        TicketView t = ticketQueries.find(id, ClientScope.everything()).orElseThrow();
        assertThat(outcomes(fired))
                .containsExactly(
                        "category:damaged_or_defective",
                        "tag_added:a, b, c",
                        "tag_removed:b",
                        "team:" + other.name(),
                        "assigned:" + tom.displayName(),
                        "unassigned",
                        "team:" + team.name(),
                        "priority:high",
                        "status:on_hold",
                        "sla_policy:VIP",
                        "note",
                        "auto_reply",
                        // The run hands the ticket out at its end; the assignee's notification waits for that.
                        "assigned:" + lea.displayName(),
                        "notified:" + lea.displayName() + ", " + tom.displayName());
        assertThat(t.category()).isEqualTo("damaged_or_defective");
        assertThat(t.tags()).containsExactly("a", "c");
        assertThat(t.teamId()).isEqualTo(team.id());
        assertThat(t.assigneeId()).isEqualTo(lea.id());
        assertThat(t.priority()).isEqualTo(Priority.HIGH);
        assertThat(t.status()).isEqualTo(TicketStatus.ON_HOLD);
        assertThat(sla.ticketSla(id, ClientScope.everything()).policyName()).isEqualTo("VIP");
        List<MessageView> messages =
                ticketQueries.details(id, ClientScope.everything()).messages();
        assertThat(messages)
                .filteredOn(m -> m.kind() == MessageKind.NOTE)
                .singleElement()
                .satisfies(m -> assertThat(m.bodyText()).isEqualTo("Checked by a rule for #" + t.number()));
        assertThat(messages)
                .filteredOn(m -> m.kind() == MessageKind.OUTBOUND)
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.automated()).isTrue();
                    assertThat(m.bodyText()).isEqualTo("Dear Buyer, we received ticket " + t.number() + ".");
                });
        // An auto-reply is not the team's first response.
        assertThat(t.firstResponseAt()).isNull();
        assertThat(rules.notifications(tom.id(), ClientScope.everything(), 10))
                .singleElement()
                .satisfies(n -> assertThat(n.text()).isEqualTo("Broken goods on Frage"));
        assertThat(rules.unreadNotifications(lea.id(), ClientScope.everything()))
                .isEqualTo(1);
    }

    @Test
    void anAutoReplyGoesOutOncePerQuietPeriodAndNeverToARobot() {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        rf.eventRule(
                client,
                "acknowledge",
                1,
                List.of("message_received"),
                List.of(),
                then("auto_reply", "Thanks, we will answer soon."));
        var first = fixtures.ticket(store, "Frage", "Ist das Zelt wasserdicht?", null);
        rf.firings(first.ticketId(), 1);
        // The customer writes again at once: no second auto-reply within the quiet period.
        var customer =
                ticketQueries.find(first.ticketId(), ClientScope.everything()).orElseThrow();
        tickets.ingest(new dev.kontor.tickets.TicketCommands.IngestMessage(
                client.id(),
                store.id(),
                customer.channelId(),
                customer.customerId(),
                "Buyer",
                "Frage",
                "Und ist es auch winddicht?",
                null,
                null,
                first.ticketId(),
                null,
                List.of()));
        List<RuleFiring> fired = rf.firings(first.ticketId(), 2);
        assertThat(outcomes(fired)).containsExactly("auto_reply", "auto_reply_skipped:recent");

        // A mailer daemon gets no answer.
        var daemon = new dev.kontor.customers.CustomerView[1];
        daemon[0] = customersResolve(client, "MAILER-DAEMON@mail.example.net");
        var bounce = tickets.ingest(new dev.kontor.tickets.TicketCommands.IngestMessage(
                client.id(),
                store.id(),
                customer.channelId(),
                daemon[0].id(),
                "Mail Delivery System",
                "Undelivered Mail Returned to Sender",
                "This is the mail system. I'm sorry to have to inform you that your message could not be delivered.",
                null,
                null,
                null,
                null,
                List.of()));
        assertThat(outcomes(rf.firings(bounce.ticketId(), 1))).containsExactly("auto_reply_skipped:automatic");
    }

    @Autowired
    dev.kontor.customers.CustomerManagement customers;

    private dev.kontor.customers.CustomerView customersResolve(ClientView client, String email) {
        return customers.resolve(client.id(), "email", email, "Mail Delivery System");
    }

    @Test
    void aFailingActionIsRecordedAndTheOthersStillHappen() {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        UserView gone = rf.agent(client, null, List.of("de"));
        rf.eventRule(
                client,
                "assign",
                1,
                List.of("ticket_created"),
                List.of(),
                then("assign_agent", gone.email()),
                then("add_tags", "still"));
        accounts.revoke(gone.id(), client.id());

        long id = fixtures.ticket(store, "Frage", "Ist das Zelt wasserdicht?", null)
                .ticketId();

        List<String> out = outcomes(rf.firings(id, 1));
        assertThat(out).hasSize(2);
        assertThat(out.get(0)).startsWith("failed:assigneeId");
        assertThat(out.get(1)).isEqualTo("tag_added:still");
        assertThat(ticketQueries
                        .find(id, ClientScope.everything())
                        .orElseThrow()
                        .assigneeId())
                .isNull();
    }

    @Test
    void twoRulesUndoingEachOtherAreHeldBack() {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        rf.eventRule(
                client,
                "add",
                1,
                List.of("ticket_created", "tag_added"),
                List.of(when("tags", "not_contains", "ping")),
                then("add_tags", "ping"),
                then("remove_tags", "pong"));
        rf.eventRule(
                client,
                "remove",
                2,
                List.of("tag_added"),
                List.of(when("added_tag", "is", "ping")),
                then("remove_tags", "ping"),
                then("add_tags", "pong"));
        long id = fixtures.ticket(store, "Frage", "Ist das Zelt wasserdicht?", null)
                .ticketId();
        // The loop runs until each rule reached its hourly limit (10), then stops.
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> rules.firings(id, ClientScope.everything()).size() >= 19);
        org.awaitility.Awaitility.await()
                .during(java.time.Duration.ofSeconds(2))
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> rules.firings(id, ClientScope.everything()).size() <= 20);
    }

    @Test
    void aRuleWithMistakesIsRejectedNamingEachField() {
        ClientView client = fixtures.client();
        assertThatThrownBy(() -> rules.save(new RuleView(
                        null,
                        client.id(),
                        "",
                        "event",
                        1,
                        true,
                        List.of("ticket_exploded"),
                        "all",
                        List.of(
                                when("language", "is", "french"),
                                when("colour", "is", "red"),
                                when("text", "matches", "(unclosed"),
                                when("order_value", "is", "50")),
                        List.of(then("set_team", "No such team"), then("assign_by", "x", "fastest")),
                        false,
                        null)))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.errors())
                                .extracting(dev.kontor.shared.FieldError::field)
                                .containsExactlyInAnyOrder(
                                        "name",
                                        "triggers",
                                        "conditions[0].value",
                                        "conditions[1].field",
                                        "conditions[2].value",
                                        "conditions[3].op",
                                        "actions[0].value",
                                        "actions[1].value"));
        assertThatThrownBy(() -> rules.save(new RuleView(
                        null,
                        client.id(),
                        "time without time",
                        "time",
                        1,
                        true,
                        List.of(),
                        "all",
                        List.of(when("language", "is", "fr")),
                        List.of(then("add_tags", "x")),
                        false,
                        null)))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.errors())
                                .extracting(dev.kontor.shared.FieldError::field)
                                .containsExactly("conditions"));
    }

    private static OrderData order(String id, String state) {
        return new OrderData(
                id,
                id.substring(0, 5),
                state,
                state.equals("SHIPPING"),
                "EUR",
                new BigDecimal("89.00"),
                BigDecimal.ZERO,
                null,
                null,
                null,
                Instant.now().plusSeconds(86_400),
                "Lucia Bianchi",
                null,
                Instant.now(),
                Instant.now(),
                List.of());
    }
}
