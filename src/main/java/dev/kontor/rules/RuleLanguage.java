package dev.kontor.rules;

import dev.kontor.rules.internal.RuleSpecs;
import dev.kontor.rules.internal.Trigger;
import java.util.Arrays;
import java.util.List;

/** The words of the rule language, for editors: triggers, condition fields and operators, action types. */
public final class RuleLanguage {

    private RuleLanguage() {}

    public static final List<String> TRIGGERS = Arrays.stream(Trigger.values())
            .filter(t -> t != Trigger.TIME)
            .map(Trigger::key)
            .toList();

    public static final List<String> FIELDS = RuleSpecs.FIELDS;

    public static final List<String> OPERATORS = RuleSpecs.OPERATORS;

    public static final List<String> ACTIONS = RuleSpecs.ACTIONS;

    public static final List<String> STRATEGIES = RuleSpecs.STRATEGIES;
}
