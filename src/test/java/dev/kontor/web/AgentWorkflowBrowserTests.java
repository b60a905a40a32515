package dev.kontor.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.kontor.ApiClient;
import dev.kontor.KontorIntegrationTest;
import dev.kontor.accounts.AccountManagement;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * An agent's day in a real browser (Debian's chromium) against the app with demo data: sign in, open the inbox,
 * open a ticket, reply, solve it. A colleague who serves only the other client never sees that ticket.
 * Screenshots land in target/screenshots.
 */
@KontorIntegrationTest
@TestPropertySource(properties = "kontor.demo.enabled=true")
class AgentWorkflowBrowserTests {

    static Playwright playwright;
    static Browser browser;
    static final Path SHOTS = Paths.get("target", "screenshots");

    @LocalServerPort
    int port;

    @Autowired
    AccountManagement accounts;

    @Autowired
    dev.kontor.channels.MailboxManagement mail;

    @Autowired
    dev.kontor.channels.email.EmailChannel email;

    @Autowired
    dev.kontor.clients.ClientManagement clients;

    @Autowired
    dev.kontor.channels.MarketplaceManagement marketplaces;

    @org.junit.jupiter.api.extension.RegisterExtension
    static com.icegreen.greenmail.junit5.GreenMailExtension greenMail =
            new com.icegreen.greenmail.junit5.GreenMailExtension(com.icegreen.greenmail.util.ServerSetup.dynamicPort(
                            com.icegreen.greenmail.util.ServerSetupTest.SMTP_IMAP))
                    .withConfiguration(com.icegreen.greenmail.configuration.GreenMailConfiguration.aConfig()
                            .withDisabledAuthentication());

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
    void anAgentRepliesAndSolvesWhileAColleagueOfAnotherClientNeverSeesTheTicket() {
        long ticketId;
        try (BrowserContext anna = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 900))) {
            Page page = signIn(anna, "anna@kontor.local");
            assertThat(page.locator("table.tickets tr.ticket-row").first()).isVisible();
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("inbox.png")));
            assertThat(page.locator("table.tickets")).not().containsText("Casa Bella");

            // A message arriving through the API shows up without a reload (SSE).
            long annaId =
                    accounts.userByEmail("anna@kontor.local").orElseThrow().id();
            ApiClient annaApi =
                    new ApiClient(port, accounts.createApiToken(annaId, "live").token());
            var arrived = annaApi.post(
                    "/api/v1/inbound-messages",
                    "{\"store\":\"nordwind-web\",\"from\":{\"email\":\"neu@example.de\"},"
                            + "\"subject\":\"Live ankommend\",\"body\":\"Wo bleibt mein Paket?\"}");
            assertThat(arrived.status()).isEqualTo(201);
            assertThat(page.locator("table.tickets")).containsText("Live ankommend");

            page.locator("table.tickets tr.ticket-row .subject a").first().click();
            page.waitForURL("**/tickets/**");
            ticketId = Long.parseLong(page.url().replaceAll(".*/tickets/(\\d+).*", "$1"));
            page.fill("#composer", "Danke, wir kümmern uns darum.");
            page.click("#send");
            assertThat(page.locator(".message.m-outbound").last()).containsText("Danke, wir kümmern uns darum.");
            assertThat(page.locator("#composer")).hasValue("");

            page.selectOption("#status-select", "solved");
            assertThat(page.locator(".side .badge").first()).hasText("Gelöst");
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(SHOTS.resolve("ticket.png"))
                    .setFullPage(true));
        }

        try (BrowserContext giulia = browser.newContext()) {
            Page page = signIn(giulia, "giulia@kontor.local");
            page.navigate(url("/inbox?view=all"));
            Locator links = page.locator("table.tickets a[href='/tickets/" + ticketId + "']");
            assertThat(links).hasCount(0);
            var response = page.navigate(url("/tickets/" + ticketId));
            assertThat(response.status()).isEqualTo(404);
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("not-found.png")));
        }

        long giuliaId =
                accounts.userByEmail("giulia@kontor.local").orElseThrow().id();
        ApiClient api = new ApiClient(
                port, accounts.createApiToken(giuliaId, "browser-test").token());
        assertThat(api.get("/api/v1/tickets/" + ticketId).status()).isEqualTo(404);
        long annaId = accounts.userByEmail("anna@kontor.local").orElseThrow().id();
        ApiClient annaApi = new ApiClient(
                port, accounts.createApiToken(annaId, "browser-test").token());
        var ticket = annaApi.get("/api/v1/tickets/" + ticketId).json();
        assertThat(ticket.get("ticket").get("status").asString()).isEqualTo("solved");
    }

    @Test
    void anAdminCreatesAClientAndStoreInTheUi() {
        try (BrowserContext admin = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 900))) {
            Page page = signIn(admin, "admin@kontor.local");
            page.navigate(url("/admin/clients"));
            page.fill("#key", "browser-co");
            page.fill("#name", "Browser Co AG");
            page.click("form[action='/admin/clients'] button[type=submit]");
            assertThat(page.locator("legend", new Page.LocatorOptions().setHasText("Browser Co AG")))
                    .isVisible();
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("admin-clients.png")));
            page.navigate(url("/admin/users"));
            assertThat(page.locator("table.grid")).containsText("anna@kontor.local");
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("admin-users.png")));

            // A mailbox for the new store, pointing at a server that is not there: the test shows the error.
            page.navigate(url("/admin/mailboxes"));
            page.selectOption("#storeId", new com.microsoft.playwright.options.SelectOption().setIndex(1));
            page.fill("#imapHost", "127.0.0.1");
            page.fill("#imapPort", "1");
            page.selectOption("#imapSecurity", "none");
            page.fill("#imapUser", "help@browser.test");
            page.fill("#imapPassword", "secret");
            page.fill("#smtpHost", "127.0.0.1");
            page.fill("#smtpPort", "1");
            page.selectOption("#smtpSecurity", "none");
            page.fill("#smtpUser", "help@browser.test");
            page.fill("#smtpPassword", "secret");
            page.fill("#fromAddress", "help@browser.test");
            page.fill("#fromName", "Browser Co Support");
            page.click("form[action='/admin/mailboxes'] button[type=submit]");
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(SHOTS.resolve("admin-mailboxes.png"))
                    .setFullPage(true));
            page.click("a:text('help@browser.test')");
            page.click("form[action$='/check'] button");
            // The scheduler may have tried the mailbox already (a "failing" notice); the check's own result says
            // "IMAP:".
            assertThat(page.locator(".notice.error", new Page.LocatorOptions().setHasText("IMAP:")))
                    .containsText("Connection refused");
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("admin-mailbox.png")));
            page.navigate(url("/admin/mail-quarantine"));
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("admin-quarantine.png")));
        }
    }

    @Test
    void anAgentAnswersAnEmailAndSeesItDeliveredWhileTheQuarantineKeepsAnUnreadableOne() throws Exception {
        String support = "service@nordwind.example";
        greenMail.setUser(support, support, "secret");
        var store = clients.storeByKey("nordwind-web").orElseThrow();
        var imap = new dev.kontor.channels.MailboxCommands.MailServer(
                "127.0.0.1", greenMail.getImap().getPort(), "none", support, "secret");
        var smtp = new dev.kontor.channels.MailboxCommands.MailServer(
                "127.0.0.1", greenMail.getSmtp().getPort(), "none", support, "secret");
        var mailbox = mail.create(new dev.kontor.channels.MailboxCommands.CreateMailbox(
                store.id(), imap, "INBOX", smtp, support, "Nordwind Service", "Ihr Nordwind-Team", 3600, false));
        var session = jakarta.mail.Session.getInstance(new java.util.Properties());
        var m = new jakarta.mail.internet.MimeMessage(session);
        m.setFrom(new jakarta.mail.internet.InternetAddress("kerstin@example.de", "Kerstin Vogel", "UTF-8"));
        m.setRecipients(jakarta.mail.Message.RecipientType.TO, support);
        m.setSubject("Zelt undicht – Garantie?", "UTF-8");
        m.setText(
                "Hallo,\n\nmein Zelt ist nach zwei Nächten undicht. Bekomme ich Ersatz?\n\nGrüße\nKerstin\n\n"
                        + "Am 02.11.2026 um 09:12 schrieb Nordwind Service <service@nordwind.example>:\n> Danke für Ihre Bestellung",
                "UTF-8");
        m.saveChanges();
        greenMail.getUserManager().getUser(support).deliver(m);
        greenMail
                .getUserManager()
                .getUser(support)
                .deliver(new jakarta.mail.internet.MimeMessage(
                        session,
                        new java.io.ByteArrayInputStream(("To: " + support + "\r\nSubject: =?broken?Q?x?=\r\n"
                                        + "Message-ID: <no-sender@example>\r\n\r\nwho sent this?\r\n")
                                .getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
        email.fetchNow(mailbox.id());

        try (BrowserContext anna = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 900))) {
            Page page = signIn(anna, "anna@kontor.local");
            page.locator("table.tickets .subject a", new Page.LocatorOptions().setHasText("Zelt undicht"))
                    .click();
            page.waitForURL("**/tickets/**");
            assertThat(page.locator(".message.m-inbound").first()).containsText("mein Zelt ist nach zwei Nächten");
            assertThat(page.locator(".message.m-inbound").first()).not().containsText("Danke für Ihre Bestellung");
            page.fill("#composer", "Das tut uns leid! Wir schicken Ihnen ein neues Zelt.");
            page.click("#send");
            assertThat(page.locator(".message.m-outbound").last()).containsText("ein neues Zelt");
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(15))
                    .until(() -> {
                        email.sendDue();
                        return greenMail.getReceivedMessagesForDomain("example.de").length > 0;
                    });
            page.reload();
            assertThat(page.locator(".message.m-outbound .delivery").last()).containsText("per E-Mail gesendet");
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(SHOTS.resolve("ticket-email.png"))
                    .setFullPage(true));
        }
        try (BrowserContext admin = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 900))) {
            Page page = signIn(admin, "admin@kontor.local");
            page.navigate(url("/admin/mail-quarantine"));
            assertThat(page.locator("table.grid")).containsText("the mail has no From header");
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("admin-quarantine.png")));
        }
    }

    @Test
    void anAgentSeesAMarketplaceTicketWithItsOrderAndCancelsTheOrder() {
        try (var simulator = dev.kontor.simulator.MiraklSimulator.start(0, java.time.Clock.systemUTC())) {
            var market = simulator.marketplace("browser-market").addShop(5001, "Nordwind", "browser-key");
            market.addOrder(dev.kontor.simulator.SimOrder.builder(5001, "80001-A")
                    .state("SHIPPING")
                    .shippingDeadline(java.time.Instant.now().plus(java.time.Duration.ofHours(5)))
                    .customer("cust-80001", "Jonas", "Keller")
                    .lines(2)
                    .build());
            market.customerOpensThread(
                    5001,
                    "80001-A",
                    "cust-80001",
                    "Jonas K.",
                    "Stornierung",
                    "Hallo, bitte stornieren Sie meine Bestellung 80001-A, ich habe doppelt bestellt.",
                    List.of());
            var store = clients.storeByKey("nordwind-mirakl-fr").orElseThrow();
            var account = marketplaces.create(new dev.kontor.channels.MarketplaceCommands.CreateMarketplaceAccount(
                    store.id(),
                    "Browser Markt",
                    "Browser Markt GmbH",
                    market.baseUrl(),
                    "browser-key",
                    5001L,
                    false,
                    3600));
            assertThat(marketplaces.pollNow(account.id()).conversations()).isEqualTo(1);

            try (BrowserContext anna = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 900))) {
                Page page = signIn(anna, "anna@kontor.local");
                page.locator("table.tickets .subject a", new Page.LocatorOptions().setHasText("Stornierung"))
                        .click();
                page.waitForURL("**/tickets/**");
                assertThat(page.locator("#cancellation-banner")).containsText("80001-A");
                assertThat(page.locator("#cancellation-banner")).containsText("kann noch storniert werden");
                assertThat(page.locator("#sla")).containsText("Erstantwort");
                Locator panel = page.locator("#orders");
                assertThat(panel).containsText("80001-A");
                assertThat(panel).containsText("SHIPPING");
                assertThat(panel).containsText("Jonas Keller");
                page.screenshot(new Page.ScreenshotOptions()
                        .setPath(SHOTS.resolve("ticket-marketplace-order.png"))
                        .setFullPage(true));
                page.onceDialog(dialog -> dialog.accept());
                page.click("#cancel-order");
                assertThat(page.locator("#order-outcome")).containsText("Erledigt");
                assertThat(panel).containsText("CANCELED");
                assertThat(panel).containsText("hat die Bestellung storniert");
                page.screenshot(new Page.ScreenshotOptions()
                        .setPath(SHOTS.resolve("ticket-marketplace-cancelled.png"))
                        .setFullPage(true));
            }
            org.assertj.core.api.Assertions.assertThat(market.order("80001-A").state())
                    .isEqualTo("CANCELED");

            market.revokeKey("browser-key");
            try (BrowserContext admin =
                    browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 900))) {
                Page page = signIn(admin, "admin@kontor.local");
                page.navigate(url("/admin/marketplaces"));
                page.locator("table.grid a", new Page.LocatorOptions().setHasText("Browser Markt"))
                        .click();
                page.click("text=Test connection");
                assertThat(page.locator("#check-result")).containsText("HTTP 401");
                page.click("text=Poll now");
                assertThat(page.locator(".notice.error").first()).containsText("key refused");
                page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("admin-marketplace.png")));

                page.navigate(url("/admin/sla"));
                page.selectOption(
                        "#clientId",
                        new com.microsoft.playwright.options.SelectOption().setLabel("Nordwind Outdoor GmbH"));
                page.fill("input[name=name]", "Marketplace 24h");
                page.selectOption("#channelKind", "mirakl");
                page.fill("input[name=firstResponseMinutes]", "1440");
                page.click("form[action$='/admin/sla/policies'] button[type=submit]");
                assertThat(page.locator("#policies")).containsText("Marketplace 24h");
                page.screenshot(new Page.ScreenshotOptions()
                        .setPath(SHOTS.resolve("admin-sla.png"))
                        .setFullPage(true));
                page.navigate(url("/admin/triage"));
                page.selectOption(
                        "#clientId",
                        new com.microsoft.playwright.options.SelectOption().setLabel("Nordwind Outdoor GmbH"));
                page.fill("input[name=phrase]", "Garantiefall");
                page.selectOption("#category", "damaged_or_defective");
                page.click("form[action$='/admin/triage/keywords'] button[type=submit]");
                assertThat(page.locator("#keywords")).containsText("Garantiefall");
                page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("admin-triage.png")));
                page.navigate(url("/inbox"));
                page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("inbox-sla.png")));
            }
        }
    }

    @Test
    void anAdminBuildsARuleInTheUiAndAFrenchCancellationReachesTheFrenchTeamTaggedAndUrgent() {
        long lucId = accounts.userByEmail("luc@kontor.local").orElseThrow().id();
        try (BrowserContext admin = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 900))) {
            Page page = signIn(admin, "admin@kontor.local");

            // Team FR with Luc, who speaks French; its queue goes by language, and Luc is online.
            page.navigate(url("/admin/teams"));
            Locator newTeam = page.locator("form[action='/admin/teams']");
            newTeam.locator("input[name=name]").fill("Team FR");
            newTeam.locator("label", new Locator.LocatorOptions().setHasText("Luc Martin"))
                    .locator("input")
                    .check();
            newTeam.locator("button[type=submit]").click();
            assertThat(page.locator("legend", new Page.LocatorOptions().setHasText("Team FR")))
                    .isVisible();
            page.navigate(url("/admin/routing"));
            Locator teamRow = page.locator("#team-routing tr", new Page.LocatorOptions().setHasText("Team FR"));
            teamRow.locator("select[name=strategy]").selectOption("language");
            teamRow.locator("button[type=submit]").click();
            assertThat(page.locator("#team-routing tr", new Page.LocatorOptions().setHasText("Team FR"))
                            .locator("select[name=strategy]"))
                    .hasValue("language");
            Locator lucRow = page.locator("#agent-row-" + lucId);
            lucRow.locator("select[name=status]").selectOption("online");
            lucRow.locator("button[type=submit]").click();
            assertThat(page.locator("#agent-row-" + lucId + " select[name=status]"))
                    .hasValue("online");
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(SHOTS.resolve("admin-routing.png"))
                    .setFullPage(true));

            // The rule: French cancellation -> team FR, priority urgent, tag storno.
            page.navigate(url("/admin/rules/new"));
            page.fill("#name", "French cancellation");
            page.selectOption(
                    "#clientId", new com.microsoft.playwright.options.SelectOption().setLabel("Nordwind Outdoor GmbH"));
            page.check("input[name=triggers][value=ticket_created]");
            page.selectOption("select[name='conditions[0].field']", "language");
            page.selectOption("select[name='conditions[0].op']", "is");
            page.fill("input[name='conditions[0].value']", "fr");
            page.selectOption("select[name='conditions[1].field']", "category");
            page.selectOption("select[name='conditions[1].op']", "is");
            page.fill("input[name='conditions[1].value']", "cancellation");
            page.selectOption("select[name='actions[0].type']", "set_team");
            page.fill("input[name='actions[0].value']", "Team FR");
            page.selectOption("select[name='actions[1].type']", "set_priority");
            page.fill("input[name='actions[1].value']", "urgent");
            page.selectOption("select[name='actions[2].type']", "add_tags");
            page.fill("input[name='actions[2].value']", "storno");
            page.click("button[value=rows]"); // a fourth action row; what is filled in stays
            assertThat(page.locator("input[name='actions[2].value']")).hasValue("storno");
            page.selectOption("select[name='actions[3].type']", "notify");
            page.fill("input[name='actions[3].value']", "assignee");
            page.fill("input[name='actions[3].option']", "French cancellation #{{ticket.number}}: check the order");
            page.click("#test-rule");
            assertThat(page.locator("#rule-test")).containsText("recent tickets");
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(SHOTS.resolve("admin-rule-editor.png"))
                    .setFullPage(true));
            page.click("#save-rule");
            page.waitForURL("**/admin/rules");
            assertThat(page.locator("#rules")).containsText("French cancellation");
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("admin-rules.png")));

            long annaId =
                    accounts.userByEmail("anna@kontor.local").orElseThrow().id();
            ApiClient api =
                    new ApiClient(port, accounts.createApiToken(annaId, "rules").token());
            var sent = api.post(
                    "/api/v1/inbound-messages",
                    "{\"store\":\"nordwind-web\",\"from\":{\"email\":\"claire@example.fr\",\"name\":\"Claire Dubois\"},"
                            + "\"subject\":\"Annulation\",\"body\":\"Bonjour, je voudrais annuler ma commande, "
                            + "je l'ai passée deux fois par erreur. Merci d'avance.\"}");
            assertThat(sent.status()).isEqualTo(201);
            long ticketId = sent.json().get("ticketId").asLong();
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> api.get("/api/v1/tickets/" + ticketId)
                            .json()
                            .get("ticket")
                            .get("assigneeId")
                            .isNumber());

            page.navigate(url("/tickets/" + ticketId));
            Locator side = page.locator(".side");
            assertThat(side.locator(".tag")).containsText(new String[] {"storno"});
            assertThat(page.locator("#assignee-select option[selected]")).hasText("Luc Martin");
            assertThat(side.locator("select[name=priority] option[selected]")).hasText("Urgent");
            Locator firing =
                    page.locator("#rule-firings .firing", new Page.LocatorOptions().setHasText("French cancellation"));
            assertThat(firing).containsText("storno");
            assertThat(firing).containsText("Team FR");
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(SHOTS.resolve("ticket-rules.png"))
                    .setFullPage(true));
        }
        // Luc, who got the ticket, sees the rule's notification in the top bar.
        try (BrowserContext luc = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 900))) {
            Page page = signIn(luc, "luc@kontor.local");
            Locator bell = page.locator("#notifications-link");
            assertThat(bell).containsText("(1)");
            bell.click();
            assertThat(page.locator("#notifications")).containsText("check the order");
            assertThat(page.locator("#notifications-link")).not().containsText("(");
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("notifications.png")));
        }
    }

    @Test
    void anAdminOpensEveryAdminPageOfTheDemo() {
        try (BrowserContext admin = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 900))) {
            Page page = signIn(admin, "admin@kontor.local");
            for (String name : List.of("background-work", "translation", "imports", "routing")) {
                var response = page.navigate(url("/admin/" + name));
                assertThat(response.status()).as(name).isEqualTo(200);
                assertThat(page.locator("main h1").first()).isVisible();
                assertThat(page.locator("aside.views a.active")).hasCount(1);
                page.screenshot(new Page.ScreenshotOptions()
                        .setPath(SHOTS.resolve("admin-" + name + ".png"))
                        .setFullPage(true));
            }
        }
    }
}
