package dev.kontor.web.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.imports.ImportManagement;
import dev.kontor.imports.ImportStatus;
import dev.kontor.shared.ClientScope;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

@KontorIntegrationTest
@AutoConfigureMockMvc
class AdminImportPagesIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    ImportManagement imports;

    RequestPostProcessor admin;

    @BeforeEach
    void setUp() {
        admin = user(Long.toString(fixtures.admin().id())).roles("ADMIN");
    }

    @Test
    void anUploadedFileIsImportedAndItsPageShowsProgressAndTheLinesWithErrors() throws Exception {
        var client = fixtures.client();
        fixtures.store(client);
        String file = "{\"externalId\":\"p1\",\"customer\":{\"email\":\"page@example.org\"},\"messages\":[{\"kind\":"
                + "\"inbound\",\"createdAt\":\"2024-01-01T10:00:00Z\",\"text\":\"Hello\"}]}\n"
                + "{\"externalId\":\"p2\",\"customer\":{\"email\":\"page@example.org\"},\"messages\":[]}\n";

        String location = mvc.perform(multipart("/admin/imports")
                        .file(new MockMultipartFile(
                                "file", "history.jsonl", "application/x-ndjson", file.getBytes(StandardCharsets.UTF_8)))
                        .param("clientId", Long.toString(client.id()))
                        .param("source", "page-test")
                        .param("format", "jsonl")
                        .with(admin)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> imports.find(id, ClientScope.everything()).status() == ImportStatus.FINISHED);

        String page = mvc.perform(get("/admin/imports/" + id).with(admin))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("history.jsonl", "import-progress", "import-errors", "messages", "<html");
        assertThat(page).containsPattern("<td>2</td>\\s*<td><code>messages</code></td>");

        String fragment = mvc.perform(
                        get("/admin/imports/" + id).header("HX-Request", "true").with(admin))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(fragment).contains("import-progress").doesNotContain("<html", "import-errors");

        String list = mvc.perform(get("/admin/imports").with(admin))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(list).contains("history.jsonl", "page-test");
    }

    @Test
    void anUploadWithoutClientOrFileNamesTheFieldsAndAgentsAreTurnedAway() throws Exception {
        String html = mvc.perform(multipart("/admin/imports")
                        .param("source", "x")
                        .param("format", "jsonl")
                        .with(admin)
                        .with(csrf()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(html).contains("class=\"error\"", "file:");

        var agent = fixtures.agent();
        mvc.perform(get("/admin/imports").with(user(Long.toString(agent.id())).roles("AGENT")))
                .andExpect(status().isForbidden());
    }
}
