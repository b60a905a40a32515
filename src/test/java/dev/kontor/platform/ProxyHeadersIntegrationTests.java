package dev.kontor.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.kontor.KontorIntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Forwarded headers count only from the trusted proxy (127.0.0.2 in tests): then the session cookie is Secure and
 * HSTS is sent under HTTPS; the same header from anyone else changes nothing. Referrer-Policy and
 * Permissions-Policy are on every response. Checked through MockMvc and over real HTTP from both addresses.
 */
@KontorIntegrationTest
@AutoConfigureMockMvc
class ProxyHeadersIntegrationTests {

    private static final String TRUSTED = "127.0.0.2";
    private static final String UNTRUSTED = "127.0.0.1";

    @Autowired
    MockMvc mvc;

    @LocalServerPort
    int port;

    /** A page that needs a sign-in: the request is kept in a new session, so the answer sets its cookie. */
    private MockHttpServletResponse signInPage(String from, String proto) throws Exception {
        return mvc.perform(get("/inbox").header("X-Forwarded-Proto", proto).with(r -> {
                    r.setRemoteAddr(from);
                    return r;
                }))
                .andReturn()
                .getResponse();
    }

    private static String sessionCookie(List<String> setCookies) {
        return setCookies.stream()
                .filter(c -> c.startsWith("SESSION="))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie in " + setCookies));
    }

    @Test
    void httpsFromTheTrustedProxyMakesTheSessionCookieSecureAndSendsHsts() throws Exception {
        MockHttpServletResponse r = signInPage(TRUSTED, "https");

        assertThat(sessionCookie(r.getHeaders("Set-Cookie"))).contains("Secure").contains("HttpOnly");
        assertThat(r.getHeader("Strict-Transport-Security")).startsWith("max-age=31536000");
        assertThat(r.getHeader("Referrer-Policy")).isEqualTo("same-origin");
        assertThat(r.getHeader("Permissions-Policy")).contains("camera=()");
    }

    @Test
    void httpsClaimedByAnyoneElseIsIgnored() throws Exception {
        MockHttpServletResponse r = signInPage(UNTRUSTED, "https");

        assertThat(sessionCookie(r.getHeaders("Set-Cookie"))).doesNotContain("Secure");
        assertThat(r.getHeader("Strict-Transport-Security")).isNull();
        assertThat(r.getHeader("Referrer-Policy")).isEqualTo("same-origin");
        assertThat(r.getHeader("Permissions-Policy")).contains("camera=()");
    }

    @Test
    void plainHttpFromTheTrustedProxyGetsNoHsts() throws Exception {
        MockHttpServletResponse r = signInPage(TRUSTED, "http");

        assertThat(sessionCookie(r.getHeaders("Set-Cookie"))).doesNotContain("Secure");
        assertThat(r.getHeader("Strict-Transport-Security")).isNull();
    }

    @Test
    void overRealHttpOnlyTheTrustedAddressIsBelieved() throws Exception {
        String trusted = raw(TRUSTED, "/inbox");
        String untrusted = raw(UNTRUSTED, "/inbox");

        assertThat(header(trusted, "set-cookie")).contains("SESSION=").contains("Secure");
        assertThat(header(trusted, "strict-transport-security")).startsWith("max-age=");
        assertThat(header(untrusted, "set-cookie")).contains("SESSION=").doesNotContain("Secure");
        assertThat(header(untrusted, "strict-transport-security")).isNull();
        for (String response : List.of(trusted, untrusted)) {
            assertThat(header(response, "referrer-policy")).isEqualTo("same-origin");
            assertThat(header(response, "permissions-policy")).contains("camera=()");
        }
    }

    @Test
    void apiAnswersAndRejectionsCarryTheHeadersToo() throws Exception {
        String unauthorized = raw(TRUSTED, "/api/v1/tickets");

        assertThat(unauthorized).startsWith("HTTP/1.1 401");
        assertThat(header(unauthorized, "strict-transport-security")).startsWith("max-age=");
        assertThat(header(unauthorized, "referrer-policy")).isEqualTo("same-origin");
        assertThat(header(unauthorized, "permissions-policy")).contains("camera=()");
    }

    /** A GET with "X-Forwarded-Proto: https" sent from the given local address, as a proxy would pass it on. */
    private String raw(String from, String path) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 5000);
            socket.setSoTimeout(15000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: kontor.example.com\r\nX-Forwarded-Proto: https\r\n"
                            + "X-Forwarded-Host: kontor.example.com\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            String all = response.toString(StandardCharsets.UTF_8);
            int end = all.indexOf("\r\n\r\n");
            return end < 0 ? all : all.substring(0, end);
        }
    }

    private static String header(String head, String name) {
        return head.lines()
                .filter(l -> l.toLowerCase(Locale.ROOT).startsWith(name + ":"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip())
                .findFirst()
                .orElse(null);
    }
}
