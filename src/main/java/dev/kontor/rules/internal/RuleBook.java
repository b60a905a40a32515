package dev.kontor.rules.internal;

import static dev.kontor.rules.db.Tables.REVISION;
import static dev.kontor.rules.db.Tables.RULE;

import dev.kontor.rules.RuleView;
import dev.kontor.rules.db.tables.records.RuleRecord;
import dev.kontor.shared.BatchMemo;
import java.util.Comparator;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The enabled rules, compiled. Every read checks the revision row (one indexed read) and recompiles only when an
 * admin changed a rule, on whichever node: the compiled rules are a cache of the table, never state of their own.
 */
@Component
public class RuleBook {

    private static final TypeReference<List<RuleView.Condition>> CONDITIONS = new TypeReference<>() {};
    private static final TypeReference<List<RuleView.Action>> ACTIONS = new TypeReference<>() {};

    private record Snapshot(long revision, List<CompiledRule> rules) {}

    private final DSLContext db;
    private final JsonMapper json;
    private volatile Snapshot snapshot = new Snapshot(-1, List.of());

    RuleBook(DSLContext db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** Enabled rules in order (position, then id). */
    public List<CompiledRule> rules() {
        long revision = BatchMemo.remember(
                List.of("rules.revision"),
                () -> db.select(REVISION.VALUE).from(REVISION).fetchOne(REVISION.VALUE));
        Snapshot s = snapshot;
        if (s.revision() != revision) {
            List<CompiledRule> compiled = db.selectFrom(RULE).where(RULE.ENABLED.isTrue()).fetch().stream()
                    .map(r -> RuleSpecs.compile(view(r)))
                    .sorted(Comparator.comparingInt(CompiledRule::position).thenComparingLong(CompiledRule::id))
                    .toList();
            s = new Snapshot(revision, compiled);
            snapshot = s;
        }
        return s.rules();
    }

    /** Marks the rules as changed (in the admin's transaction): every node recompiles on its next read. */
    public void changed() {
        db.update(REVISION).set(REVISION.VALUE, REVISION.VALUE.plus(1)).execute();
    }

    public RuleView view(RuleRecord r) {
        return new RuleView(
                r.getId(),
                r.getClientId(),
                r.getName(),
                r.getKind(),
                r.getPosition(),
                r.getEnabled(),
                List.of(r.getTriggers()),
                r.getMatch(),
                json.readValue(r.getConditions().data(), CONDITIONS),
                json.readValue(r.getActions().data(), ACTIONS),
                r.getStopProcessing(),
                r.getUpdatedAt());
    }

    public String conditionsJson(RuleView r) {
        return json.writeValueAsString(r.conditions());
    }

    public String actionsJson(RuleView r) {
        return json.writeValueAsString(r.actions());
    }
}
