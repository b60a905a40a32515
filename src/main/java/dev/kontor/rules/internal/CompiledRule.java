package dev.kontor.rules.internal;

import java.util.List;
import java.util.Set;

/** A rule ready to evaluate: its checks and actions compiled once per rule revision. */
public record CompiledRule(
        long id,
        Long clientId,
        String name,
        boolean timeRule,
        int position,
        Set<Trigger> triggers,
        boolean matchAll,
        List<Check> checks,
        List<Act> acts,
        boolean stopProcessing) {

    public boolean serves(long client) {
        return clientId == null || clientId == client;
    }

    public boolean matches(Facts f) {
        if (checks.isEmpty()) {
            return true;
        }
        if (matchAll) {
            for (Check c : checks) {
                if (!c.test(f)) {
                    return false;
                }
            }
            return true;
        }
        for (Check c : checks) {
            if (c.test(f)) {
                return true;
            }
        }
        return false;
    }

    /** The time conditions: what a time rule's episode is counted from. */
    public List<Check.Elapsed> elapsed() {
        return checks.stream()
                .filter(Check.Elapsed.class::isInstance)
                .map(Check.Elapsed.class::cast)
                .toList();
    }
}
