package dev.kontor.knowledge;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.clients.ClientManagement;
import dev.kontor.clients.StoreView;
import dev.kontor.customers.CustomerManagement;
import dev.kontor.shared.ClientScope;
import dev.kontor.tickets.TicketCommands.IngestMessage;
import dev.kontor.tickets.TicketManagement;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The knowledge base in a real browser against the demo data: a German agent's return ticket shows the client's
 * return policy in the panel; searching "Rücksendungen" finds it and its German excerpt goes into the reply; the
 * supervisor's article list and editor. Screenshots in target/screenshots.
 */
@KontorIntegrationTest
@TestPropertySource(properties = "kontor.demo.enabled=true")
class KnowledgeBrowserTests {

    static Playwright playwright;
    static Browser browser;
    static final Path SHOTS = Paths.get("target", "screenshots");

    @LocalServerPort
    int port;

    @Autowired
    ClientManagement clients;

    @Autowired
    CustomerManagement customers;

    @Autowired
    TicketManagement tickets;

    @Autowired
    TestFixtures fixtures;

    @BeforeAll
    static void launch() {
        assumeFalse(Boolean.getBoolean("skipBrowserTests"), "browser tests skipped (-DskipBrowserTests)");
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
    static void close() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    private long germanReturnTicket() {
        StoreView store = clients.storeByKey("nordwind-web").orElseThrow();
        long channelId = clients.channels(store.id()).get(0).id();
        var customer = customers.resolve(
                store.clientId(), "email", TestFixtures.unique("jonas") + "@example.de", "Jonas Keller");
        long id = tickets.ingest(new IngestMessage(
                        store.clientId(),
                        store.id(),
                        channelId,
                        customer.id(),
                        "Jonas Keller",
                        "Rücksendung",
                        "Hallo, der Schlafsack ist zu klein. Wie kann ich ihn zurückschicken?",
                        null,
                        null,
                        null,
                        null,
                        List.of()))
                .ticketId();
        fixtures.awaitListenersDone(id);
        tickets.correctTriage(id, ClientScope.everything(), "de", "return");
        fixtures.awaitListenersDone(id);
        return id;
    }

    Page signIn(BrowserContext context, String email) {
        Page page = context.newPage();
        page.navigate(url("/login"));
        page.fill("input[name=username]", email);
        page.fill("input[name=password]", "kontor-demo");
        page.click("button[type=submit]");
        page.waitForURL("**/inbox**");
        return page;
    }

    @Test
    void aGermanAgentSearchesThePanelAndInsertsAnExcerpt() {
        long ticket = germanReturnTicket();
        try (BrowserContext anna = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 1100))) {
            Page page = signIn(anna, "anna@kontor.local");
            page.navigate(url("/tickets/" + ticket));
            assertThat(page.locator("#knowledge-results")).containsText("Rücksendung innerhalb von 30 Tagen");
            page.locator("#knowledge-panel").scrollIntoViewIfNeeded();
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(SHOTS.resolve("knowledge-panel.png"))
                    .setFullPage(true));

            page.evaluate("document.activeElement && document.activeElement.blur()");
            page.keyboard().press("h");
            assertThat(page.locator("#knowledge-q")).isFocused();
            page.keyboard().type("Rücksendungen");
            assertThat(page.locator("#knowledge-results ul[data-q='Rücksendungen'] .knowledge-entry")
                            .first())
                    .containsText("Rücksendung innerhalb von 30 Tagen");
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(SHOTS.resolve("knowledge-panel-search.png"))
                    .setFullPage(true));
            // The list may still be swapped by the last keystroke's request: let it settle before clicking.
            page.waitForTimeout(600);
            // Keyboard only: the excerpt button is focused and pressed with Enter.
            page.locator("#knowledge-results ul[data-q='Rücksendungen'] .knowledge-insert-excerpt")
                    .first()
                    .focus();
            page.keyboard().press("Enter");
            assertThat(page.locator("#composer"))
                    .hasValue(Pattern.compile(".*30 Tagen ab Bestelldatum.*", Pattern.DOTALL));
            assertThat(page.locator("#composer")).not().hasValue(Pattern.compile(".*\\*\\*.*", Pattern.DOTALL));

            // With the mouse: the article's link (here the client's own help centre) goes in after the excerpt.
            page.locator("#knowledge-results ul[data-q='Rücksendungen'] .knowledge-entry")
                    .first()
                    .locator(".knowledge-insert:not(.knowledge-insert-excerpt)")
                    .click();
            assertThat(page.locator("#composer"))
                    .hasValue(Pattern.compile(
                            ".*30 Tagen ab Bestelldatum.* https://help\\.nordwind-outdoor\\.example/returns$",
                            Pattern.DOTALL));
        }
    }

    @Test
    void aSupervisorSeesTheArticlesAndEditsOne() {
        try (BrowserContext sam = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 1000))) {
            Page page = signIn(sam, "sam@kontor.local");
            page.navigate(url("/knowledge"));
            assertThat(page.locator("#articles tbody tr")).hasCount(9);
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(SHOTS.resolve("knowledge-admin.png"))
                    .setFullPage(true));
            page.locator("#articles a").first().click();
            assertThat(page.locator("#article-form")).isVisible();
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(SHOTS.resolve("knowledge-article.png"))
                    .setFullPage(true));
        }
    }
}
