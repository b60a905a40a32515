package dev.kontor.interpreting;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.kontor.ApiClient;
import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.accounts.AccountCommands.CreateUser;
import dev.kontor.accounts.AccountManagement;
import dev.kontor.accounts.Role;
import dev.kontor.accounts.UserView;
import dev.kontor.clients.ClientView;
import dev.kontor.shared.ClientScope;
import dev.kontor.tickets.TicketManagement;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An English-only agent answers a Spanish customer in a real browser, through a real translation engine (Debian's
 * Apertium APY with the eng-spa pair, started by the test): reads the message in English with the original one
 * click away, writes English, checks the Spanish text and its back-translation, sends; the customer's side (the
 * API channel) gets only Spanish. Skipped where chromium or Apertium is missing.
 */
@KontorIntegrationTest
class TranslatedTicketBrowserTests {

    static final Path MODES = Path.of("/usr/share/apertium/modes");
    static final boolean APERTIUM =
            new File("/usr/bin/apertium-apy").canExecute() && Files.exists(MODES.resolve("spa-eng.mode"));
    static Process apy;
    static String apyUrl;
    static Playwright playwright;
    static Browser browser;

    static {
        if (APERTIUM) {
            try {
                int port;
                try (ServerSocket s = new ServerSocket(0)) {
                    port = s.getLocalPort();
                }
                Files.createDirectories(Path.of("target"));
                apy = new ProcessBuilder("apertium-apy", "-p", String.valueOf(port), MODES.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(new File("target/apertium-apy-browser.log"))
                        .start();
                apyUrl = "http://127.0.0.1:" + port;
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @DynamicPropertySource
    static void apertium(DynamicPropertyRegistry registry) {
        if (APERTIUM) {
            registry.add("kontor.translation.apertium.url", () -> apyUrl);
            registry.add("kontor.interpreting.work-interval", () -> "500ms");
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    AccountManagement accounts;

    @Autowired
    TicketManagement tickets;

    @BeforeAll
    static void launch() {
        assumeFalse(Boolean.getBoolean("skipBrowserTests"), "browser tests skipped (-DskipBrowserTests)");
        assumeTrue(APERTIUM, "apertium-apy and apertium-eng-spa are not installed");
        HttpClient http = HttpClient.newHttpClient();
        Awaitility.await("APY answers /listPairs (see target/apertium-apy-browser.log)")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    try {
                        return http.send(
                                                HttpRequest.newBuilder(URI.create(apyUrl + "/listPairs"))
                                                        .build(),
                                                HttpResponse.BodyHandlers.ofString())
                                        .statusCode()
                                == 200;
                    } catch (java.io.IOException notYet) {
                        return false;
                    }
                });
        playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(Paths.get("/usr/bin/chromium"))
                        .setHeadless(true)
                        .setArgs(List.of(
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-quic",
                                "--no-first-run",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync")));
    }

    @AfterAll
    static void close() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (apy != null) {
            apy.descendants().forEach(ProcessHandle::destroy);
            apy.destroy();
            apy.waitFor();
        }
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    @Test
    void anEnglishOnlyAgentAnswersASpanishCustomerInSpanish() {
        ClientView client = fixtures.client();
        var store = fixtures.store(client);
        UserView agent = accounts.createUser(new CreateUser(
                TestFixtures.unique("english") + "@example.com",
                "Emma English",
                Role.AGENT,
                TestFixtures.PASSWORD,
                "en",
                List.of("en"),
                Set.of(client.id())));
        var ticket = fixtures.ticket(
                store, "Pedido", "Hola, mi pedido no ha llegado todavía. ¿Dónde está mi paquete?", null);
        fixtures.awaitListenersDone(ticket.ticketId());
        tickets.correctTriage(ticket.ticketId(), ClientScope.everything(), "es", null);
        tickets.assign(ticket.ticketId(), ClientScope.everything(), agent.id(), null);

        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 900))) {
            Page page = context.newPage();
            page.navigate(url("/login"));
            page.fill("input[name=username]", agent.email());
            page.fill("input[name=password]", TestFixtures.PASSWORD);
            page.click("button[type=submit]");
            page.waitForURL("**/inbox**");
            assertThat(page.locator(".lang.translated").first()).containsText("en");

            page.navigate(url("/tickets/" + ticket.ticketId()));
            Locator translated = page.locator("article.m-inbound .body.translated");
            Awaitility.await("the background translation shows on the page")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        if (translated.count() > 0) {
                            return true;
                        }
                        page.reload();
                        return false;
                    });
            assertThat(translated).containsText("Hello");
            assertThat(translated).not().containsText("pedido");
            assertThat(page.locator("article.m-inbound .translation-note")).containsText("apertium");
            assertThat(page.locator("article.m-inbound .translation-note")).containsText("es");
            page.click("article.m-inbound details.original summary");
            assertThat(page.locator("article.m-inbound details.original .body")).containsText("pedido");
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(Paths.get("target", "screenshots", "translated-ticket.png"))
                    .setFullPage(true));

            page.fill("#composer", "Hello, your package was shipped today.");
            page.click("#translate-preview");
            Locator spanish = page.locator("#translation-text");
            assertThat(spanish).hasValue(java.util.regex.Pattern.compile("^Hola.*hoy.*"));
            assertThat(page.locator("#back-translation")).containsText("today");
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(Paths.get("target", "screenshots", "translated-reply-preview.png"))
                    .setFullPage(true));
            page.click("#send-translated");
            assertThat(page.locator("article.m-outbound .translation-note")).containsText("es");
        }

        var conversation = new ApiClient(port, fixtures.token(agent))
                .get("/api/v1/tickets/" + ticket.ticketId())
                .json()
                .get("messages");
        var reply = conversation.get(conversation.size() - 1);
        assertThat(reply.get("kind").asString()).isEqualTo("outbound");
        assertThat(reply.get("bodyText").asString())
                .startsWith("Hola")
                .contains("hoy")
                .doesNotContain("today");
        assertThat(reply.get("originalText").asString()).isEqualTo("Hello, your package was shipped today.");
        assertThat(reply.get("language").asString()).isEqualTo("es");
    }
}
