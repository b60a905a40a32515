package dev.kontor.answers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.kontor.ApiClient;
import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.accounts.Role;
import dev.kontor.accounts.UserView;
import dev.kontor.answers.AnswerCommands.SaveTemplate;
import dev.kontor.clients.ClientView;
import dev.kontor.clients.StoreView;
import dev.kontor.shared.ClientScope;
import dev.kontor.tickets.TicketView;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Templates and macros through the API and the pages, with two clients: a supervisor or agent of client A never
 * sees, changes or uses B's; agents use templates but do not change them; bad input answers a problem naming the
 * field.
 */
@KontorIntegrationTest
@AutoConfigureMockMvc
class AnswersAccessIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    AnswerFixtures answers;

    @Autowired
    TemplateManagement templates;

    static RequestPostProcessor as(UserView user) {
        return user(Long.toString(user.id())).roles(user.role().name());
    }

    private TemplateView template(ClientView client, String name, String text) {
        return templates.create(
                ClientScope.everything(), new SaveTemplate(client.id(), null, null, name, null, Map.of("en", text)));
    }

    @Test
    void theApiKeepsEachClientsTemplatesToThoseWhoServeIt() {
        ClientView a = fixtures.client();
        ClientView b = fixtures.client();
        StoreView storeA = fixtures.store(a);
        TemplateView ofA = template(a, "Hello A", "Hello {{customer.first_name}}");
        TemplateView ofB = template(b, "Hello B", "Secret of B");
        ApiClient agentOfA = new ApiClient(port, fixtures.token(fixtures.agent(a)));
        ApiClient supervisorOfA = new ApiClient(port, fixtures.token(fixtures.user(Role.SUPERVISOR, a)));
        TicketView ticketOfA = answers.ticket(storeA, "en", null);

        assertThat(agentOfA.get("/api/v1/templates").json().findValuesAsString("name"))
                .contains("Hello A")
                .doesNotContain("Hello B");
        assertThat(agentOfA.get("/api/v1/templates/" + ofB.id()).status()).isEqualTo(404);
        assertThat(agentOfA.get("/api/v1/tickets/" + ticketOfA.id() + "/templates/" + ofB.id())
                        .status())
                .isEqualTo(404);
        var rendered = agentOfA.get("/api/v1/tickets/" + ticketOfA.id() + "/templates/" + ofA.id());
        assertThat(rendered.status()).isEqualTo(200);
        assertThat(rendered.json().get("text").asString()).isEqualTo("Hello Buyer");
        assertThat(agentOfA.post(
                                "/api/v1/templates",
                                ApiClient.json(Map.of(
                                        "clientId", a.id(), "name", "Agent's own", "variants", Map.of("en", "x"))))
                        .status())
                .isEqualTo(403);
        assertThat(supervisorOfA
                        .put(
                                "/api/v1/templates/" + ofB.id(),
                                ApiClient.json(Map.of("name", "Taken over", "variants", Map.of("en", "x"))))
                        .status())
                .isEqualTo(404);
        assertThat(supervisorOfA.get("/api/v1/clients/" + b.id() + "/answers").status())
                .isEqualTo(404);

        var bad = supervisorOfA.post(
                "/api/v1/templates",
                ApiClient.json(
                        Map.of("clientId", a.id(), "name", "Bad", "variants", Map.of("de", "Hallo {{kunde.name}}"))));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.raw().body()).contains("variants.de").contains("unknown placeholder {{kunde.name}}");

        var created = supervisorOfA.post(
                "/api/v1/templates",
                ApiClient.json(Map.of(
                        "clientId", a.id(), "name", "Good", "shortcut", "good", "variants", Map.of("de", "Hallo"))));
        assertThat(created.status()).isEqualTo(201);
        assertThat(agentOfA.get("/api/v1/tickets/" + ticketOfA.id() + "/templates?q=goo")
                        .json()
                        .findValuesAsString("name"))
                .containsExactly("Good");
    }

    @Test
    void thePagesShowOnlyTheViewersClientsAndKeepAgentsOut() throws Exception {
        ClientView a = fixtures.client();
        ClientView b = fixtures.client();
        template(a, "Visible to A", "a");
        TemplateView ofB = template(b, "Hidden from A", "b");
        UserView supervisor = fixtures.user(Role.SUPERVISOR, a);
        UserView agent = fixtures.agent(a);

        String page = mvc.perform(get("/answers").with(as(supervisor)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains("Visible to A")
                .doesNotContain("Hidden from A")
                .doesNotContain(b.name());
        mvc.perform(get("/answers/templates/" + ofB.id()).with(as(supervisor))).andExpect(status().isNotFound());
        mvc.perform(get("/answers").with(as(agent))).andExpect(status().isForbidden());

        String refused = mvc.perform(post("/answers/templates")
                        .with(as(supervisor))
                        .with(csrf())
                        .param("clientId", String.valueOf(a.id()))
                        .param("name", "From the form")
                        .param("variant.en", "Hi {{customer.nickname}}"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(refused).contains("variants.en: unknown placeholder {{customer.nickname}}");

        mvc.perform(post("/answers/templates")
                        .with(as(supervisor))
                        .with(csrf())
                        .param("clientId", String.valueOf(a.id()))
                        .param("name", "From the form")
                        .param("variant.en", "Hi {{customer.first_name}}")
                        .param("newLanguage", "fr")
                        .param("newBody", "Bonjour {{customer.first_name}}"))
                .andExpect(status().is3xxRedirection());
        assertThat(templates.templates(ClientScope.everything(), a.id()))
                .filteredOn(t -> t.name().equals("From the form"))
                .singleElement()
                .satisfies(t -> assertThat(t.languages()).containsExactly("en", "fr"));
        mvc.perform(post("/answers/templates")
                        .with(as(supervisor))
                        .with(csrf())
                        .param("clientId", String.valueOf(b.id()))
                        .param("name", "Into B")
                        .param("variant.en", "x"))
                .andExpect(status().isNotFound());
    }
}
