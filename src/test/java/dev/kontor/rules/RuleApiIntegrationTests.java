package dev.kontor.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontor.ApiClient;
import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.accounts.TeamView;
import dev.kontor.accounts.UserView;
import dev.kontor.clients.ClientView;
import dev.kontor.clients.StoreView;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The rules API: what admins and agents may do, and errors that name the field. */
@KontorIntegrationTest
class RuleApiIntegrationTests {

    @Autowired
    TestFixtures fixtures;

    @Autowired
    RuleFixtures rf;

    @LocalServerPort
    int port;

    @Test
    void anAdminAddsARuleByNamesAndTheTicketShowsItsFiringToAnAgentOfTheClientOnly() {
        ClientView client = fixtures.client();
        StoreView store = fixtures.store(client);
        UserView agent = fixtures.agent(client);
        TeamView team = rf.team("API", agent);
        ApiClient admin = new ApiClient(port, fixtures.token(fixtures.admin()));
        ApiClient api = new ApiClient(port, fixtures.token(agent));

        var created = admin.post("/api/v1/rules", """
                {"clientId": %d, "name": "Invoices to the API team", "kind": "event", "position": 5, "enabled": true,
                 "triggers": ["ticket_created"], "match": "any",
                 "conditions": [{"field": "text", "op": "contains", "value": "rechnung, invoice"}],
                 "actions": [{"type": "set_team", "value": "%s"}, {"type": "add_tags", "value": "billing"}]}
                """.formatted(client.id(), team.name()));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        assertThat(created.json().get("actions").get(0).get("value").asString())
                .as("stored as the team's id")
                .isEqualTo(Long.toString(team.id()));
        long ruleId = created.json().get("id").asLong();
        assertThat(admin.get("/api/v1/rules/" + ruleId).json().get("name").asString())
                .isEqualTo("Invoices to the API team");
        assertThat(api.get("/api/v1/rules").status())
                .as("agents do not edit rules")
                .isEqualTo(403);

        var sent = api.post(
                "/api/v1/inbound-messages",
                "{\"store\":\"" + store.key() + "\",\"from\":{\"email\":\"b@example.org\"},"
                        + "\"subject\":\"Rechnung\",\"body\":\"Bitte schicken Sie mir die Rechnung.\"}");
        long ticketId = sent.json().get("ticketId").asLong();
        rf.firings(ticketId, 1);
        var firings = api.get("/api/v1/tickets/" + ticketId + "/rule-firings");
        assertThat(firings.status()).isEqualTo(200);
        assertThat(firings.json().get(0).get("ruleName").asString()).isEqualTo("Invoices to the API team");
        List<String> codes = new ArrayList<>();
        firings.json()
                .get(0)
                .get("outcomes")
                .forEach(o -> codes.add(o.get("code").asString()));
        assertThat(codes).contains("team", "tag_added");

        UserView stranger = fixtures.agent(fixtures.client());
        assertThat(new ApiClient(port, fixtures.token(stranger))
                        .get("/api/v1/tickets/" + ticketId + "/rule-firings")
                        .status())
                .isEqualTo(404);

        var tested = admin.post("/api/v1/rules/test", created.json().toString());
        assertThat(tested.status()).isEqualTo(200);
        assertThat(tested.json().get("matched").asInt()).isPositive();
        assertThat(admin.delete("/api/v1/rules/" + ruleId).status()).isEqualTo(204);
        assertThat(admin.get("/api/v1/rules/" + ruleId).status()).isEqualTo(404);
    }

    @Test
    void aRuleWithMistakesIsRefusedWithAProblemNamingEachField() {
        // Readable JSON with wrong values: 422 with every field named (unreadable JSON is a 400).
        ApiClient admin = new ApiClient(port, fixtures.token(fixtures.admin()));
        var r = admin.post("/api/v1/rules", """
                {"name": "", "kind": "event", "triggers": ["ticket_exploded"], "match": "all",
                 "conditions": [{"field": "mood", "op": "is", "value": "angry"}],
                 "actions": [{"type": "set_priority", "value": "whenever"}]}
                """);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(422);
        List<String> fields = new ArrayList<>();
        r.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).contains("name", "triggers", "conditions[0].field", "actions[0].value");
    }

    @Test
    void agentsReadTheirNotificationsAndMarkThemRead() {
        UserView agent = fixtures.agent(fixtures.client());
        ApiClient api = new ApiClient(port, fixtures.token(agent));

        assertThat(api.get("/api/v1/me/notifications").json()).isEmpty();
        assertThat(api.post("/api/v1/me/notifications/read", "{}").status()).isEqualTo(204);
    }
}
