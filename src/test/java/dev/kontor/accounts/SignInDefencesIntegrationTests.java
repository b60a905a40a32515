package dev.kontor.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.accounts.SignInThrottle.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Failed sign-ins lock an account (real or made up, alike) and a source address; unknown API tokens lock an
 * address out of the API with 429; admins unlock. Each test signs in from addresses of its own, so no other test
 * sharing this database is locked out.
 */
@KontorIntegrationTest
@AutoConfigureMockMvc
class SignInDefencesIntegrationTests {

    static final AtomicInteger ADDRESSES = new AtomicInteger((int) (System.nanoTime() & 0xffff));

    @Autowired
    MockMvc mvc;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    SignInThrottle throttle;

    @Autowired
    DSLContext db;

    @Autowired
    AccountManagement accounts;

    @Autowired
    SignInSettings settings;

    @Autowired
    dev.kontor.audit.AuditLog audit;

    static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    static String newAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "10." + ((n >> 16) & 0xff) + "." + ((n >> 8) & 0xff) + "." + (n & 0xff);
    }

    String signIn(String email, String password, String address) throws Exception {
        MockHttpServletResponse response = mvc.perform(post("/login")
                        .param("username", email)
                        .param("password", password)
                        .with(csrf())
                        .with(from(address)))
                .andReturn()
                .getResponse();
        return response.getRedirectedUrl();
    }

    @Test
    void fiveWrongPasswordsLockTheAccountEvenAgainstTheRightOneUntilAnAdminUnlocksIt() throws Exception {
        UserView agent = fixtures.agent();

        for (int i = 1; i < settings.maxAccountFailures(); i++) {
            assertThat(signIn(agent.email(), "wrong-" + i, newAddress())).isEqualTo("/login?error");
        }
        assertThat(signIn(agent.email(), "wrong-last", newAddress())).isEqualTo("/login?locked");
        assertThat(signIn(agent.email().toUpperCase(), TestFixtures.PASSWORD, newAddress()))
                .isEqualTo("/login?locked");

        UserView admin = fixtures.admin();
        mvc.perform(delete("/api/v1/users/" + agent.id() + "/sign-in-lock")
                        .header("Authorization", "Bearer " + fixtures.token(admin))
                        .with(from(newAddress())))
                .andExpect(r -> assertThat(r.getResponse().getStatus()).isEqualTo(204));

        assertThat(signIn(agent.email(), TestFixtures.PASSWORD, newAddress())).isEqualTo("/");
    }

    @Test
    void aMadeUpAccountGetsExactlyTheAnswersOfARealOne() throws Exception {
        UserView agent = fixtures.agent();
        String madeUp = TestFixtures.unique("nobody") + "@example.com";

        for (int i = 0; i < settings.maxAccountFailures() + 1; i++) {
            assertThat(signIn(madeUp, "wrong", newAddress())).isEqualTo(signIn(agent.email(), "wrong", newAddress()));
        }
        assertThat(signIn(madeUp, "wrong", newAddress())).isEqualTo("/login?locked");
    }

    @Test
    void oneAddressTryingManyAccountsIsLockedWhileOtherAddressesSignIn() throws Exception {
        String attacker = newAddress();
        UserView agent = fixtures.agent();

        for (int i = 1; i < settings.maxAddressFailures(); i++) {
            assertThat(signIn(TestFixtures.unique("guess") + "@example.com", "wrong", attacker))
                    .isEqualTo("/login?error");
        }
        assertThat(signIn(TestFixtures.unique("guess") + "@example.com", "wrong", attacker))
                .isEqualTo("/login?locked");

        assertThat(signIn(agent.email(), TestFixtures.PASSWORD, attacker)).isEqualTo("/login?locked");
        assertThat(signIn(agent.email(), TestFixtures.PASSWORD, newAddress())).isEqualTo("/");
    }

    @Test
    void aSuccessfulSignInForgetsEarlierFailures() throws Exception {
        UserView agent = fixtures.agent();
        for (int i = 1; i < settings.maxAccountFailures(); i++) {
            signIn(agent.email(), "wrong", newAddress());
        }
        assertThat(signIn(agent.email(), TestFixtures.PASSWORD, newAddress())).isEqualTo("/");

        assertThat(signIn(agent.email(), "wrong again", newAddress())).isEqualTo("/login?error");
    }

    @Test
    void unknownApiTokensLockTheAddressOutOfTheApiWith429AndRetryAfter() throws Exception {
        String scanner = newAddress();
        String valid = fixtures.token(fixtures.agent());

        for (int i = 1; i < settings.maxTokenFailures(); i++) {
            int status = mvc.perform(get("/api/v1/me")
                            .header("Authorization", "Bearer kt_guess" + i)
                            .with(from(scanner)))
                    .andReturn()
                    .getResponse()
                    .getStatus();
            assertThat(status).isEqualTo(401);
        }
        var locked = mvc.perform(get("/api/v1/me")
                        .header("Authorization", "Bearer kt_last")
                        .with(from(scanner)))
                .andReturn()
                .getResponse();
        var evenValid = mvc.perform(get("/api/v1/me")
                        .header("Authorization", "Bearer " + valid)
                        .with(from(scanner)))
                .andReturn()
                .getResponse();
        var elsewhere = mvc.perform(get("/api/v1/me")
                        .header("Authorization", "Bearer " + valid)
                        .with(from(newAddress())))
                .andReturn()
                .getResponse();

        assertThat(locked.getStatus()).isEqualTo(429);
        assertThat(Long.parseLong(locked.getHeader("Retry-After")))
                .isBetween(1L, settings.tokenLockout().toSeconds());
        assertThat(locked.getContentType()).isEqualTo("application/problem+json");
        assertThat(evenValid.getStatus()).isEqualTo(429);
        assertThat(elsewhere.getStatus()).isEqualTo(200);

        String admin = fixtures.token(fixtures.admin());
        var lock = throttle.locks().stream()
                .filter(l -> l.kind() == Kind.TOKEN && l.key().equals(scanner))
                .findFirst()
                .orElseThrow();
        var listed = mvc.perform(get("/api/v1/sign-in-locks").header("Authorization", "Bearer " + admin))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(listed).contains(scanner);
        mvc.perform(delete("/api/v1/sign-in-locks/" + lock.id()).header("Authorization", "Bearer " + admin))
                .andExpect(r -> assertThat(r.getResponse().getStatus()).isEqualTo(200));
        assertThat(mvc.perform(get("/api/v1/me")
                                .header("Authorization", "Bearer " + valid)
                                .with(from(scanner)))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);
    }

    @Test
    void onlyAdminsSeeAndLiftLocks() throws Exception {
        String agent = fixtures.token(fixtures.agent());

        int list = mvc.perform(get("/api/v1/sign-in-locks").header("Authorization", "Bearer " + agent))
                .andReturn()
                .getResponse()
                .getStatus();
        int lift = mvc.perform(delete("/api/v1/sign-in-locks/1").header("Authorization", "Bearer " + agent))
                .andReturn()
                .getResponse()
                .getStatus();

        assertThat(list).isEqualTo(403);
        assertThat(lift).isEqualTo(403);
    }

    @Test
    void anAdminSeesTheLockOnTheUsersPagesAndUnlocksThere() throws Exception {
        UserView agent = fixtures.agent();
        for (int i = 0; i < settings.maxAccountFailures(); i++) {
            signIn(agent.email(), "wrong", newAddress());
        }
        var admin = user(Long.toString(fixtures.admin().id())).roles("ADMIN");

        String list = mvc.perform(get("/admin/users").with(admin))
                .andReturn()
                .getResponse()
                .getContentAsString();
        String page = mvc.perform(get("/admin/users/" + agent.id()).with(admin))
                .andReturn()
                .getResponse()
                .getContentAsString();
        mvc.perform(post("/admin/users/" + agent.id() + "/unlock").with(admin).with(csrf()));

        assertThat(list).contains("id=\"sign-in-locks\"", agent.email().toLowerCase());
        assertThat(page).contains("id=\"sign-in-lock\"");
        assertThat(throttle.lockOf(agent.id())).isEmpty();
        assertThat(signIn(agent.email(), TestFixtures.PASSWORD, newAddress())).isEqualTo("/");
    }

    @Test
    void aLockEndsByItselfAndTheCountStartsAfresh() {
        String email = TestFixtures.unique("clock") + "@example.com";
        Instant start = Instant.parse("2030-01-01T10:00:00Z");
        SignInThrottle atStart = at(start);
        for (int i = 0; i < settings.maxAccountFailures(); i++) {
            atStart.signInFailed(email, newAddress());
        }
        assertThat(atStart.signInLockedUntil(email, newAddress())).contains(start.plus(settings.lockout()));

        SignInThrottle later = at(start.plus(settings.lockout()).plusSeconds(1));
        assertThat(later.signInLockedUntil(email, newAddress())).isEmpty();
        assertThat(later.signInFailed(email, newAddress())).isFalse();
        assertThat(later.signInLockedUntil(email, newAddress())).isEmpty();
    }

    @Test
    void failuresOutsideTheWindowDoNotAddUp() {
        String email = TestFixtures.unique("window") + "@example.com";
        Instant start = Instant.parse("2031-01-01T10:00:00Z");
        for (int i = 1; i < settings.maxAccountFailures(); i++) {
            at(start).signInFailed(email, newAddress());
        }

        boolean locked =
                at(start.plus(settings.window()).plus(Duration.ofMinutes(1))).signInFailed(email, newAddress());

        assertThat(locked).isFalse();
    }

    SignInThrottle at(Instant now) {
        return new SignInThrottle(db, Clock.fixed(now, ZoneOffset.UTC), settings, accounts, audit);
    }
}
