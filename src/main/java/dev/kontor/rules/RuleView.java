package dev.kontor.rules;

import java.time.Instant;
import java.util.List;

/**
 * A rule as admins write and read it. {@code kind}: event (runs on its {@code triggers}) or time (checked every
 * minute). {@code match}: all or any of the conditions. References (client, store, team, user, SLA policy) are
 * stored as ids; on saving, names are accepted too. {@code clientId} null: the rule serves every client.
 */
public record RuleView(
        Long id,
        Long clientId,
        String name,
        String kind,
        int position,
        boolean enabled,
        List<String> triggers,
        String match,
        List<Condition> conditions,
        List<Action> actions,
        boolean stopProcessing,
        Instant updatedAt) {

    /** {@code field op value}, e.g. language is fr, text contains "storno", customer_waiting more_than 240. */
    public record Condition(String field, String op, String value) {}

    /** {@code type value [option]}, e.g. add_tags storno, assign_by FR language, notify assignee "Stalled". */
    public record Action(String type, String value, String option) {}

    public RuleView withId(Long newId) {
        return new RuleView(
                newId,
                clientId,
                name,
                kind,
                position,
                enabled,
                triggers,
                match,
                conditions,
                actions,
                stopProcessing,
                updatedAt);
    }
}
