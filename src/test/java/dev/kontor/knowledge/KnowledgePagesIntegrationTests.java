package dev.kontor.knowledge;

import static dev.kontor.knowledge.KnowledgeBaseIntegrationTests.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.accounts.UserView;
import dev.kontor.clients.ClientView;
import dev.kontor.clients.StoreView;
import dev.kontor.knowledge.KnowledgeCommands.Author;
import dev.kontor.knowledge.KnowledgeCommands.SaveArticle;
import dev.kontor.knowledge.KnowledgeCommands.VariantText;
import dev.kontor.shared.ClientScope;
import dev.kontor.tickets.TicketManagement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The knowledge panel on the ticket page (only the ticket's client's articles, excerpts in the customer's
 * language) and the public article page (public articles only, text escaped, no sign-in).
 */
@KontorIntegrationTest
@AutoConfigureMockMvc
class KnowledgePagesIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    KnowledgeBase knowledge;

    @Autowired
    TicketManagement tickets;

    static RequestPostProcessor as(UserView user) {
        return user(Long.toString(user.id())).roles(user.role().name());
    }

    ArticleView article(
            ClientView c, String visibility, String url, List<String> categories, Map<String, VariantText> t) {
        return knowledge.create(
                ClientScope.everything(),
                new Author(null, "Editor"),
                new SaveArticle(c.id(), visibility, "returns", url, categories, List.of(), t));
    }

    long ticket(StoreView store, String language, String category) {
        long id = fixtures.ticket(store, "Retour", "Je veux retourner ma commande.", null)
                .ticketId();
        fixtures.awaitListenersDone(id);
        tickets.correctTriage(id, ClientScope.everything(), language, category);
        fixtures.awaitListenersDone(id);
        return id;
    }

    String page(String url, UserView viewer) throws Exception {
        return mvc.perform(get(url).with(as(viewer)).header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    @Test
    void thePanelShowsTheTicketsClientsArticlesWithExcerptsInTheCustomersLanguage() throws Exception {
        ClientView a = fixtures.client();
        ClientView b = fixtures.client();
        StoreView storeA = fixtures.store(a);
        StoreView storeB = fixtures.store(b);
        ArticleView returns = article(
                a,
                "public",
                null,
                List.of("return"),
                texts("en", "Returns", "Send it back within 30 days.", "fr", "Retours", "Renvoyez-le sous 30 jours."));
        article(a, "internal", null, List.of("invoice"), texts("en", "Invoices", "Ask accounting."));
        article(b, "public", null, List.of("return"), texts("en", "Returns of B", "Secret of B."));
        long ticketA = ticket(storeA, "fr", "return");
        long ticketB = ticket(storeB, "en", "return");
        UserView agent = fixtures.agent(a);

        String panel = page("/tickets/" + ticketA + "/knowledge", agent);
        assertThat(panel)
                .doesNotContain("<html")
                .contains("Returns")
                .contains("Renvoyez-le sous 30 jours.")
                .contains("/help/" + a.key() + "/" + returns.id() + "/fr")
                .doesNotContain("Invoices")
                .doesNotContain("Secret of B");
        assertThat(page("/tickets/" + ticketA + "/knowledge/search?q=accounting", agent))
                .contains("Invoices")
                .doesNotContain("/help/");
        assertThat(page("/tickets/" + ticketA + "/knowledge/search?q=secret", agent))
                .doesNotContain("Secret of B");
        mvc.perform(get("/tickets/" + ticketB + "/knowledge").with(as(agent))).andExpect(status().isNotFound());
        mvc.perform(get("/tickets/" + ticketB + "/knowledge/search?q=returns").with(as(agent)))
                .andExpect(status().isNotFound());

        String ticketPage = mvc.perform(get("/tickets/" + ticketA).with(as(agent)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(ticketPage).contains("hx-get=\"/tickets/" + ticketA + "/knowledge\"");
    }

    @Test
    void publicArticlesAreReadableWithoutSignInAndInternalOnesAreNot() throws Exception {
        ClientView a = fixtures.client();
        ArticleView open = article(
                a,
                "public",
                null,
                List.of(),
                texts(
                        "en",
                        "Returns",
                        "**Free** returns. <script>alert(1)</script>\n\n- one\n- two\n\n[Label](https://shop.example/label)",
                        "de",
                        "Rücksendungen",
                        "Kostenlos."));
        ArticleView internal = article(a, "internal", null, List.of(), texts("en", "Internal", "Staff only."));

        String html = mvc.perform(get("/help/" + a.key() + "/" + open.id() + "/en"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(html)
                .contains("<strong>Free</strong>")
                .contains("&lt;script&gt;")
                .doesNotContain("<script>alert")
                .contains("<li>one</li>")
                .contains("<a href=\"https://shop.example/label\" rel=\"nofollow noopener noreferrer\"");
        assertThat(mvc.perform(get("/help/" + a.key() + "/" + open.id() + "/it"))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("Free");
        mvc.perform(get("/help/" + a.key() + "/" + internal.id() + "/en")).andExpect(status().isNotFound());
        mvc.perform(get("/help/" + fixtures.client().key() + "/" + open.id() + "/en"))
                .andExpect(status().isNotFound());
    }
}
