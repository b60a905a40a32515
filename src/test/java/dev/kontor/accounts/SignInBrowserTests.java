package dev.kontor.accounts;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
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
 * Sign-in defences in a real browser (Debian's chromium): a locked account, an agent who sets up a second factor
 * and signs in with it, and an admin who must set one up first. Screenshots land in target/screenshots.
 */
@KontorIntegrationTest
@TestPropertySource(properties = "kontor.two-factor.required-for-admins=true")
class SignInBrowserTests {

    static Playwright playwright;
    static Browser browser;
    static final Path SHOTS = Paths.get("target", "screenshots");

    @LocalServerPort
    int port;

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

    void typePassword(Page page, String email, String password) {
        page.navigate(url("/login"));
        page.fill("input[name=username]", email);
        page.fill("input[name=password]", password);
        page.click("button[type=submit]");
    }

    static String code(byte[] secret, int stepsAhead) {
        return Totp.code(secret, Totp.step(Instant.now()) + stepsAhead);
    }

    @Test
    void fiveWrongPasswordsLockTheAccountAndTheRightOneIsRefusedUntilTheLockEnds() {
        UserView agent = fixtures.agent();
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            for (int i = 0; i < 4; i++) {
                typePassword(page, agent.email(), "not-the-password");
                assertThat(page.locator("p.notice")).containsText("Wrong e-mail or password");
            }
            typePassword(page, agent.email(), "not-the-password");
            assertThat(page.locator("p.notice.error")).containsText("Too many failed sign-ins");

            typePassword(page, agent.email(), TestFixtures.PASSWORD);
            assertThat(page.locator("p.notice.error")).containsText("Too many failed sign-ins");
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("sign-in-locked.png")));
        }
    }

    @Test
    void anAgentSetsUpASecondFactorAndSignsInWithIt() {
        UserView agent = fixtures.agent();
        byte[] secret;
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            typePassword(page, agent.email(), TestFixtures.PASSWORD);
            page.waitForURL("**/inbox**");

            page.click("header.topbar a[href$='/account/two-factor']");
            page.click("#two-factor-start");
            assertThat(page.locator("#otpauth-uri")).containsText("otpauth://totp/Kontor:");
            secret = Totp.fromBase32(page.locator("#two-factor-secret").innerText());
            page.fill("#enrolment input[name=code]", code(secret, 0));
            page.click("#enrolment button[type=submit]");
            assertThat(page.locator("#recovery-codes li")).hasCount(10);
            assertThat(page.locator("#two-factor-on")).isVisible();
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("two-factor-recovery-codes.png")));

            page.reload();
            assertThat(page.locator("#recovery-codes")).hasCount(0);
        }
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            typePassword(page, agent.email(), TestFixtures.PASSWORD);
            page.waitForURL("**/login/two-factor");
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("two-factor-code.png")));

            page.navigate(url("/inbox"));
            page.waitForURL("**/login/two-factor");

            page.fill("input[name=code]", "000000");
            page.click("button.primary");
            assertThat(page.locator("p.notice.error")).containsText("not valid");

            page.fill("input[name=code]", code(secret, 1));
            page.click("button.primary");
            page.waitForURL("**/inbox**");
        }
    }

    @Test
    void anAdminWithoutASecondFactorMustSetOneUpBeforeAnythingElse() {
        UserView admin = fixtures.admin();
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            typePassword(page, admin.email(), TestFixtures.PASSWORD);
            page.waitForURL("**/account/two-factor");
            assertThat(page.locator("p.notice").first()).containsText("Admins must set up two-factor sign-in");

            page.navigate(url("/admin/users"));
            page.waitForURL("**/account/two-factor");

            page.click("#two-factor-start");
            byte[] secret = Totp.fromBase32(page.locator("#two-factor-secret").innerText());
            page.fill("#enrolment input[name=code]", code(secret, 0));
            page.click("#enrolment button[type=submit]");
            assertThat(page.locator("#recovery-codes li")).hasCount(10);

            page.navigate(url("/admin/users"));
            assertThat(page.locator("h1")).containsText("Users");
        }
    }
}
