package dev.kontor.answers;

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
import dev.kontor.tickets.TicketStatus;
import dev.kontor.tickets.TicketView;
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
 * Answers in a real browser against the demo data: a French agent opens a French WISMO ticket from the marketplace,
 * types "/" to insert "WISMO with tracking", sees the tracking filled in French and sends it; then applies the
 * "Return approved" macro on another ticket and sees its tags and status change. Screenshots in target/screenshots.
 */
@KontorIntegrationTest
@TestPropertySource(properties = "kontor.demo.enabled=true")
class AnswersBrowserTests {

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

    @Test
    void aFrenchAgentInsertsTheWismoTemplateAndAppliesTheReturnMacro() {
        long wismo = frenchMarketplaceTicket(
                "Où est ma commande ?", "Bonjour, je n'ai toujours pas reçu ma tente. Où en est ma commande ?", true);
        long returns = frenchMarketplaceTicket(
                "Retour", "Bonjour, la tente ne me convient pas, je voudrais la retourner.", false);
        try (BrowserContext luc = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 1000))) {
            Page page = signIn(luc, "luc@kontor.local");
            page.navigate(url("/tickets/" + wismo));
            page.click("#composer");
            page.keyboard().type("/");
            assertThat(page.locator("#template-picker")).isVisible();
            page.keyboard().type("wismo");
            // The shortcut finds the one template (the list for the query typed so far is the one shown).
            assertThat(page.locator("#template-results ul[data-q='wismo'] .template-choice"))
                    .hasCount(1);
            assertThat(page.locator("#template-results")).containsText("WISMO with tracking");
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("answers-search.png")));
            page.keyboard().press("Enter");
            assertThat(page.locator("#answer-text")).containsText("Votre numéro de suivi est 6A12345678901");
            assertThat(page.locator("#answer-text")).containsText("Colissimo");
            assertThat(page.locator("#answer-text")).containsText("expédiée");
            assertThat(page.locator(".missing-placeholders")).hasCount(0);
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(SHOTS.resolve("answers-preview.png"))
                    .setFullPage(true));
            page.click("#template-insert");
            assertThat(page.locator("#composer"))
                    .hasValue(java.util.regex.Pattern.compile(
                            "Bonjour Camille,.*https://www.laposte.fr/outils/suivre-vos-envois\\?code=6A12345678901.*",
                            java.util.regex.Pattern.DOTALL));
            page.click("#send");
            assertThat(page.locator(".message.m-outbound").last()).containsText("6A12345678901");
            assertThat(page.locator("#composer")).hasValue("");
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(SHOTS.resolve("answers-sent.png"))
                    .setFullPage(true));

            page.navigate(url("/tickets/" + returns));
            page.selectOption(
                    "#macro-select", new com.microsoft.playwright.options.SelectOption().setLabel("Return approved"));
            page.click("#macro-apply");
            // What the macro did, in the agent's language.
            assertThat(page.locator("#macro-applied")).containsText("tag return-approved ajouté");
            assertThat(page.locator("#macro-applied")).containsText("statut Résolu");
            assertThat(page.locator(".side .tag")).containsText(new String[] {"return-approved"});
            assertThat(page.locator(".side .badge").first()).hasText("Résolu");
            assertThat(page.locator("#composer"))
                    .hasValue(java.util.regex.Pattern.compile(
                            "Bonjour Camille,.*retour.*", java.util.regex.Pattern.DOTALL));
            assertThat(page.locator(".missing-placeholders")).containsText("{{order.number}}");
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(SHOTS.resolve("answers-macro.png"))
                    .setFullPage(true));
        }
        TicketView after = ticketQueries.find(returns, ClientScope.everything()).orElseThrow();
        assertThat(after.status()).isEqualTo(TicketStatus.SOLVED);
        assertThat(after.tags()).contains("return-approved");
        assertThat(ticketQueries
                        .find(wismo, ClientScope.everything())
                        .orElseThrow()
                        .firstResponseAt())
                .isNotNull();
    }

    @Test
    void theAnswersPageShowsTheClientsStarterTemplates() {
        try (BrowserContext sam = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 1000))) {
            Page page = signIn(sam, "sam@kontor.local");
            page.click("a[href='/answers']");
            assertThat(page.locator("#templates")).containsText("WISMO with tracking");
            assertThat(page.locator("#macros")).containsText("Return approved");
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(SHOTS.resolve("answers-page.png"))
                    .setFullPage(true));
            page.click("#templates a:text('WISMO with tracking')");
            assertThat(page.locator("textarea[name='variant.fr']")).containsText("{{order.tracking_number}}");
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(SHOTS.resolve("answers-template.png"))
                    .setFullPage(true));
        }
    }
}
