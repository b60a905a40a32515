package dev.kontor.rules.internal;

import static dev.kontor.rules.RuleFixtures.then;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kontor.KontorIntegrationTest;
import dev.kontor.TestFixtures;
import dev.kontor.clients.ClientView;
import dev.kontor.rules.RuleFiring;
import dev.kontor.rules.RuleFixtures;
import dev.kontor.rules.RuleManagement;
import dev.kontor.rules.RuleView;
import dev.kontor.shared.ClientScope;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A transaction's firings reach the table once, at its commit, as its savepoints left them. */
@KontorIntegrationTest
class FiringsIntegrationTests {

    @Autowired
    TestFixtures fixtures;

    @Autowired
    RuleFixtures rf;

    @Autowired
    Firings firings;

    @Autowired
    RuleManagement rules;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void firingsRolledBackToASavepointAreNotRecordedAndTheOthersKeepTheirOutcomesUpToIt() {
        ClientView client = fixtures.client();
        RuleView rule =
                rf.eventRule(client, "tag it", 1, List.of("agent_replied"), List.of(), then("add_tags", "seen"));
        long ticket = fixtures.ticket(fixtures.store(client), "Frage", "Ist das Zelt wasserdicht?", null)
                .ticketId();
        Instant now = Instant.now();

        Integer countedInside = new TransactionTemplate(transactions).execute(tx -> {
            Firings.Firing kept = firings.fired(firing(rule, client, ticket, now));
            firings.add(kept, List.of("tags:seen"));
            Object savepoint = tx.createSavepoint();
            firings.fired(firing(rule, client, ticket, now));
            firings.add(kept, List.of("assigned:1"));
            tx.rollbackToSavepoint(savepoint);
            firings.add(kept, List.of("waiting"));
            return firings.since(rule.id(), ticket, now.minusSeconds(60));
        });

        assertThat(countedInside)
                .as("the loop guard counts firings not yet written")
                .isEqualTo(1);
        assertThat(rules.firings(ticket, ClientScope.everything()))
                .filteredOn(f -> rule.id().equals(f.ruleId()))
                .singleElement()
                .extracting(
                        f -> f.outcomes().stream().map(RuleFiring.Outcome::code).toList())
                .isEqualTo(List.of("tags", "waiting"));
    }

    private static Firings.Firing firing(RuleView rule, ClientView client, long ticket, Instant now) {
        return new Firings.Firing(rule.id(), rule.name(), ticket, client.id(), "agent_replied", null, now);
    }
}
