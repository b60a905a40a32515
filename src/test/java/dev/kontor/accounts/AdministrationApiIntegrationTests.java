package dev.kontor.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontor.ApiClient;
import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What an admin does in the UI, a script does through the API. */
@KontorIntegrationTest
class AdministrationApiIntegrationTests {

    @Autowired
    TestFixtures fixtures;

    @LocalServerPort
    int port;

    ApiClient admin;

    @BeforeEach
    void setUp() {
        admin = new ApiClient(port, fixtures.token(fixtures.admin()));
    }

    static List<String> fields(ApiClient.Response r) {
        List<String> fields = new ArrayList<>();
        r.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        return fields;
    }

    @Test
    void anAdminProvisionsAClientWithStoresChannelsAnAgentAndItsAccess() {
        String key = TestFixtures.unique("acme");
        var client = admin.post("/api/v1/clients", "{\"key\":\"" + key + "\",\"name\":\"Acme GmbH\"}");
        long clientId = client.json().get("id").asLong();
        var store = admin.post(
                "/api/v1/stores", "{\"clientId\":" + clientId + ",\"key\":\"" + key + "-fr\",\"name\":\"Mirakl FR\"}");
        long storeId = store.json().get("id").asLong();
        var channel = admin.post(
                "/api/v1/channels",
                "{\"storeId\":" + storeId + ",\"kind\":\"MIRAKL\",\"name\":\"Marketplace FR\","
                        + "\"settings\":{\"operator\":\"Carrefour\"}}");
        String email = TestFixtures.unique("agent") + "@example.com";
        var agent = admin.post(
                "/api/v1/users",
                "{\"email\":\"" + email + "\",\"displayName\":\"Amélie\",\"role\":\"AGENT\","
                        + "\"password\":\"long-enough-pw\",\"locale\":\"fr\",\"languages\":[\"fr\",\"en\"]}");
        long agentId = agent.json().get("id").asLong();
        var granted = admin.put("/api/v1/users/" + agentId + "/clients/" + clientId, "");
        var team = admin.post("/api/v1/teams", "{\"name\":\"" + key + " FR\",\"memberIds\":[" + agentId + "]}");

        assertThat(client.status()).isEqualTo(201);
        assertThat(store.status()).isEqualTo(201);
        assertThat(admin.get("/api/v1/stores/" + storeId + "/channels").json().toString())
                .contains("\"kind\":\"API\"", "\"kind\":\"MIRAKL\"", "Carrefour");
        assertThat(channel.status()).isEqualTo(201);
        assertThat(agent.status()).isEqualTo(201);
        assertThat(agent.raw().body()).doesNotContain("password");
        assertThat(granted.json().get("clientIds").toString()).contains(Long.toString(clientId));
        assertThat(team.json().get("memberIds").toString()).contains(Long.toString(agentId));

        var revoked = admin.delete("/api/v1/users/" + agentId + "/clients/" + clientId);
        assertThat(revoked.json().get("clientIds")).isEmpty();
    }

    @Test
    void invalidAdminInputNamesTheFields() {
        var client = admin.post("/api/v1/clients", "{\"key\":\"Not A Key\",\"name\":\"\"}");
        var user = admin.post(
                "/api/v1/users",
                "{\"email\":\"nope\",\"displayName\":\"x\",\"role\":\"AGENT\",\"password\":\"short\"}");
        var role = admin.post("/api/v1/users", "{\"email\":\"a@b.de\",\"displayName\":\"x\",\"role\":\"BOSS\"}");

        assertThat(client.status()).isEqualTo(400);
        assertThat(fields(client)).contains("key", "name");
        assertThat(user.status()).isEqualTo(400);
        assertThat(fields(user)).contains("email", "password");
        assertThat(role.status()).isEqualTo(400);
        assertThat(role.json().get("detail").asString()).contains("role");
    }

    @Test
    void duplicateKeysAndAddressesAreRejectedOnTheirField() {
        String key = TestFixtures.unique("dup");
        admin.post("/api/v1/clients", "{\"key\":\"" + key + "\",\"name\":\"One\"}");

        var again = admin.post("/api/v1/clients", "{\"key\":\"" + key + "\",\"name\":\"Two\"}");

        assertThat(again.status()).isEqualTo(422);
        assertThat(fields(again)).containsExactly("key");
    }

    @Test
    void agentsCannotAdministerAndSeeOnlyTheirClients() {
        var mine = fixtures.client();
        var other = fixtures.client();
        var agentUser = fixtures.agent(mine);
        ApiClient agent = new ApiClient(port, fixtures.token(agentUser));

        assertThat(agent.post("/api/v1/clients", "{\"key\":\"x-y\",\"name\":\"X\"}")
                        .status())
                .isEqualTo(403);
        assertThat(agent.put("/api/v1/users/" + agentUser.id() + "/clients/" + other.id(), "")
                        .status())
                .isEqualTo(403);
        assertThat(agent.get("/api/v1/clients").json().toString())
                .contains(mine.key())
                .doesNotContain(other.key());
        assertThat(agent.get("/api/v1/clients/" + other.id()).status()).isEqualTo(404);
    }

    @Test
    void aUserManagesTheirOwnTokensButNobodyElses() {
        var a = fixtures.agent();
        var b = fixtures.agent();
        ApiClient asA = new ApiClient(port, fixtures.token(a));

        var created = asA.post("/api/v1/users/" + a.id() + "/api-tokens", "{\"name\":\"script\"}");
        var foreign = asA.post("/api/v1/users/" + b.id() + "/api-tokens", "{\"name\":\"steal\"}");

        assertThat(created.status()).isEqualTo(201);
        String token = created.json().get("token").asString();
        assertThat(new ApiClient(port, token).get("/api/v1/me").json().get("id").asLong())
                .isEqualTo(a.id());
        assertThat(asA.get("/api/v1/users/" + a.id() + "/api-tokens").raw().body())
                .doesNotContain(token);
        assertThat(foreign.status()).isEqualTo(404);

        asA.delete("/api/v1/users/" + a.id() + "/api-tokens/"
                + created.json().get("id").asLong());
        assertThat(new ApiClient(port, token).get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void aDeactivatedUsersTokenStopsWorking() {
        var agentUser = fixtures.agent();
        String token = fixtures.token(agentUser);

        admin.put("/api/v1/users/" + agentUser.id(), "{\"displayName\":\"Gone\",\"role\":\"AGENT\",\"active\":false}");

        assertThat(new ApiClient(port, token).get("/api/v1/me").status()).isEqualTo(401);
    }
}
