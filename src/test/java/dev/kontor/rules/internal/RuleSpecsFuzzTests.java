package dev.kontor.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.kontor.rules.RuleView;
import dev.kontor.rules.RuleView.Action;
import dev.kontor.rules.RuleView.Condition;
import dev.kontor.shared.InvalidInput;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Coverage-guided fuzzing of rules as admins write them: any mix of known and unknown fields, operators, actions
 * and values either normalizes into a rule that compiles, or is refused as {@link InvalidInput} naming fields.
 */
class RuleSpecsFuzzTests {

    /** Numbers are known ids; names are unknown, so both paths of every reference are taken. */
    private static final RuleSpecs.Directory DIRECTORY = new RuleSpecs.Directory() {
        @Override
        public Optional<Long> client(String idOrName) {
            return id(idOrName);
        }

        @Override
        public Optional<Long> store(String idOrName, Long clientId) {
            return id(idOrName);
        }

        @Override
        public Optional<Long> team(String idOrName) {
            return id(idOrName);
        }

        @Override
        public Optional<Long> user(String idOrName) {
            return id(idOrName);
        }

        @Override
        public Optional<Long> slaPolicy(String idOrName, Long clientId) {
            return id(idOrName);
        }

        @Override
        public Optional<Long> template(String idOrName, long clientId) {
            return id(idOrName);
        }

        private Optional<Long> id(String s) {
            return s != null && s.strip().matches("\\d{1,9}")
                    ? Optional.of(Long.parseLong(s.strip()))
                    : Optional.empty();
        }
    };

    @FuzzTest(maxDuration = "20s")
    void anyRuleNormalizesAndCompilesOrIsAFieldError(FuzzedDataProvider data) {
        String[] triggers = Arrays.stream(Trigger.values()).map(Trigger::key).toArray(String[]::new);
        List<String> chosenTriggers = new ArrayList<>();
        for (int i = data.consumeInt(0, 3); i > 0; i--) {
            chosenTriggers.add(data.consumeBoolean() ? data.pickValue(triggers) : data.consumeString(20));
        }
        List<Condition> conditions = new ArrayList<>();
        for (int i = data.consumeInt(0, 4); i > 0; i--) {
            conditions.add(new Condition(
                    pick(data, RuleSpecs.FIELDS), pick(data, RuleSpecs.OPERATORS), data.consumeString(60)));
        }
        List<Action> actions = new ArrayList<>();
        for (int i = data.consumeInt(0, 4); i > 0; i--) {
            actions.add(new Action(pick(data, RuleSpecs.ACTIONS), data.consumeString(60), data.consumeString(30)));
        }
        RuleView rule = new RuleView(
                null,
                data.consumeBoolean() ? null : (long) data.consumeInt(0, 5),
                data.consumeString(30),
                data.pickValue(new String[] {"event", "time", "", "other"}),
                data.consumeInt(-2, 2_000_000),
                data.consumeBoolean(),
                chosenTriggers,
                data.pickValue(new String[] {"all", "any", "", "some"}),
                conditions,
                actions,
                data.consumeBoolean(),
                null);

        RuleView normalized;
        try {
            normalized = RuleSpecs.normalize(rule, DIRECTORY);
        } catch (InvalidInput refused) {
            assertThat(refused.errors()).isNotEmpty();
            return;
        }
        assertThat(RuleSpecs.compile(normalized.withId(1L))).isNotNull(); // stored rules have ids
    }

    private static String pick(FuzzedDataProvider data, List<String> known) {
        return data.consumeInt(0, 9) == 0 ? data.consumeString(20) : known.get(data.consumeInt(0, known.size() - 1));
    }
}
