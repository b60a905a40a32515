package dev.kontor.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A first start without KONTOR_ADMIN_*: the one-time setup page creates the first admin, then disappears. */
class FirstStartProcessTests {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    KontorProcess kontor;
    HttpClient browser = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @AfterEach
    void stop() throws Exception {
        if (kontor != null) {
            kontor.stop();
        }
    }

    @Test
    void theSetupPageCreatesTheFirstAdminOnceAndThenIsGone() throws Exception {
        kontor = new KontorProcess(CrashRecoveryProcessTests.dataDir(), false).start();

        var login = get("/login");
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/setup");

        var invalid = post(
                "/setup",
                Map.of("email", "not-an-address", "displayName", "Ada Admin", "password", "short"),
                csrfOf("/setup"));
        assertThat(invalid.statusCode()).isEqualTo(200);
        assertThat(invalid.body()).contains("class=\"error\"").contains("not-an-address");

        var created = post(
                "/setup",
                Map.of(
                        "email", "ada@example.com",
                        "displayName", "Ada Admin",
                        "password", "a-long-enough-password"),
                csrfOf("/setup"));
        assertThat(created.statusCode()).isEqualTo(302);
        assertThat(created.headers().firstValue("Location").orElseThrow()).endsWith("/login?created");

        var again = get("/setup");
        assertThat(again.statusCode()).isEqualTo(302);
        assertThat(again.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        var secondAdmin = post(
                "/setup",
                Map.of("email", "mallory@example.com", "displayName", "M", "password", "another-long-password"),
                csrfOf("/login"));
        assertThat(secondAdmin.headers().firstValue("Location").orElseThrow()).endsWith("/login");

        var signIn = post(
                "/login",
                Map.of("username", "ada@example.com", "password", "a-long-enough-password"),
                csrfOf("/login"));
        assertThat(signIn.statusCode()).isEqualTo(302);
        assertThat(signIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        assertThat(get("/admin/users").body()).contains("ada@example.com").doesNotContain("mallory@example.com");
    }

    private String csrfOf(String page) throws Exception {
        Matcher m = CSRF.matcher(get(page).body());
        assertThat(m.find()).as("CSRF token on " + page).isTrue();
        return m.group(1);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return browser.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + kontor.port() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, Map<String, String> form, String csrf) throws Exception {
        String body = form.entrySet().stream()
                        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"))
                + "&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
        return browser.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + kontor.port() + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
