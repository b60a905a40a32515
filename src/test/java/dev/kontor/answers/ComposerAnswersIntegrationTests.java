package dev.kontor.answers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.accounts.UserView;
import dev.kontor.answers.AnswerCommands.SaveMacro;
import dev.kontor.answers.AnswerCommands.SaveTemplate;
import dev.kontor.clients.ClientView;
import dev.kontor.clients.StoreView;
import dev.kontor.orders.OrderData;
import dev.kontor.shared.ClientScope;
import dev.kontor.tickets.MessageKind;
import dev.kontor.tickets.TicketQueries;
import dev.kontor.tickets.TicketStatus;
import dev.kontor.tickets.TicketView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The composer's answers on the ticket page: "/" searches the ticket's client's templates, a preview is filled with
 * the ticket's data in the customer's language and names what is missing, inserting counts, a macro applies in one
 * step, and a reply with a placeholder left in is refused. An agent of another client gets 404 everywhere.
 */
@KontorIntegrationTest
@AutoConfigureMockMvc
class ComposerAnswersIntegrationTests {

    static final ClientScope ALL = ClientScope.everything();

    @Autowired
    MockMvc mvc;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    AnswerFixtures answers;

    @Autowired
    TemplateManagement templates;

    @Autowired
    MacroManagement macros;

    @Autowired
    TicketQueries tickets;

    static RequestPostProcessor as(UserView user) {
        return user(Long.toString(user.id())).roles(user.role().name());
    }

    private String html(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
        return mvc.perform(request)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    @Test
    void searchesPreviewsInTheCustomersLanguageAndCountsWhatIsInserted() throws Exception {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        OrderData order = answers.shippedOrder(store);
        TicketView ticket = answers.ticket(store, "fr", order.orderId());
        UserView agent = fixtures.agent(client);
        UserView stranger = fixtures.agent(fixtures.client());
        TemplateView wismo = templates.create(
                ALL,
                new SaveTemplate(
                        client.id(),
                        null,
                        "where_is_my_order",
                        "WISMO with tracking",
                        "wismo",
                        Map.of(
                                "en", "Your parcel is with {{order.carrier}}: {{order.tracking_link}}",
                                "fr",
                                        "Votre colis est chez {{order.carrier}} : {{order.tracking_link}} {{store.signature}}")));

        assertThat(html(get("/tickets/" + ticket.id()).with(as(agent)))).contains("id=\"template-search\"");
        assertThat(html(get("/tickets/" + ticket.id() + "/answers/search")
                        .param("q", "wismo")
                        .with(as(agent))))
                .contains("WISMO with tracking")
                .doesNotContain("<html");
        assertThat(html(get("/tickets/" + ticket.id() + "/answers/search")
                        .param("q", "colis")
                        .with(as(agent))))
                .contains("WISMO with tracking");
        String preview = html(get("/tickets/" + ticket.id() + "/answers/templates/" + wismo.id())
                .with(as(agent)));
        assertThat(preview)
                .contains("Votre colis est chez DHL : https://www.dhl.de/track?piececode=JJD0099887766")
                .contains("{{store.signature}}")
                .contains("missing-placeholders");
        mvc.perform(post("/tickets/" + ticket.id() + "/answers/templates/" + wismo.id() + "/used")
                        .with(as(agent))
                        .with(csrf()))
                .andExpect(status().isNoContent());
        assertThat(templates.template(wismo.id(), ALL).usageCount()).isEqualTo(1);

        mvc.perform(get("/tickets/" + ticket.id() + "/answers/search")
                        .param("q", "wismo")
                        .with(as(stranger)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/tickets/" + ticket.id() + "/answers/templates/" + wismo.id())
                        .with(as(stranger)))
                .andExpect(status().isNotFound());
    }

    @Test
    void appliesAMacroInOneStepAndRefusesAReplyWithAPlaceholderLeft() throws Exception {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        TicketView ticket = answers.ticket(store, "en", null);
        UserView agent = fixtures.agent(client);
        TemplateView template = templates.create(
                ALL,
                new SaveTemplate(
                        client.id(),
                        null,
                        "return",
                        "Return approved",
                        null,
                        Map.of("en", "Your return label: {{order.tracking_link}}")));
        MacroView macro = macros.create(
                ALL,
                new SaveMacro(
                        client.id(),
                        "Return approved",
                        template.id(),
                        List.of("return-approved"),
                        List.of(),
                        "pending",
                        null,
                        null,
                        null,
                        null,
                        null));

        String answer = mvc.perform(post("/tickets/" + ticket.id() + "/answers/macros")
                        .param("macroId", String.valueOf(macro.id()))
                        .header("HX-Request", "true")
                        .with(as(agent))
                        .with(csrf()))
                .andExpect(status().isOk())
                .andExpect(header().string("HX-Trigger", "kontor:ticket-changed"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(answer).contains("macro-applied").contains("data-autoinsert").contains("{{order.tracking_link}}");
        // The changes are said in words, not in the API's codes ("+return-approved", "status: pending").
        assertThat(answer)
                .contains("tag return-approved added")
                .contains("status Pending")
                .doesNotContain("status: ");
        TicketView after = tickets.find(ticket.id(), ALL).orElseThrow();
        assertThat(after.tags()).contains("return-approved");
        assertThat(after.status()).isEqualTo(TicketStatus.PENDING);

        String refused = html(post("/tickets/" + ticket.id() + "/reply")
                .param("body", "Your return label: {{order.tracking_link}}")
                .header("HX-Request", "true")
                .with(as(agent))
                .with(csrf()));
        assertThat(refused).contains("fill in {{order.tracking_link}} before sending");
        assertThat(tickets.details(ticket.id(), ALL).messages()).noneMatch(m -> m.kind() == MessageKind.OUTBOUND);
    }
}
