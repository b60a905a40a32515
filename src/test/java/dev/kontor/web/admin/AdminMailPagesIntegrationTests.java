package dev.kontor.web.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.channels.ConnectionCheck;
import dev.kontor.channels.MailboxManagement;
import java.net.ServerSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

@KontorIntegrationTest
@AutoConfigureMockMvc
class AdminMailPagesIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    MailboxManagement mail;

    RequestPostProcessor admin;

    @BeforeEach
    void setUp() {
        admin = user(Long.toString(fixtures.admin().id())).roles("ADMIN");
    }

    private MockHttpServletRequestBuilder mailboxForm(String path, long storeId, String from, int port) {
        return post(path)
                .param("storeId", Long.toString(storeId))
                .param("imapHost", "127.0.0.1")
                .param("imapPort", Integer.toString(port))
                .param("imapSecurity", "none")
                .param("imapUser", from)
                .param("imapPassword", "imap-secret")
                .param("folder", "INBOX")
                .param("smtpHost", "127.0.0.1")
                .param("smtpPort", Integer.toString(port))
                .param("smtpSecurity", "none")
                .param("smtpUser", from)
                .param("smtpPassword", "smtp-secret")
                .param("fromAddress", from)
                .param("fromName", "Support")
                .param("signature", "")
                .param("pollSeconds", "86400")
                .param("active", "true");
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void anAdminCreatesAMailboxAndTestsTheConnectionAndSeesTheExactError() throws Exception {
        var store = fixtures.store(fixtures.client());
        String from = TestFixtures.unique("help") + "@shop.test";
        mvc.perform(mailboxForm("/admin/mailboxes", store.id(), from, closedPort())
                        .with(admin)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        var created = mail.mailboxes().stream()
                .filter(m -> m.fromAddress().equals(from))
                .findFirst()
                .orElseThrow();

        String list = mvc.perform(get("/admin/mailboxes").with(admin))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(list).contains(from).contains(store.name()).doesNotContain("imap-secret");

        var result = mvc.perform(post("/admin/mailboxes/" + created.id() + "/check")
                        .with(admin)
                        .with(csrf()))
                .andExpect(status().isOk())
                .andReturn();
        ConnectionCheck check =
                (ConnectionCheck) result.getModelAndView().getModel().get("check");
        assertThat(check.imapError()).contains("Connection refused");
        assertThat(check.smtpError()).contains("Connection refused");
        assertThat(result.getResponse().getContentAsString())
                .contains("IMAP: ")
                .contains("Connection refused")
                .doesNotContain("smtp-secret");
    }

    @Test
    void anInvalidMailboxKeepsWhatWasTypedAndNamesTheField() throws Exception {
        var store = fixtures.store(fixtures.client());
        String html = mvc.perform(mailboxForm("/admin/mailboxes", store.id(), "not-an-address", 99999)
                        .with(admin)
                        .with(csrf()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(html).contains("not-an-address").contains("class=\"error\"");
        assertThat(mail.mailboxes()).noneMatch(m -> m.fromAddress().equals("not-an-address"));
    }

    @Test
    void theQuarantinePageIsForAdminsOnly() throws Exception {
        mvc.perform(get("/admin/mail-quarantine").with(admin)).andExpect(status().isOk());
        mvc.perform(get("/admin/mailboxes")
                        .with(user(Long.toString(fixtures.agent().id())).roles("AGENT")))
                .andExpect(status().isForbidden());
    }
}
