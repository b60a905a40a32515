package dev.kontor.knowledge;

import static dev.kontor.knowledge.KnowledgeBaseIntegrationTests.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.kontor.ApiClient;
import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.accounts.Role;
import dev.kontor.accounts.UserView;
import dev.kontor.clients.ClientView;
import dev.kontor.knowledge.KnowledgeCommands.Author;
import dev.kontor.knowledge.KnowledgeCommands.SaveArticle;
import dev.kontor.shared.ClientScope;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Articles through the API and the admin pages with two clients: whoever serves client A never reads, finds,
 * changes or exports B's; agents read and search but do not write; bad input and bad import rows answer a
 * problem naming the field (and the row), and a bad import writes nothing.
 */
@KontorIntegrationTest
@AutoConfigureMockMvc
class KnowledgeAccessIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    KnowledgeBase knowledge;

    static RequestPostProcessor as(UserView user) {
        return user(Long.toString(user.id())).roles(user.role().name());
    }

    ArticleView article(ClientView c, String title, String body) {
        return knowledge.create(
                ClientScope.everything(),
                new Author(null, "Editor"),
                new SaveArticle(c.id(), "internal", "returns", null, List.of(), List.of(), texts("en", title, body)));
    }

    @Test
    void theApiKeepsEachClientsArticlesToThoseWhoServeIt() {
        ClientView a = fixtures.client();
        ClientView b = fixtures.client();
        ArticleView ofA = article(a, "Returns of A", "Thirty days.");
        ArticleView ofB = article(b, "Returns of B", "Secret of B, thirty days.");
        ApiClient agentOfA = new ApiClient(port, fixtures.token(fixtures.agent(a)));
        ApiClient supervisorOfA = new ApiClient(port, fixtures.token(fixtures.user(Role.SUPERVISOR, a)));

        assertThat(agentOfA.get("/api/v1/articles").json().findValuesAsString("title"))
                .contains("Returns of A")
                .doesNotContain("Returns of B");
        assertThat(agentOfA.get("/api/v1/articles/" + ofA.id()).status()).isEqualTo(200);
        assertThat(agentOfA.get("/api/v1/articles/" + ofB.id()).status()).isEqualTo(404);
        assertThat(agentOfA.get("/api/v1/articles/" + ofB.id() + "/revisions").status())
                .isEqualTo(404);
        assertThat(agentOfA.get("/api/v1/articles/search?q=thirty").json().findValuesAsString("title"))
                .containsExactly("Returns of A");
        assertThat(agentOfA.get("/api/v1/articles/search?q=thirty&clientId=" + b.id())
                        .json()
                        .size())
                .isZero();
        assertThat(agentOfA.post(
                                "/api/v1/articles",
                                ApiClient.json(Map.of(
                                        "clientId",
                                        a.id(),
                                        "variants",
                                        Map.of("en", Map.of("title", "x", "body", "y")))))
                        .status())
                .isEqualTo(403);
        assertThat(supervisorOfA
                        .put(
                                "/api/v1/articles/" + ofB.id(),
                                ApiClient.json(
                                        Map.of("variants", Map.of("en", Map.of("title", "Taken", "body", "over")))))
                        .status())
                .isEqualTo(404);
        assertThat(supervisorOfA.get("/api/v1/clients/" + b.id() + "/articles").status())
                .isEqualTo(404);
        assertThat(supervisorOfA
                        .get("/api/v1/clients/" + b.id() + "/articles.csv")
                        .status())
                .isEqualTo(404);

        var bad = supervisorOfA.post(
                "/api/v1/articles",
                ApiClient.json(Map.of(
                        "clientId",
                        a.id(),
                        "visibility",
                        "everyone",
                        "variants",
                        Map.of("de", Map.of("title", "", "body", "Nur Text")))));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.raw().body()).contains("variants.de.title").contains("visibility");

        var created = supervisorOfA.post(
                "/api/v1/articles",
                ApiClient.json(Map.of(
                        "clientId",
                        a.id(),
                        "visibility",
                        "public",
                        "policyKind",
                        "shipping",
                        "variants",
                        Map.of("de", Map.of("title", "Versand", "body", "In 24 Stunden.")))));
        assertThat(created.status()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        supervisorOfA.put(
                "/api/v1/articles/" + id,
                ApiClient.json(Map.of(
                        "visibility",
                        "public",
                        "policyKind",
                        "shipping",
                        "variants",
                        Map.of("de", Map.of("title", "Versand", "body", "In 48 Stunden.")))));
        var revisions = supervisorOfA.get("/api/v1/articles/" + id + "/revisions?language=de");
        assertThat(revisions.json().findValuesAsString("body")).containsExactly("In 48 Stunden.", "In 24 Stunden.");
        long first = revisions.json().get(1).get("id").asLong();
        var restored = supervisorOfA.post("/api/v1/articles/" + id + "/revisions/" + first + "/restore", "");
        assertThat(restored.status()).isEqualTo(200);
        assertThat(restored.json().findValuesAsString("body")).containsExactly("In 24 Stunden.");
    }

    @Test
    void importsAreAllOrNothingAndNameTheBadRowAndField() {
        ClientView a = fixtures.client();
        ClientView b = fixtures.client();
        article(a, "Warranty", "Two years.");
        ApiClient supervisorOfA = new ApiClient(port, fixtures.token(fixtures.user(Role.SUPERVISOR, a)));

        String csv = supervisorOfA
                .get("/api/v1/clients/" + a.id() + "/articles.csv")
                .raw()
                .body();
        assertThat(csv).startsWith("article,visibility,policy_kind").contains(",Warranty,Two years.");

        String bad = "article,visibility,policy_kind,categories,language,title,body\r\n"
                + "1,public,returns,return,en,Returns,\"Within 30 days, free.\"\r\n"
                + "1,public,returns,return,de,Rücksendungen,Binnen 30 Tagen.\r\n"
                + "2,internal,none,,fr,,Sans titre\r\n"
                + "3,secret,none,,it,Titolo,Testo\r\n";
        var refused = supervisorOfA.postBytes(
                "/api/v1/clients/" + a.id() + "/articles", "text/csv", bad.getBytes(StandardCharsets.UTF_8));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.raw().body()).contains("row 4: title").contains("row 5: visibility");
        assertThat(knowledge.articles(ClientScope.everything(), a.id(), null)).hasSize(1);

        String good = bad.lines().limit(3).reduce("", (x, y) -> x + y + "\n");
        var imported = supervisorOfA.postBytes(
                "/api/v1/clients/" + a.id() + "/articles", "text/csv", good.getBytes(StandardCharsets.UTF_8));
        assertThat(imported.status()).isEqualTo(200);
        assertThat(imported.json().get("created").asInt()).isEqualTo(1);
        ArticleView returns = knowledge.articles(ClientScope.everything(), a.id(), null).stream()
                .filter(x -> x.policyKind().equals("returns") && x.isPublic())
                .findFirst()
                .orElseThrow();
        assertThat(returns.languages()).containsExactly("en", "de");
        assertThat(returns.variant("en").orElseThrow().body()).isEqualTo("Within 30 days, free.");

        var json = supervisorOfA.get("/api/v1/clients/" + a.id() + "/articles");
        var intoB = new ApiClient(port, fixtures.token(fixtures.user(Role.SUPERVISOR, b)))
                .post("/api/v1/clients/" + b.id() + "/articles", json.raw().body());
        assertThat(intoB.status()).isEqualTo(200);
        assertThat(intoB.json().get("created").asInt()).isEqualTo(2);
        var again = supervisorOfA.post(
                "/api/v1/clients/" + a.id() + "/articles", json.raw().body());
        assertThat(again.json().get("updated").asInt()).isEqualTo(2);
        assertThat(supervisorOfA
                        .post(
                                "/api/v1/clients/" + a.id() + "/articles",
                                "{\"articles\":[{\"variants\":{\"en\":{\"title\":\"T\",\"body\":\"B\"}},"
                                        + "\"categories\":[\"wismo\"]}]}")
                        .raw()
                        .body())
                .contains("articles[0].categories");
    }

    @Test
    void theAdminPagesShowOnlyTheViewersClientsAndKeepAgentsOut() throws Exception {
        ClientView a = fixtures.client();
        ClientView b = fixtures.client();
        ArticleView ofA = article(a, "Visible to A", "a");
        ArticleView ofB = article(b, "Hidden from A", "b");
        UserView supervisor = fixtures.user(Role.SUPERVISOR, a);

        String page = mvc.perform(get("/knowledge").with(as(supervisor)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains("Visible to A")
                .doesNotContain("Hidden from A")
                .doesNotContain(b.name());
        assertThat(mvc.perform(get("/knowledge/articles/" + ofA.id()).with(as(supervisor)))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("Visible to A")
                .contains("/knowledge/articles/" + ofA.id() + "/revisions?language=en");
        assertThat(mvc.perform(get("/knowledge/articles/" + ofA.id() + "/revisions?language=en")
                                .with(as(supervisor)))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("Editor");
        assertThat(mvc.perform(get("/knowledge?client=" + a.id() + "&q=visible").with(as(supervisor)))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("search-results")
                .contains("Visible to A");
        mvc.perform(get("/knowledge/articles/" + ofB.id()).with(as(supervisor))).andExpect(status().isNotFound());
        mvc.perform(get("/knowledge/articles/" + ofB.id() + "/revisions").with(as(supervisor)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/knowledge").with(as(fixtures.agent(a)))).andExpect(status().isForbidden());

        String refused = mvc.perform(post("/knowledge/articles")
                        .with(as(supervisor))
                        .with(csrf())
                        .param("clientId", String.valueOf(a.id()))
                        .param("visibility", "public")
                        .param("policyKind", "none")
                        .param("newLanguage", "fr")
                        .param("newTitle", "")
                        .param("newBody", "Texte"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(refused).contains("variants.fr.title");

        mvc.perform(post("/knowledge/articles")
                        .with(as(supervisor))
                        .with(csrf())
                        .param("clientId", String.valueOf(a.id()))
                        .param("visibility", "public")
                        .param("policyKind", "warranty")
                        .param("category", "damaged_or_defective")
                        .param("tags", "Garantie, defekt")
                        .param("newLanguage", "de")
                        .param("newTitle", "Garantie")
                        .param("newBody", "Zwei Jahre."))
                .andExpect(status().is3xxRedirection());
        assertThat(knowledge.policiesFor(a.id(), "damaged_or_defective", "de"))
                .extracting(PolicyArticle::title)
                .contains("Garantie");
        mvc.perform(post("/knowledge/articles")
                        .with(as(supervisor))
                        .with(csrf())
                        .param("clientId", String.valueOf(b.id()))
                        .param("newLanguage", "en")
                        .param("newTitle", "Into B")
                        .param("newBody", "x"))
                .andExpect(status().isNotFound());

        String csv = "language,title,body\nen,,No title\n";
        String importPage = mvc.perform(multipart("/knowledge/clients/" + a.id() + "/import")
                        .file(new MockMultipartFile("file", "a.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
                        .with(as(supervisor))
                        .with(csrf()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(importPage).contains("row 2: title");
    }
}
