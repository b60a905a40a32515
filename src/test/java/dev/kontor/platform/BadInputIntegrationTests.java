package dev.kontor.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.kontor.ApiClient;
import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.accounts.UserView;
import dev.kontor.clients.ClientManagement;
import dev.kontor.clients.ClientView;
import dev.kontor.clients.StoreView;
import dev.kontor.customers.CustomerManagement;
import dev.kontor.shared.ClientScope;
import dev.kontor.tickets.TicketQueries;
import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bad input through the API and the UI: text that cannot be stored, bytes that are not UTF-8, ids that are not
 * numbers, unknown codes and values. Each is a 4xx that names the field and says why, never a 500, and nothing
 * is stored changed into other characters.
 */
@KontorIntegrationTest
@AutoConfigureMockMvc
class BadInputIntegrationTests {

    @Autowired
    TestFixtures fixtures;

    @Autowired
    MockMvc mvc;

    @Autowired
    TicketQueries tickets;

    @Autowired
    ClientManagement clients;

    @Autowired
    CustomerManagement customers;

    @LocalServerPort
    int port;

    ClientView client;
    StoreView store;
    UserView agent;
    ApiClient api;

    @BeforeEach
    void setUp() {
        client = fixtures.client();
        store = fixtures.store(client);
        agent = fixtures.agent(client);
        api = new ApiClient(port, fixtures.token(agent));
    }

    String inbound(String subject, String body, String name) {
        return "{\"store\":\"" + store.key() + "\",\"from\":{\"email\":\"c@example.org\",\"name\":\"" + name
                + "\"},\"subject\":\"" + subject + "\",\"body\":\"" + body + "\"}";
    }

    static JsonNode onlyError(ApiClient.Response r) {
        assertThat(r.status()).as(r.raw().body()).isEqualTo(400);
        assertThat(r.json().get("errors")).as(r.raw().body()).hasSize(1);
        return r.json().get("errors").get(0);
    }

    @Test
    void aNulCharacterInAnyJsonTextIsAFieldError() {
        var inBody = api.post("/api/v1/inbound-messages", inbound("Hello", "Where\\u0000 is it?", "Cleo"));
        var nested = api.post(
                "/api/v1/inbound-messages",
                "{\"store\":\"" + store.key() + "\",\"from\":{\"email\":\"c@example.org\"},\"body\":\"Hi\","
                        + "\"attachments\":[{\"filename\":\"a\\u0000.pdf\",\"contentBase64\":\"AA==\"}]}");

        assertThat(onlyError(inBody).get("field").asString()).isEqualTo("body");
        assertThat(onlyError(inBody).get("message").asString()).contains("NUL");
        assertThat(onlyError(nested).get("field").asString()).isEqualTo("attachments[0].filename");
    }

    @Test
    void aLoneSurrogateEscapedInJsonIsAFieldError() {
        var r = api.post("/api/v1/inbound-messages", inbound("Broken \\ud800 subject", "Hi", "Cleo"));

        assertThat(onlyError(r).get("field").asString()).isEqualTo("subject");
        assertThat(onlyError(r).get("message").asString()).contains("surrogate");
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedOnTheirFieldAndNeverStoredAsOtherCharacters() throws Exception {
        // An overlong NUL, a code point above U+10FFFF, an encoded surrogate, a stray byte.
        byte[][] bad = {
            {(byte) 0xC0, (byte) 0x80},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xFF}
        };
        for (byte[] sequence : bad) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(("{\"store\":\"" + store.key() + "\",\"from\":{\"email\":\"c@example.org\",\"name\":\"Cl")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(sequence);
            body.writeBytes("o\"},\"body\":\"Hi\"}".getBytes(StandardCharsets.UTF_8));

            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/inbound-messages"))
                                    .header("Authorization", "Bearer " + fixtures.token(agent))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());

            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            JsonNode error = JsonMapper.builder()
                    .build()
                    .readTree(r.body())
                    .get("errors")
                    .get(0);
            assertThat(error.get("field").asString()).isEqualTo("from.name");
            assertThat(error.get("message").asString()).contains("UTF-8");
        }
    }

    @Test
    void aNonNumericOrFractionalIdIsA400NamingTheParameter() {
        long ticket = fixtures.ticket(store, "Ids", "Hello", null).ticketId();

        var path = api.get("/api/v1/tickets/abc");
        var fraction = api.get("/api/v1/tickets/1.5");
        var filter = api.get("/api/v1/tickets?clientId=x1");
        var inBody = api.put("/api/v1/tickets/" + ticket + "/assignment", "{\"assigneeId\":" + agent.id() + ".5}");

        assertThat(onlyError(path).get("field").asString()).isEqualTo("id");
        assertThat(onlyError(path).get("message").asString()).isEqualTo("must be a whole number");
        assertThat(onlyError(fraction).get("field").asString()).isEqualTo("id");
        assertThat(onlyError(filter).get("field").asString()).isEqualTo("clientId");
        assertThat(onlyError(inBody).get("field").asString()).isEqualTo("assigneeId");
        assertThat(onlyError(inBody).get("message").asString()).isEqualTo("must be a whole number");
        assertThat(tickets.find(ticket, ClientScope.everything()).orElseThrow().assigneeId())
                .isNull();
    }

    @Test
    void unknownEnumValuesAndLanguageCodesAreFieldErrors() {
        ApiClient admin = new ApiClient(port, fixtures.token(fixtures.admin()));
        String email = TestFixtures.unique("lang") + "@example.org";

        var role = admin.post(
                "/api/v1/users", "{\"email\":\"" + email + "\",\"displayName\":\"Lena\",\"role\":\"WIZARD\"}");
        var language = admin.post(
                "/api/v1/users",
                "{\"email\":\"" + email + "\",\"displayName\":\"Lena\",\"role\":\"AGENT\",\"languages\":[\"zz\"]}");

        assertThat(onlyError(role).get("field").asString()).isEqualTo("role");
        assertThat(onlyError(role).get("message").asString())
                .startsWith("must be one of")
                .contains("AGENT");
        assertThat(onlyError(language).get("field").asString()).isEqualTo("languages[0]");
        assertThat(onlyError(language).get("message").asString()).contains("language code");
    }

    @Test
    void aMissingRequiredValueSaysItIsRequiredAndOnlyBrokenJsonIsCalledNotJson() {
        ApiClient admin = new ApiClient(port, fixtures.token(fixtures.admin()));

        var missing = admin.put("/api/v1/clients/" + client.id(), "{\"name\":\"Still here\"}");
        var broken = api.post("/api/v1/inbound-messages", "{\"store\": ");
        var wrongShape =
                api.post("/api/v1/inbound-messages", inbound("Hi", "Hi", "Cleo").replace("\"Hi\"}", "[1]}"));

        assertThat(onlyError(missing).get("field").asString()).isEqualTo("active");
        assertThat(onlyError(missing).get("message").asString()).isEqualTo("is required");
        assertThat(clients.client(client.id()).orElseThrow().active()).isTrue();
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().get("detail").asString()).startsWith("The request body is not valid JSON");
        assertThat(onlyError(wrongShape).get("field").asString()).isEqualTo("body");
    }

    @Test
    void textFromAChannelIsCleanedAndKeptNotRefused() {
        var customer = customers.resolve(client.id(), "mirakl", "buyer\u0000-" + store.key(), "Bu\u0000yer");
        long ticket = fixtures.ticket(store, "Sub\u0000ject", "Where\u0000 is \uD800it?", null)
                .ticketId();

        var details = tickets.details(ticket, ClientScope.everything());
        assertThat(customer.displayName()).isEqualTo("Buyer");
        assertThat(details.ticket().subject()).isEqualTo("Subject");
        assertThat(details.messages().get(0).bodyText()).isEqualTo("Where is \uFFFDit?");
    }

    @Test
    void aUiFormRefusesANulCharacterOnItsFieldAndKeepsTheForm() throws Exception {
        String key = TestFixtures.unique("nul").toLowerCase();

        String html = mvc.perform(post("/admin/clients")
                        .param("key", key)
                        .param("name", "Null\u0000 GmbH")
                        .with(user(Long.toString(fixtures.admin().id())).roles("ADMIN"))
                        .with(csrf()))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(html).contains("class=\"error\"", "cannot be stored");
        assertThat(clients.clients(ClientScope.everything()))
                .noneMatch(c -> c.key().equals(key));
    }

    @Test
    void aUiPageWithANonNumericIdIsA400NamingIt() throws Exception {
        var response = mvc.perform(
                        get("/tickets/abc").with(user(Long.toString(agent.id())).roles("AGENT")))
                .andReturn()
                .getResponse();

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString()).contains("<strong>id</strong>", "must be a whole number");
    }

    @Test
    void aTamperedCsrfTokenIsForbiddenNotAnErrorOrARedirect() throws Exception {
        long ticket = fixtures.ticket(store, "Csrf", "Hello", null).ticketId();

        var response = mvc.perform(post("/tickets/" + ticket + "/note")
                        .param("body", "Sneaky")
                        .with(user(Long.toString(agent.id())).roles("AGENT"))
                        .with(csrf().useInvalidToken()))
                .andReturn()
                .getResponse();

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getRedirectedUrl()).isNull();
    }

    @Test
    void aFormPostThatIsNotUtf8IsRefusedThroughTheRealServer() throws Exception {
        long ticket = fixtures.ticket(store, "Form bytes", "Hello", null).ticketId();
        Browser browser = new Browser(port);
        browser.signIn(agent.email(), TestFixtures.PASSWORD);
        String token = browser.csrfToken("/tickets/" + ticket);

        HttpResponse<String> r = browser.postForm(
                "/tickets/" + ticket + "/note",
                "body=Hi%C0%80there&_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(tickets.details(ticket, ClientScope.everything()).messages()).hasSize(1);
    }

    @Test
    void anHtmxFormFieldThatIsNotUtf8IsA400NamingTheField() throws Exception {
        long ticket = fixtures.ticket(store, "Htmx bytes", "Hello", null).ticketId();
        Browser browser = new Browser(port);
        browser.signIn(agent.email(), TestFixtures.PASSWORD);
        String token = browser.csrfToken("/tickets/" + ticket);

        HttpResponse<String> r = browser.postForm(
                "/tickets/" + ticket + "/note",
                "body=Hi%F4%90%80%80there",
                "HX-Request",
                "true",
                "X-CSRF-TOKEN",
                token);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("<strong>body</strong>");
        assertThat(tickets.details(ticket, ClientScope.everything()).messages()).hasSize(1);
    }

    @Test
    void aQueryParameterThatIsNotUtf8IsA400NamingIt() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/tickets?q=a%C0%80b"))
                                .header("Authorization", "Bearer " + fixtures.token(agent))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode error =
                JsonMapper.builder().build().readTree(r.body()).get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("q");
        assertThat(error.get("message").asString()).isEqualTo("is not valid UTF-8");
    }

    /** A signed-in session over real HTTP, for what MockMvc cannot show: the server's own decoding of bytes. */
    static final class Browser {
        private final String base;
        private final HttpClient http;

        Browser(int port) {
            this.base = "http://localhost:" + port;
            this.http = HttpClient.newBuilder()
                    .cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
        }

        void signIn(String email, String password) throws Exception {
            String token = csrfToken("/login");
            HttpResponse<String> r = postForm(
                    "/login",
                    "username=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
                            + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
                            + URLEncoder.encode(token, StandardCharsets.UTF_8));
            assertThat(r.headers().firstValue("Location").orElse("")).doesNotContain("error");
        }

        String csrfToken(String page) throws Exception {
            String html = http.send(
                            HttpRequest.newBuilder(URI.create(base + page))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            Matcher m = Pattern.compile("name=\"(?:_csrf|csrf-token)\"[^>]*(?:value|content)=\"([^\"]+)\"")
                    .matcher(html);
            assertThat(m.find()).as(html).isTrue();
            return m.group(1);
        }

        HttpResponse<String> postForm(String path, String form, String... headers) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.ISO_8859_1));
            for (int i = 0; i + 1 < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
