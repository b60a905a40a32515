package dev.kontor.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.audit.AuditKind;
import dev.kontor.audit.AuditLog;
import dev.kontor.audit.AuditQuery;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Sign-in through a real OpenID Connect server started by the test (authorization code flow with discovery, JWKS,
 * token and user-info endpoints): a provider user with a Kontor user's e-mail signs in as that user; anyone else
 * is refused, unless creating users is allowed.
 */
@KontorIntegrationTest
class OidcSignInIntegrationTests {

    static final MockOAuth2Server PROVIDER = new MockOAuth2Server();

    static {
        PROVIDER.start();
    }

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        String prefix = "spring.security.oauth2.client.registration.company-idp.";
        registry.add(prefix + "client-id", () -> "kontor");
        registry.add(prefix + "client-secret", () -> "kontor-secret");
        registry.add(prefix + "client-name", () -> "Company IdP");
        registry.add(prefix + "scope", () -> "openid,email,profile");
        registry.add(prefix + "authorization-grant-type", () -> "authorization_code");
        registry.add(prefix + "redirect-uri", () -> "{baseUrl}/login/oauth2/code/{registrationId}");
        registry.add(
                "spring.security.oauth2.client.provider.company-idp.issuer-uri",
                () -> PROVIDER.issuerUrl("default").toString());
    }

    @AfterAll
    static void stop() {
        PROVIDER.shutdown();
    }

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    AuditLog audit;

    @Autowired
    AccountManagement accounts;

    @Autowired
    OidcSettings settings;

    /** A browser: keeps cookies, follows redirects itself and remembers where they went. */
    final class Browser {
        final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        final List<String> visited = new ArrayList<>();

        HttpResponse<String> open(String path) throws Exception {
            URI uri = URI.create("http://localhost:" + port).resolve(path);
            for (int hops = 0; hops < 10; hops++) {
                visited.add(uri.toString());
                var response =
                        http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
                var location = response.headers().firstValue("Location");
                if (response.statusCode() / 100 != 3 || location.isEmpty()) {
                    return response;
                }
                uri = uri.resolve(location.get());
            }
            throw new IllegalStateException("too many redirects: " + visited);
        }
    }

    void providerSignsIn(String email, boolean verified) {
        PROVIDER.enqueueCallback(new DefaultOAuth2TokenCallback(
                "default",
                "subject-" + email,
                "JWT",
                null,
                Map.of("email", email, "email_verified", verified, "name", "Provider Name"),
                3600L));
    }

    @Test
    void theLoginPageOffersTheProvider() throws Exception {
        var page = new Browser().open("/login");

        assertThat(page.body()).contains("Sign in with Company IdP", "/oauth2/authorization/company-idp");
    }

    @Test
    void aProviderUserWithAKontorUsersEmailSignsInAsThatUser() throws Exception {
        UserView agent = fixtures.agent();
        providerSignsIn(agent.email().toUpperCase(), true);
        Browser browser = new Browser();

        var landing = browser.open("/oauth2/authorization/company-idp");
        var inbox = browser.open("/inbox");

        assertThat(browser.visited)
                .anySatisfy(u -> assertThat(u).startsWith(PROVIDER.issuerUrl("default") + "/authorize"));
        assertThat(landing.statusCode()).isEqualTo(200);
        assertThat(inbox.statusCode()).isEqualTo(200);
        assertThat(inbox.body()).contains(agent.displayName());
        assertThat(audit.entries(new AuditQuery(AuditKind.SIGNED_IN, agent.id(), null, null, 0, 5))
                        .entries())
                .singleElement()
                .satisfies(e -> assertThat(e.detail()).isEqualTo("with OpenID Connect company-idp"));
    }

    @Test
    void aProviderUserWithoutAKontorUserIsRefusedAndNothingIsCreated() throws Exception {
        String stranger = TestFixtures.unique("stranger") + "@example.com";
        providerSignsIn(stranger, true);
        Browser browser = new Browser();

        var page = browser.open("/oauth2/authorization/company-idp");
        var inbox = browser.open("/inbox");

        assertThat(browser.visited).anySatisfy(u -> assertThat(u).endsWith("/login?oidc-error"));
        assertThat(page.body()).contains("id=\"oidc-error\"");
        assertThat(inbox.body()).contains("name=\"password\"");
        assertThat(accounts.userByEmail(stranger)).isEmpty();
    }

    @Test
    void anUnverifiedEmailOrADeactivatedUserIsRefused() throws Exception {
        UserView agent = fixtures.agent();
        providerSignsIn(agent.email(), false);
        Browser unverified = new Browser();
        unverified.open("/oauth2/authorization/company-idp");

        UserView gone = fixtures.agent();
        accounts.updateUser(
                gone.id(),
                new AccountCommands.UpdateUser(
                        gone.displayName(), gone.role(), gone.locale(), gone.languages(), false));
        providerSignsIn(gone.email(), true);
        Browser deactivated = new Browser();
        deactivated.open("/oauth2/authorization/company-idp");

        assertThat(unverified.visited).anySatisfy(u -> assertThat(u).endsWith("/login?oidc-error"));
        assertThat(deactivated.visited).anySatisfy(u -> assertThat(u).endsWith("/login?oidc-error"));
        assertThat(audit.entries(new AuditQuery(AuditKind.SIGN_IN_FAILED, gone.id(), null, null, 0, 5))
                        .entries())
                .singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("deactivated"));
    }

    @Test
    void whenAllowedAnUnknownProviderUserBecomesANewAgentWithoutAccess() {
        var creating = new ExternalSignIn(accounts, new OidcSettings(true, Role.AGENT), audit);
        String email = TestFixtures.unique("newcomer") + "@example.com";

        UserView created = creating.user("company-idp", email, true, "New Comer");

        assertThat(created.email()).isEqualTo(email);
        assertThat(created.displayName()).isEqualTo("New Comer");
        assertThat(created.role()).isEqualTo(Role.AGENT);
        assertThat(created.clientIds()).isEmpty();
        assertThat(creating.user("company-idp", email, true, "Again").id()).isEqualTo(created.id());
        assertThat(settings.createUsers()).isFalse();
        assertThatThrownBy(() -> creating.user("company-idp", null, true, "x"))
                .isInstanceOf(ExternalSignIn.Refused.class);
    }
}
