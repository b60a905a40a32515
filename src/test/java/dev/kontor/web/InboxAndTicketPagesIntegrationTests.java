package dev.kontor.web;

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
import dev.kontor.clients.ClientView;
import dev.kontor.clients.StoreView;
import dev.kontor.shared.ClientScope;
import dev.kontor.tickets.TicketCommands.Actor;
import dev.kontor.tickets.TicketQueries;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

@KontorIntegrationTest
@AutoConfigureMockMvc
class InboxAndTicketPagesIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    TicketQueries tickets;

    @Autowired
    dev.kontor.triage.TriageManagement triage;

    @Autowired
    dev.kontor.tickets.TicketManagement ticketCommands;

    @Autowired
    dev.kontor.interpreting.MessageTranslations translations;

    ClientView mine;
    ClientView theirs;
    StoreView myStore;
    StoreView theirStore;
    UserView agent;
    long myTicket;
    long theirTicket;

    @BeforeEach
    void setUp() {
        mine = fixtures.client();
        theirs = fixtures.client();
        myStore = fixtures.store(mine);
        theirStore = fixtures.store(theirs);
        agent = fixtures.agent(mine);
        myTicket = fixtures.ticket(myStore, "Mine: parcel " + myStore.key(), "Where is it?", null)
                .ticketId();
        theirTicket = fixtures.ticket(theirStore, "Theirs: refund " + theirStore.key(), "Money back", null)
                .ticketId();
    }

    RequestPostProcessor asAgent() {
        return user(Long.toString(agent.id())).roles("AGENT");
    }

    String body(org.springframework.test.web.servlet.ResultActions r) throws Exception {
        return r.andReturn().getResponse().getContentAsString();
    }

    @Test
    void theInboxShowsOnlyTicketsOfGrantedClients() throws Exception {
        String html = body(mvc.perform(get("/inbox?view=all").with(asAgent())).andExpect(status().isOk()));

        assertThat(html).contains("Mine: parcel " + myStore.key()).doesNotContain("Theirs: refund");
        assertThat(html).contains("class=\"topbar\"");
    }

    @Test
    void anHtmxRequestGetsTheRowsWithoutTheLayout() throws Exception {
        String html =
                body(mvc.perform(get("/inbox").header("HX-Request", "true").with(asAgent()))
                        .andExpect(status().isOk()));

        assertThat(html).contains("id=\"rows\"").contains("Mine: parcel").doesNotContain("<html", "topbar");
    }

    @Test
    void searchFindsTicketsByNumberAndSubjectWithinScopeOnly() throws Exception {
        long number =
                tickets.find(myTicket, ClientScope.everything()).orElseThrow().number();

        String byNumber = body(mvc.perform(
                get("/inbox").param("view", "all").param("q", "#" + number).with(asAgent())));
        String foreign = body(mvc.perform(get("/inbox?view=all&q=Theirs").with(asAgent())));

        assertThat(byNumber).contains("Mine: parcel " + myStore.key());
        assertThat(foreign).doesNotContain("Theirs: refund");
    }

    @Test
    void theTicketPageShowsTimesInTheZoneTheBrowserReports() throws Exception {
        java.time.Instant created =
                tickets.find(myTicket, ClientScope.everything()).orElseThrow().createdAt();
        java.time.format.DateTimeFormatter minute = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
        String tokyo = minute.withZone(java.time.ZoneId.of("Asia/Tokyo")).format(created);
        String utc = minute.withZone(java.time.ZoneOffset.UTC).format(created);

        String inTokyo = body(mvc.perform(get("/tickets/" + myTicket)
                        .cookie(new jakarta.servlet.http.Cookie("kontor_tz", "Asia/Tokyo"))
                        .with(asAgent()))
                .andExpect(status().isOk()));
        String unknownZone = body(mvc.perform(get("/tickets/" + myTicket)
                        .cookie(new jakarta.servlet.http.Cookie("kontor_tz", "Mars/Olympus"))
                        .with(asAgent()))
                .andExpect(status().isOk()));

        assertThat(inTokyo).contains(tokyo).doesNotContain(utc);
        assertThat(unknownZone).as("an unknown zone reads as UTC").contains(utc);
    }

    @Test
    void aTicketOfAnotherClientIsNotFound() throws Exception {
        mvc.perform(get("/tickets/" + theirTicket).with(asAgent())).andExpect(status().isNotFound());
        mvc.perform(post("/tickets/" + theirTicket + "/reply")
                        .param("body", "hi")
                        .with(asAgent())
                        .with(csrf()))
                .andExpect(status().isNotFound());
    }

    @Test
    void replyingWithHtmxAnswersTheWorkspaceAndClearsTheComposer() throws Exception {
        var result = mvc.perform(post("/tickets/" + myTicket + "/reply")
                        .param("body", "Your parcel left today.")
                        .param("then", "pending")
                        .header("HX-Request", "true")
                        .with(asAgent())
                        .with(csrf()))
                .andExpect(status().isOk())
                .andExpect(header().string("HX-Trigger", "kontor:sent"));

        assertThat(body(result))
                .contains("id=\"workspace\"", "Your parcel left today.")
                .doesNotContain("<html");
        assertThat(tickets.find(myTicket, ClientScope.everything())
                        .orElseThrow()
                        .status()
                        .key())
                .isEqualTo("pending");
    }

    @Test
    void anEmptyReplyKeepsTheComposerAndNamesTheField() throws Exception {
        var result = mvc.perform(post("/tickets/" + myTicket + "/reply")
                        .param("body", "  ")
                        .header("HX-Request", "true")
                        .with(asAgent())
                        .with(csrf()))
                .andExpect(status().isOk())
                .andExpect(header().doesNotExist("HX-Trigger"));

        assertThat(body(result)).contains("notice error", "body");
    }

    @Test
    void aNoteFromTheComposerIsInternal() throws Exception {
        mvc.perform(post("/tickets/" + myTicket + "/reply")
                        .param("body", "Customer called, be kind.")
                        .param("mode", "note")
                        .with(asAgent())
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());

        var messages = tickets.details(myTicket, ClientScope.everything()).messages();
        assertThat(messages.get(messages.size() - 1).kind().key()).isEqualTo("note");
    }

    @Test
    void theCsvExportHasOnlyGrantedClientsAndDefusesFormulas() throws Exception {
        fixtures.ticket(myStore, "=HYPERLINK(\"http://evil\")", "x", null);

        String csv = body(
                mvc.perform(get("/inbox/export.csv?view=all").with(asAgent())).andExpect(status().isOk()));

        assertThat(csv).contains("Mine: parcel").doesNotContain("Theirs: refund");
        assertThat(csv).contains("\"'=HYPERLINK(\"\"http://evil\"\")\"");
    }

    @Test
    void pagesNeedASignIn() throws Exception {
        mvc.perform(get("/inbox")).andExpect(status().is3xxRedirection());
        mvc.perform(get("/tickets/" + myTicket)).andExpect(status().is3xxRedirection());
    }

    @Test
    void aTicketInAnotherLanguageSaysPlainlyThatTranslationIsNotConfigured() throws Exception {
        var ingested = fixtures.ticket(myStore, "Pedido", "¿Dónde está mi pedido?", null);
        long spanish = ingested.ticketId();
        fixtures.awaitListenersDone(spanish);
        triage.correct(spanish, ClientScope.everything(), Actor.system(), "es", "other");
        ticketCommands.assign(spanish, ClientScope.everything(), agent.id(), null);
        fixtures.awaitListenersDone(spanish);

        String html = body(mvc.perform(get("/tickets/" + spanish).with(asAgent())));

        assertThat(html).contains("translation-not-configured", "translation is not configured");
        assertThat(html).doesNotContain("translate-preview");
        assertThat(translations.of(java.util.List.of(ingested.messageId())))
                .as("nothing is queued for a provider that does not exist")
                .isEmpty();
    }
}
