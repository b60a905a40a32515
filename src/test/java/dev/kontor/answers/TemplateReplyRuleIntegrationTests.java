package dev.kontor.answers;

import static dev.kontor.rules.RuleFixtures.then;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.answers.AnswerCommands.SaveTemplate;
import dev.kontor.clients.ClientManagement;
import dev.kontor.clients.ClientView;
import dev.kontor.clients.StoreView;
import dev.kontor.customers.CustomerManagement;
import dev.kontor.orders.OrderData;
import dev.kontor.rules.RuleFiring;
import dev.kontor.rules.RuleFixtures;
import dev.kontor.rules.RuleView;
import dev.kontor.shared.ClientScope;
import dev.kontor.shared.InvalidInput;
import dev.kontor.tickets.MessageKind;
import dev.kontor.tickets.MessageView;
import dev.kontor.tickets.TicketCommands.IngestMessage;
import dev.kontor.tickets.TicketManagement;
import dev.kontor.tickets.TicketQueries;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The rule action "reply with template": an instant WISMO answer with the carrier's tracking link, sent under every
 * auto-reply guard (once per quiet period, never to a robot), never with a placeholder left empty, and not counted
 * as the team's first response.
 */
@KontorIntegrationTest
class TemplateReplyRuleIntegrationTests {

    static final ClientScope ALL = ClientScope.everything();
    static final String GERMAN = "Hallo, wo ist meine Bestellung? Ich warte schon seit einer Woche auf mein Paket und"
            + " habe noch keine Sendungsnummer bekommen.";

    @Autowired
    TestFixtures fixtures;

    @Autowired
    AnswerFixtures answers;

    @Autowired
    RuleFixtures rf;

    @Autowired
    TemplateManagement templates;

    @Autowired
    TicketManagement tickets;

    @Autowired
    TicketQueries ticketQueries;

    @Autowired
    CustomerManagement customers;

    @Autowired
    ClientManagement clients;

    private long write(StoreView store, String email, String text, Long ticketId, String orderId) {
        var customer = customers.resolve(store.clientId(), "email", email, "Anna Muster");
        return tickets.ingest(new IngestMessage(
                        store.clientId(),
                        store.id(),
                        clients.apiChannelOf(store.id()).id(),
                        customer.id(),
                        "Anna Muster",
                        "Bestellung",
                        text,
                        null,
                        null,
                        ticketId,
                        null,
                        List.of(),
                        orderId == null ? List.of() : List.of(orderId)))
                .ticketId();
    }

    private static List<String> outcomes(List<RuleFiring> firings) {
        return firings.stream()
                .flatMap(f -> f.outcomes().stream())
                .map(o -> o.detail() == null ? o.code() : o.code() + ":" + o.detail())
                .toList();
    }

    private List<MessageView> sent(long ticketId) {
        return ticketQueries.details(ticketId, ALL).messages().stream()
                .filter(m -> m.kind() == MessageKind.OUTBOUND)
                .toList();
    }

    @Test
    void answersAtOnceInTheCustomersLanguageUnderTheAutoReplyGuards() {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        OrderData order = answers.shippedOrder(store);
        templates.create(
                ALL,
                new SaveTemplate(
                        client.id(),
                        null,
                        "where_is_my_order",
                        "WISMO with tracking",
                        "wismo",
                        Map.of(
                                "en", "Hello {{customer.first_name}}, track your parcel: {{order.tracking_link}}",
                                "de", "Hallo {{customer.first_name}}, Ihr Paket: {{order.tracking_link}}")));
        rf.eventRule(
                client,
                "instant WISMO",
                1,
                List.of("message_received"),
                List.of(),
                then("reply_template", "WISMO with tracking"));
        String email = TestFixtures.unique("anna") + "@example.org";

        long id = write(store, email, GERMAN, null, order.orderId());
        List<RuleFiring> first = rf.firings(id, 1);

        assertThat(outcomes(first)).containsExactly("reply_template:WISMO with tracking");
        assertThat(sent(id)).singleElement().satisfies(m -> {
            assertThat(m.automated()).isTrue();
            assertThat(m.bodyText())
                    .isEqualTo("Hallo Anna, Ihr Paket: https://www.dhl.de/track?piececode=JJD0099887766");
        });
        assertThat(ticketQueries.find(id, ALL).orElseThrow().firstResponseAt()).isNull();

        write(store, email, "Und wann kommt es an?", id, null);
        assertThat(outcomes(rf.firings(id, 2))).endsWith("reply_template_skipped:recent");
        assertThat(sent(id)).hasSize(1);

        long robot = write(store, "mailer-daemon@mail.example.net", GERMAN, null, order.orderId());
        assertThat(outcomes(rf.firings(robot, 1))).containsExactly("reply_template_skipped:automatic");
        assertThat(sent(robot)).isEmpty();
    }

    @Test
    void neverSendsATemplateWithAPlaceholderLeftEmpty() {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        templates.create(
                ALL,
                new SaveTemplate(
                        client.id(),
                        null,
                        null,
                        "WISMO",
                        null,
                        Map.of(
                                "de",
                                "Ihr Paket: {{order.tracking_link}}",
                                "en",
                                "Your parcel: {{order.tracking_link}}")));
        rf.eventRule(
                client, "instant WISMO", 1, List.of("message_received"), List.of(), then("reply_template", "wismo"));

        long id = write(store, TestFixtures.unique("anna") + "@example.org", GERMAN, null, null);

        assertThat(outcomes(rf.firings(id, 1))).containsExactly("reply_template_skipped:{{order.tracking_link}}");
        assertThat(sent(id)).isEmpty();
    }

    @Test
    void aTemplateReplyNeedsARuleForTheTemplatesClient() {
        ClientView client = fixtures.client();
        ClientView other = fixtures.client();
        TemplateView t =
                templates.create(ALL, new SaveTemplate(other.id(), null, null, "Theirs", null, Map.of("en", "Hello")));

        assertThatThrownBy(() -> rf.save(new RuleView(
                        null,
                        null,
                        "everyone",
                        "event",
                        1,
                        true,
                        List.of("ticket_created"),
                        "all",
                        List.of(),
                        List.of(then("reply_template", String.valueOf(t.id()))),
                        false,
                        null)))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("actions[0].value"));
        assertThatThrownBy(() -> rf.eventRule(
                        client,
                        "not mine",
                        1,
                        List.of("ticket_created"),
                        List.of(),
                        then("reply_template", String.valueOf(t.id()))))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.errors().get(0).message()).isEqualTo("unknown template"));
    }
}
