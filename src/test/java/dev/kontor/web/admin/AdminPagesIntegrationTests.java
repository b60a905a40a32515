package dev.kontor.web.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.accounts.AccountManagement;
import dev.kontor.clients.ClientManagement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

@KontorIntegrationTest
@AutoConfigureMockMvc
class AdminPagesIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    ClientManagement clients;

    @Autowired
    AccountManagement accounts;

    RequestPostProcessor admin;

    @BeforeEach
    void setUp() {
        admin = user(Long.toString(fixtures.admin().id())).roles("ADMIN");
    }

    @Test
    void onlyAdminsReachTheAdminPages() throws Exception {
        var agent = fixtures.agent();

        mvc.perform(get("/admin/clients").with(admin)).andExpect(status().isOk());
        mvc.perform(get("/admin/users").with(admin)).andExpect(status().isOk());
        mvc.perform(get("/admin/teams").with(admin)).andExpect(status().isOk());
        mvc.perform(get("/admin/clients").with(user(Long.toString(agent.id())).roles("AGENT")))
                .andExpect(status().isForbidden());
    }

    @Test
    void anInvalidClientKeepsWhatWasTypedAndNamesTheField() throws Exception {
        String html = mvc.perform(post("/admin/clients")
                        .param("key", "Bad Key!")
                        .param("name", "Typed Name GmbH")
                        .with(admin)
                        .with(csrf()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(html).contains("Typed Name GmbH", "Bad Key!", "class=\"error\"");
    }

    @Test
    void aDuplicateClientKeyIsAFieldErrorNotAFailure() throws Exception {
        var existing = fixtures.client();

        String html = mvc.perform(post("/admin/clients")
                        .param("key", existing.key())
                        .param("name", "Again")
                        .with(admin)
                        .with(csrf()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(html).contains("is already used");
    }

    @Test
    void anAdminCreatesAClientAStoreAndAChannelThroughTheForms() throws Exception {
        String key = TestFixtures.unique("ui");

        mvc.perform(post("/admin/clients")
                        .param("key", key)
                        .param("name", "UI GmbH")
                        .with(admin)
                        .with(csrf()))
                .andExpect(redirectedUrl("/admin/clients"));
        long clientId = clients.clientByKey(key).orElseThrow().id();
        mvc.perform(post("/admin/clients/" + clientId + "/stores")
                        .param("key", key + "-shop")
                        .param("name", "UI Shop")
                        .with(admin)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        long storeId = clients.storeByKey(key + "-shop").orElseThrow().id();
        mvc.perform(post("/admin/stores/" + storeId + "/channels")
                        .param("kind", "EMAIL")
                        .param("name", "support@ui.example")
                        .param("settings", "address=support@ui.example\nsignature=Your UI team")
                        .with(admin)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());

        assertThat(clients.channels(storeId))
                .anySatisfy(c -> assertThat(c.settings()).containsEntry("signature", "Your UI team"));
    }

    @Test
    void badChannelSettingsAreShownNotSaved() throws Exception {
        var store = fixtures.store(fixtures.client());

        String html = mvc.perform(post("/admin/stores/" + store.id() + "/channels")
                        .param("kind", "EMAIL")
                        .param("name", "x")
                        .param("settings", "no equals sign here")
                        .with(admin)
                        .with(csrf()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(html).contains("key=value");
        assertThat(clients.channels(store.id())).hasSize(1);
    }

    @Test
    void accessCheckboxesGrantAndRevokeClients() throws Exception {
        var a = fixtures.client();
        var b = fixtures.client();
        var agent = fixtures.agent(a);

        mvc.perform(post("/admin/users/" + agent.id() + "/access")
                        .param("clientIds", Long.toString(b.id()))
                        .with(admin)
                        .with(csrf()))
                .andExpect(redirectedUrl("/admin/users/" + agent.id()));

        assertThat(accounts.user(agent.id()).clientIds()).containsExactly(b.id());
    }

    @Test
    void anAdminSetsATeamsStrategyOnTheRoutingPageAndABadValueNamesTheField() throws Exception {
        var agent = fixtures.agent(fixtures.client());
        var team = accounts.createTeam(new dev.kontor.accounts.AccountCommands.CreateTeam(
                TestFixtures.unique("Routing"), java.util.Set.of(agent.id())));
        assertThat(mvc.perform(get("/admin/routing").with(admin))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains(team.name())
                .as("every text of the page found in the bundles")
                .doesNotContain("??");
        mvc.perform(post("/admin/routing/teams/" + team.id())
                        .param("strategy", "least_loaded")
                        .with(admin)
                        .with(csrf()))
                .andExpect(redirectedUrl("/admin/routing"));
        String refused = mvc.perform(post("/admin/routing/agents/" + agent.id())
                        .param("status", "online")
                        .param("capacity", "0")
                        .with(admin)
                        .with(csrf()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(refused).contains("capacity: ").contains(team.name());
        mvc.perform(get("/admin/routing").with(user(Long.toString(agent.id())).roles("AGENT")))
                .andExpect(status().isForbidden());
    }

    @Test
    void anAdminEditsAnSlaPolicyAndAnUnreadableCalendarNamesTheField() throws Exception {
        var client = fixtures.client();
        mvc.perform(get("/admin/sla").with(admin)).andExpect(status().isOk());
        mvc.perform(get("/admin/triage").with(admin)).andExpect(status().isOk());
        mvc.perform(post("/admin/sla/policies")
                        .param("clientId", Long.toString(client.id()))
                        .param("name", "Standard " + client.key())
                        .param("position", "5")
                        .param("firstResponseMinutes", "120")
                        .param("clock", "calendar")
                        .with(admin)
                        .with(csrf()))
                .andExpect(redirectedUrl("/admin/sla"));
        String html = mvc.perform(get("/admin/sla").with(admin))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(html).contains("Standard " + client.key());
        String calendar = mvc.perform(post("/admin/sla/calendars")
                        .param("clientId", Long.toString(client.id()))
                        .param("name", "Office")
                        .param("timeZone", "Europe/Berlin")
                        .param("hours", "weekdays nine to five")
                        .param("holidays", "2026-12-25 christmas")
                        .with(admin)
                        .with(csrf()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(calendar).contains("weekdays nine to five", "is not a date like 2026-12-25");
        mvc.perform(post("/admin/triage/keywords")
                        .param("clientId", Long.toString(client.id()))
                        .param("category", "damaged_or_defective")
                        .param("phrase", "Garantiefall")
                        .param("weight", "3")
                        .with(admin)
                        .with(csrf()))
                .andExpect(redirectedUrl("/admin/triage"));
        assertThat(mvc.perform(get("/admin/triage").with(admin))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("Garantiefall");
    }
}
