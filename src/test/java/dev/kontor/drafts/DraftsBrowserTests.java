package dev.kontor.drafts;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.clients.ChannelKind;
import dev.kontor.clients.ClientManagement;
import dev.kontor.clients.StoreView;
import dev.kontor.customers.CustomerManagement;
import dev.kontor.orders.OrderData;
import dev.kontor.orders.OrderManagement;
import dev.kontor.shared.ClientScope;
import dev.kontor.tickets.TicketCommands.IngestMessage;
import dev.kontor.tickets.TicketManagement;
import dev.kontor.tickets.TicketQueries;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Drafts in a real browser against the demo data: a French agent opens a French WISMO ticket from the marketplace,
 * clicks "Draft reply" and gets the French template draft with the tracking in the composer, its sources named and
 * why it is a template (no model configured); the same by the shortcut d on a ticket without order shows what is
 * missing. The drafts settings page shows the demo clients' settings. Screenshots in target/screenshots.
 */
@KontorIntegrationTest
@TestPropertySource(properties = "kontor.demo.enabled=true")
class DraftsBrowserTests {

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
    OrderManagement orders;

    @Autowired
    TicketManagement tickets;

    @Autowired
    TicketQueries ticketQueries;

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

    /** A French customer of the marketplace store asking where the order is, the order shipped with tracking. */
    private long frenchMarketplaceTicket(String subject, String text, boolean withOrder) {
        StoreView store = clients.storeByKey("nordwind-mirakl-fr").orElseThrow();
        long channelId = clients.channels(store.id()).stream()
                .filter(c -> c.kind() == ChannelKind.MIRAKL)
                .findFirst()
                .orElseThrow()
                .id();
        String orderId = TestFixtures.unique("FR") + "-A";
        if (withOrder) {
            orders.record(
                    store.clientId(),
                    channelId,
                    new OrderData(
                            orderId,
                            orderId,
                            "SHIPPED",
                            false,
                            "EUR",
                            new BigDecimal("89.90"),
                            BigDecimal.ZERO,
                            "Colissimo",
                            "6A12345678901",
                            "https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901",
                            Instant.parse("2026-11-28T17:00:00Z"),
                            "Camille Dubois",
                            null,
                            Instant.parse("2026-11-26T09:00:00Z"),
                            Instant.parse("2026-11-27T09:00:00Z"),
                            List.of(new OrderData.Line(
                                    "1", "TENT-2", "Tente Nordwind 2P", 1, new BigDecimal("89.90"), null, "SHIPPED"))));
        }
        var customer = customers.resolve(
                store.clientId(), "email", TestFixtures.unique("camille") + "@example.fr", "Camille Dubois");
        long id = tickets.ingest(new IngestMessage(
                        store.clientId(),
                        store.id(),
                        channelId,
                        customer.id(),
                        "Camille Dubois",
                        subject,
                        text,
                        null,
                        null,
                        null,
                        null,
                        List.of(),
                        withOrder ? List.of(orderId) : List.of()))
                .ticketId();
        fixtures.awaitListenersDone(id);
        tickets.correctTriage(id, ClientScope.everything(), "fr", "where_is_my_order");
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

    @Autowired
    DraftManagement drafts;

    @Test
    void aFrenchAgentDraftsAReplyWithTheTrackingAndItsSources() {
        long wismo = frenchMarketplaceTicket(
                "Où est ma commande ?", "Bonjour, je n'ai toujours pas reçu ma tente. Où en est ma commande ?", true);
        long noOrder = frenchMarketplaceTicket("Où est mon colis ?", "Bonjour, où est mon colis ?", false);
        try (BrowserContext luc = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 1100))) {
            Page page = signIn(luc, "luc@kontor.local");
            page.navigate(url("/tickets/" + wismo));
            page.click("#draft-reply");
            assertThat(page.locator("#draft")).hasAttribute("data-language", "fr");
            assertThat(page.locator("#draft-fallback")).containsText("Aucun modèle n’est configuré");
            assertThat(page.locator("#draft-sources .draft-source[data-kind=template]"))
                    .containsText("WISMO with tracking");
            assertThat(page.locator("#draft-sources .draft-source[data-kind=order]"))
                    .isVisible();
            assertThat(page.locator("#draft-clean")).isVisible();
            assertThat(page.locator("#composer"))
                    .hasValue(java.util.regex.Pattern.compile(
                            "Bonjour Camille,.*Colissimo.*6A12345678901.*", java.util.regex.Pattern.DOTALL));
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(SHOTS.resolve("drafts-ticket.png"))
                    .setFullPage(true));

            page.navigate(url("/tickets/" + noOrder));
            page.locator("body").click(new com.microsoft.playwright.Locator.ClickOptions().setPosition(5, 5));
            page.keyboard().press("d");
            assertThat(page.locator("#draft-flags li[data-flag=missing_value]").first())
                    .containsText("{{order.");
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(SHOTS.resolve("drafts-missing.png"))
                    .setFullPage(true));
        }
        try (BrowserContext ctx = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 1000))) {
            Page page = signIn(ctx, "admin@kontor.local");
            page.navigate(url("/admin/drafts"));
            assertThat(page.locator("#model-config")).containsText("No model configured");
            assertThat(page.locator("#draft-counts")).containsText("Template");
            long nordwindId = clients.clientByKey("nordwind").orElseThrow().id();
            page.navigate(url("/admin/drafts?client=" + nordwindId));
            assertThat(page.locator("select[name=policy]")).hasValue("allowed");
            assertThat(page.locator("textarea[name=linkDomains]")).hasValue("nordwind-outdoor.example");
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(SHOTS.resolve("drafts-admin.png"))
                    .setFullPage(true));
        }
        long nordwind = clients.clientByKey("nordwind").orElseThrow().id();
        assertThat(drafts.settings(nordwind).policy()).isEqualTo(ModelPolicy.ALLOWED);
        assertThat(drafts.settings(
                                clients.clientByKey("casabella").orElseThrow().id())
                        .policy())
                .isEqualTo(ModelPolicy.LOCAL_ONLY);
    }
}
