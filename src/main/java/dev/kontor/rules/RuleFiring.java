package dev.kontor.rules;

import java.time.Instant;
import java.util.List;

/**
 * A rule fired on a ticket: on which trigger, and what each action did. An outcome is {@code code} with an
 * optional {@code detail} (tag_added storno, assigned Marie Dupont, waiting FR, failed "…").
 */
public record RuleFiring(
        long id, Long ruleId, String ruleName, long ticketId, String trigger, Instant firedAt, List<Outcome> outcomes) {

    public record Outcome(String code, String detail) {}
}
