package dev.kontor.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.audit.AuditKind;
import dev.kontor.audit.AuditLog;
import dev.kontor.audit.AuditQuery;
import jakarta.servlet.http.Cookie;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Setting up a TOTP second factor, signing in with it (or a recovery code, once), the gate that holds a session
 * whose second factor is owed, wrong codes counting as failed sign-ins, and an admin's reset.
 */
@KontorIntegrationTest
@AutoConfigureMockMvc
class TwoFactorIntegrationTests {

    static final AtomicInteger ADDRESSES = new AtomicInteger((int) (System.nanoTime() & 0xffff));

    @Autowired
    MockMvc mvc;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    TwoFactorManagement twoFactor;

    @Autowired
    DSLContext db;

    @Autowired
    AuditLog audit;

    static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    static String newAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "10.150." + ((n >> 8) & 0xff) + "." + (n & 0xff);
    }

    static String codeAt(byte[] secret, int stepsAhead) {
        return Totp.code(secret, Totp.step(Instant.now()) + stepsAhead);
    }

    /** Sets up a second factor for the user through the pages; answers the secret and the recovery codes. */
    record Enrolled(byte[] secret, List<String> recoveryCodes) {}

    @SuppressWarnings("unchecked")
    Enrolled enrol(UserView user) throws Exception {
        var as = user(Long.toString(user.id())).roles(user.role().name());
        mvc.perform(post("/account/two-factor/start").with(as).with(csrf()));
        String page = mvc.perform(get("/account/two-factor").with(as))
                .andReturn()
                .getResponse()
                .getContentAsString();
        String secretText = page.replaceAll("(?s).*id=\"two-factor-secret\">([A-Z2-7]+)<.*", "$1");
        byte[] secret = Totp.fromBase32(secretText);
        MvcResult confirmed = mvc.perform(post("/account/two-factor/confirm")
                        .param("code", codeAt(secret, 0))
                        .with(as)
                        .with(csrf()))
                .andReturn();
        assertThat(confirmed.getResponse().getRedirectedUrl()).isEqualTo("/account/two-factor");
        return new Enrolled(secret, (List<String>) confirmed.getFlashMap().get("recoveryCodes"));
    }

    /** A browser's session: sessions live in PostgreSQL (Spring Session), found by their cookie. */
    static final class Session {
        Cookie cookie;

        MockHttpServletRequestBuilder with(MockHttpServletRequestBuilder request) {
            return cookie == null ? request : request.cookie(cookie);
        }

        MockHttpServletResponse keep(MockHttpServletResponse response) {
            Cookie fresh = response.getCookie("SESSION");
            if (fresh != null) {
                cookie = fresh;
            }
            return response;
        }
    }

    /** Signs in with the password; answers the session (which owes its second factor when one is set up). */
    Session password(UserView user, String address) throws Exception {
        Session session = new Session();
        var response = session.keep(mvc.perform(post("/login")
                        .param("username", user.email())
                        .param("password", TestFixtures.PASSWORD)
                        .with(csrf())
                        .with(from(address)))
                .andReturn()
                .getResponse());
        assertThat(response.getRedirectedUrl()).isIn("/login/two-factor", "/");
        return session;
    }

    MockHttpServletResponse code(Session session, String code, String address) throws Exception {
        return session.keep(mvc.perform(session.with(post("/login/two-factor"))
                        .param("code", code)
                        .with(csrf())
                        .with(from(address)))
                .andReturn()
                .getResponse());
    }

    String pageStatus(Session session, String path) throws Exception {
        var response =
                session.keep(mvc.perform(session.with(get(path))).andReturn().getResponse());
        return response.getStatus() + " " + response.getRedirectedUrl();
    }

    @Test
    void aUserSetsUpASecondFactorWithTheOtpauthUriAndGetsTenRecoveryCodesOnce() throws Exception {
        UserView agent = fixtures.agent();
        var as = user(Long.toString(agent.id())).roles("AGENT");

        mvc.perform(post("/account/two-factor/start").with(as).with(csrf()));
        String page = mvc.perform(get("/account/two-factor").with(as))
                .andReturn()
                .getResponse()
                .getContentAsString();
        String wrong = mvc.perform(post("/account/two-factor/confirm")
                        .param("code", "000000")
                        .with(as)
                        .with(csrf()))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(page).contains("otpauth://totp/Kontor:" + agent.email().replace("@", "%40") + "?secret=");
        assertThat(page).containsPattern("<svg id=\"two-factor-qr\"[^>]*viewBox=\"0 0 \\d+ \\d+\"");
        assertThat(page).contains(" d=\"M4,4h1v1h-1z");
        assertThat(wrong).contains("id=\"code-error\"");
        assertThat(twoFactor.status(agent.id()).enabled()).isFalse();

        byte[] secret = Totp.fromBase32(page.replaceAll("(?s).*id=\"two-factor-secret\">([A-Z2-7]+)<.*", "$1"));
        MvcResult confirmed = mvc.perform(post("/account/two-factor/confirm")
                        .param("code", codeAt(secret, 0))
                        .with(as)
                        .with(csrf()))
                .andReturn();
        List<?> codes = (List<?>) confirmed.getFlashMap().get("recoveryCodes");
        String after = mvc.perform(get("/account/two-factor").with(as))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(codes).hasSize(10).allSatisfy(c -> assertThat((String) c).matches("[a-z0-9]{5}-[a-z0-9]{5}"));
        assertThat(after).contains("id=\"two-factor-on\"").doesNotContain("id=\"recovery-codes\"");
        assertThat(twoFactor.status(agent.id())).isEqualTo(new TwoFactorManagement.Status(true, false, 10, false));
        var stored = db.fetchOne("select secret_encrypted, (select string_agg(code_hash, ' ') from "
                + "accounts.recovery_code where user_id = " + agent.id() + ") from accounts.two_factor where user_id = "
                + agent.id());
        byte[] encrypted = stored.get(0, byte[].class);
        assertThat(encrypted).hasSize(12 + 20 + 16);
        assertThat(new String(encrypted, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(new String(secret, java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThat(stored.get(1, String.class)).doesNotContain((String) codes.get(0));
    }

    @Test
    void aRightPasswordWithoutTheSecondFactorReachesNothingButTheCodePage() throws Exception {
        UserView agent = fixtures.agent();
        Enrolled enrolled = enrol(agent);
        String address = newAddress();

        Session session = password(agent, address);

        assertThat(pageStatus(session, "/inbox")).isEqualTo("302 /login/two-factor");
        assertThat(pageStatus(session, "/notifications")).isEqualTo("302 /login/two-factor");
        assertThat(pageStatus(session, "/account/two-factor")).isEqualTo("302 /login/two-factor");
        assertThat(pageStatus(session, "/login/two-factor")).startsWith("200");

        var wrong = code(session, "000000", address);
        assertThat(wrong.getContentAsString()).contains("That code is not valid");
        var right = code(session, codeAt(enrolled.secret(), 1), address);
        assertThat(right.getRedirectedUrl()).isEqualTo("/");
        assertThat(pageStatus(session, "/inbox")).startsWith("200");
        assertThat(audit.entries(new AuditQuery(AuditKind.SIGNED_IN, agent.id(), null, null, 0, 5))
                        .entries())
                .singleElement()
                .satisfies(e -> assertThat(e.detail()).isEqualTo("with password and second factor"));
    }

    @Test
    void aRecoveryCodeSignsInOnceAndNeverAgain() throws Exception {
        UserView agent = fixtures.agent();
        Enrolled enrolled = enrol(agent);
        String recovery = enrolled.recoveryCodes().get(3);

        var first = code(password(agent, newAddress()), recovery.toUpperCase(), newAddress());
        var again = code(password(agent, newAddress()), recovery, newAddress());

        assertThat(first.getRedirectedUrl()).isEqualTo("/");
        assertThat(again.getContentAsString()).contains("That code is not valid");
        assertThat(twoFactor.status(agent.id()).recoveryCodesLeft()).isEqualTo(9);
    }

    @Test
    void guessingCodesLocksTheAccountLikeGuessingPasswords() throws Exception {
        UserView agent = fixtures.agent();
        enrol(agent);
        Session session = password(agent, newAddress());

        String last = null;
        for (int i = 0; i < 5; i++) {
            last = code(session, String.format("%06d", i), newAddress()).getRedirectedUrl();
        }

        assertThat(last).isEqualTo("/login?locked");
        assertThat(pageStatus(session, "/inbox")).endsWith("/login");
        MvcResult again = mvc.perform(post("/login")
                        .param("username", agent.email())
                        .param("password", TestFixtures.PASSWORD)
                        .with(csrf())
                        .with(from(newAddress())))
                .andReturn();
        assertThat(again.getResponse().getRedirectedUrl()).isEqualTo("/login?locked");
    }

    @Test
    void anAdminResetsALostSecondFactorAndTheUserSignsInWithThePasswordAgain() throws Exception {
        UserView agent = fixtures.agent();
        enrol(agent);

        int status = mvc.perform(delete("/api/v1/users/" + agent.id() + "/two-factor")
                        .header("Authorization", "Bearer " + fixtures.token(fixtures.admin()))
                        .with(from(newAddress())))
                .andReturn()
                .getResponse()
                .getStatus();
        MvcResult signIn = mvc.perform(post("/login")
                        .param("username", agent.email())
                        .param("password", TestFixtures.PASSWORD)
                        .with(csrf())
                        .with(from(newAddress())))
                .andReturn();

        assertThat(status).isEqualTo(204);
        assertThat(signIn.getResponse().getRedirectedUrl()).isEqualTo("/");
        assertThat(twoFactor.status(agent.id()).enabled()).isFalse();
        assertThat(audit.entries(new AuditQuery(AuditKind.TWO_FACTOR_DISABLED, agent.id(), null, null, 0, 5))
                        .entries())
                .singleElement()
                .satisfies(e -> assertThat(e.detail()).isEqualTo("reset by an admin"));
    }

    @Test
    void turningItOffNeedsACurrentCode() throws Exception {
        UserView agent = fixtures.agent();
        Enrolled enrolled = enrol(agent);
        var as = user(Long.toString(agent.id())).roles("AGENT");

        mvc.perform(post("/account/two-factor/disable")
                .param("code", "123456")
                .with(as)
                .with(csrf()));
        assertThat(twoFactor.status(agent.id()).enabled()).isTrue();

        mvc.perform(post("/account/two-factor/disable")
                .param("code", codeAt(enrolled.secret(), 1))
                .with(as)
                .with(csrf()));
        assertThat(twoFactor.status(agent.id()).enabled()).isFalse();
    }
}
