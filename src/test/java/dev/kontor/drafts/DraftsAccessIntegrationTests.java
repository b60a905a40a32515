package dev.kontor.drafts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.kontor.ApiClient;
import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.accounts.UserView;
import dev.kontor.clients.ClientView;
import dev.kontor.clients.StoreView;
import dev.kontor.orders.OrderData;
import dev.kontor.tickets.TicketView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Drafts through the ticket page and the API with two clients: an agent of client A drafts A's tickets and never
 * B's (404, nothing recorded); the drafts settings are for admins only; bad settings name the field.
 */
@KontorIntegrationTest
@AutoConfigureMockMvc
class DraftsAccessIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    DraftFixtures draftFixtures;

    @Autowired
    dev.kontor.drafts.internal.DraftRepository repository;

    static RequestPostProcessor as(UserView user) {
        return user(Long.toString(user.id())).roles(user.role().name());
    }

    TicketView wismoTicket(ClientView client, String language, String text) {
        StoreView store = fixtures.store(client);
        draftFixtures.wismoTemplate(client.id());
        OrderData order = draftFixtures.shippedOrder(store);
        return draftFixtures.ticket(store, language, order.orderId(), text + " " + order.commercialId());
    }

    @Test
    void theApiDraftsOnlyTicketsOfTheCallersClients() {
        ClientView a = fixtures.client();
        ClientView b = fixtures.client();
        TicketView ofA = wismoTicket(a, "de", "Wo ist meine Bestellung");
        TicketView ofB = wismoTicket(b, "de", "Wo ist meine Bestellung");
        ApiClient agentOfA = new ApiClient(port, fixtures.token(fixtures.agent(a)));

        var mine = agentOfA.post("/api/v1/tickets/" + ofA.id() + "/drafts", "{}");
        assertThat(mine.status()).isEqualTo(201);
        assertThat(mine.json().get("kind").asString()).isEqualTo("TEMPLATE");
        assertThat(mine.json().get("language").asString()).isEqualTo("de");
        assertThat(mine.json().get("fallback").asString()).isEqualTo("not_configured");
        assertThat(mine.json().get("text").asString()).contains("JJD0099887766");
        assertThat(mine.json().findValuesAsString("kind")).contains("template", "order");

        assertThat(agentOfA.post("/api/v1/tickets/" + ofB.id() + "/drafts", "{}")
                        .status())
                .isEqualTo(404);
        assertThat(repository.kindsOf(ofB.id())).isEmpty();

        assertThat(agentOfA.get("/api/v1/drafts/status").status()).isEqualTo(403);
        assertThat(agentOfA.get("/api/v1/clients/" + a.id() + "/draft-settings").status())
                .isEqualTo(403);
        ApiClient admin = new ApiClient(port, fixtures.token(fixtures.admin()));
        var bad = admin.put(
                "/api/v1/clients/" + a.id() + "/draft-settings",
                ApiClient.json(Map.of("policy", "maybe", "linkDomains", List.of("shop.example"))));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.raw().body()).contains("policy");
        var good = admin.put(
                "/api/v1/clients/" + a.id() + "/draft-settings",
                ApiClient.json(Map.of("policy", "NEVER", "linkDomains", List.of("shop.example"))));
        assertThat(good.status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/clients/" + a.id() + "/draft-settings")
                        .json()
                        .get("policy")
                        .asString())
                .isEqualTo("NEVER");
        assertThat(admin.get("/api/v1/drafts/status").json().get("configured").asBoolean())
                .isFalse();
    }

    @Test
    void theTicketPageDraftsOnlyTicketsOfTheViewersClients() throws Exception {
        ClientView a = fixtures.client();
        ClientView b = fixtures.client();
        TicketView ofA = wismoTicket(a, "fr", "Où est ma commande");
        TicketView ofB = wismoTicket(b, "fr", "Où est ma commande");
        UserView agent = fixtures.agent(a);

        String page = mvc.perform(get("/tickets/" + ofA.id()).with(as(agent)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("id=\"draft-reply\"").contains("Draft reply");

        String fragment = mvc.perform(post("/tickets/" + ofA.id() + "/drafts")
                        .with(as(agent))
                        .with(csrf())
                        .header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(fragment)
                .doesNotContain("<html")
                .contains("id=\"draft\"")
                .contains("data-language=\"fr\"")
                .contains("No model is configured for drafts")
                .contains("JJD0099887766")
                .contains("data-kind=\"template\"")
                .contains("data-kind=\"order\"");

        mvc.perform(post("/tickets/" + ofB.id() + "/drafts").with(as(agent)).with(csrf()))
                .andExpect(status().isNotFound());
        assertThat(repository.kindsOf(ofB.id())).isEmpty();
    }

    @Test
    void theSettingsPageIsForAdminsAndShowsTheModelsStatus() throws Exception {
        ClientView a = fixtures.client();
        UserView admin = fixtures.admin();
        mvc.perform(get("/admin/drafts").with(as(fixtures.agent(a)))).andExpect(status().isForbidden());

        String page = mvc.perform(get("/admin/drafts")
                        .param("client", String.valueOf(a.id()))
                        .with(as(admin)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains("No model configured")
                .contains("id=\"model-status\"")
                .contains("value=\"local_only\" selected");

        String refused = mvc.perform(post("/admin/drafts/clients/" + a.id())
                        .with(as(admin))
                        .with(csrf())
                        .param("policy", "never")
                        .param("linkDomains", "not..a domain"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(refused).contains("linkDomains:");
        mvc.perform(post("/admin/drafts/clients/" + a.id())
                        .with(as(admin))
                        .with(csrf())
                        .param("policy", "never")
                        .param("linkDomains", "shop.example"))
                .andExpect(status().is3xxRedirection());
        assertThat(mvc.perform(get("/admin/drafts")
                                .param("client", String.valueOf(a.id()))
                                .with(as(admin)))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("value=\"never\" selected")
                .contains("shop.example");
    }
}
