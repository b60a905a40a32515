package dev.kontor.rules.internal;

import dev.kontor.clients.ChannelKind;
import dev.kontor.routing.TeamRouting;
import dev.kontor.rules.RuleView;
import dev.kontor.rules.RuleView.Action;
import dev.kontor.rules.RuleView.Condition;
import dev.kontor.shared.FieldError;
import dev.kontor.shared.InvalidInput;
import dev.kontor.shared.LanguageCode;
import dev.kontor.tickets.Priority;
import dev.kontor.tickets.Tags;
import dev.kontor.tickets.TicketStatus;
import dev.kontor.triage.Category;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The rule language: which fields take which operators and values, which actions exist. {@link #normalize} checks
 * a rule as written (naming each bad field, e.g. {@code conditions[2].value}) and turns names into ids;
 * {@link #compile} turns a stored rule into checks and actions without any lookup.
 */
public final class RuleSpecs {

    private RuleSpecs() {}

    /** Names and ids of what rules refer to. */
    public interface Directory {
        Optional<Long> client(String idOrName);

        Optional<Long> store(String idOrName, Long clientId);

        Optional<Long> team(String idOrName);

        Optional<Long> user(String idOrName);

        Optional<Long> slaPolicy(String idOrName, Long clientId);

        /** A template of the client, by id or name. */
        Optional<Long> template(String idOrName, long clientId);
    }

    public static final List<String> FIELDS = List.of(
            "client",
            "store",
            "channel",
            "language",
            "category",
            "tags",
            "customer_tier",
            "priority",
            "status",
            "text",
            "order_value",
            "order_state",
            "business_hours",
            "assignee",
            "team",
            "added_tag",
            "sla_metric",
            "customer_waiting",
            "in_status_for",
            "sla_due_in",
            "sla_overdue");

    public static final List<String> OPERATORS = List.of(
            "is",
            "is_not",
            "contains",
            "not_contains",
            "matches",
            "more_than",
            "less_than",
            "inside",
            "outside",
            "is_set",
            "is_empty");

    private static final Map<String, Set<String>> OPS = Map.ofEntries(
            Map.entry("client", Set.of("is", "is_not")),
            Map.entry("store", Set.of("is", "is_not")),
            Map.entry("channel", Set.of("is", "is_not")),
            Map.entry("language", Set.of("is", "is_not")),
            Map.entry("category", Set.of("is", "is_not")),
            Map.entry("tags", Set.of("contains", "not_contains")),
            Map.entry("customer_tier", Set.of("is", "is_not")),
            Map.entry("priority", Set.of("is", "is_not")),
            Map.entry("status", Set.of("is", "is_not")),
            Map.entry("text", Set.of("contains", "not_contains", "matches")),
            Map.entry("order_value", Set.of("more_than", "less_than")),
            Map.entry("order_state", Set.of("is", "is_not")),
            Map.entry("business_hours", Set.of("inside", "outside")),
            Map.entry("assignee", Set.of("is", "is_not", "is_set", "is_empty")),
            Map.entry("team", Set.of("is", "is_not", "is_set", "is_empty")),
            Map.entry("added_tag", Set.of("is")),
            Map.entry("sla_metric", Set.of("is")),
            Map.entry("customer_waiting", Set.of("more_than")),
            Map.entry("in_status_for", Set.of("more_than")),
            Map.entry("sla_due_in", Set.of("less_than")),
            Map.entry("sla_overdue", Set.of("more_than")));

    private static final Set<String> TIME_FIELDS =
            Set.of("customer_waiting", "in_status_for", "sla_due_in", "sla_overdue");

    public static final List<String> ACTIONS = List.of(
            "set_category",
            "set_priority",
            "add_tags",
            "remove_tags",
            "set_team",
            "assign_agent",
            "assign_by",
            "unassign",
            "set_status",
            "apply_sla_policy",
            "add_note",
            "auto_reply",
            "reply_template",
            "notify");

    public static final List<String> STRATEGIES = TeamRouting.STRATEGIES;

    private static final Set<String> METRICS = Set.of("first_response", "next_response", "resolution");

    /** Checks the rule and returns it with canonical values (ids for references); throws naming every bad field. */
    public static RuleView normalize(RuleView r, Directory d) {
        List<FieldError> errors = new ArrayList<>();
        String name = r.name() == null ? "" : r.name().strip();
        if (name.isEmpty() || name.length() > 200) {
            errors.add(new FieldError("name", "must have 1 to 200 characters"));
        }
        String kind =
                r.kind() == null || r.kind().isBlank() ? "event" : r.kind().strip();
        if (!Set.of("event", "time").contains(kind)) {
            errors.add(new FieldError("kind", "event or time"));
        }
        String match =
                r.match() == null || r.match().isBlank() ? "all" : r.match().strip();
        if (!Set.of("all", "any").contains(match)) {
            errors.add(new FieldError("match", "all or any"));
        }
        Long clientId = r.clientId();
        if (clientId != null && d.client(String.valueOf(clientId)).isEmpty()) {
            errors.add(new FieldError("clientId", "unknown client"));
        }
        List<String> triggers = new ArrayList<>();
        for (String t : r.triggers() == null ? List.<String>of() : r.triggers()) {
            if (t == null || t.isBlank()) {
                continue;
            }
            if (Trigger.fromKey(t.strip()).isEmpty()) {
                errors.add(new FieldError("triggers", "unknown trigger '" + t + "'"));
            } else if (!triggers.contains(t.strip())) {
                triggers.add(t.strip());
            }
        }
        if ("event".equals(kind)
                && triggers.isEmpty()
                && errors.stream().noneMatch(e -> e.field().equals("triggers"))) {
            errors.add(new FieldError("triggers", "an event rule needs at least one trigger"));
        }
        if ("time".equals(kind)) {
            triggers.clear();
        }
        List<Condition> conditions = new ArrayList<>();
        List<Condition> given = r.conditions() == null ? List.of() : r.conditions();
        for (int i = 0; i < given.size(); i++) {
            Condition c = given.get(i);
            if (c == null || blank(c.field())) {
                continue;
            }
            String at = "conditions[" + i + "]";
            String field = c.field().strip();
            String op = c.op() == null ? "" : c.op().strip();
            if (!OPS.containsKey(field)) {
                errors.add(new FieldError(at + ".field", "unknown field '" + field + "'"));
                continue;
            }
            if (!OPS.get(field).contains(op)) {
                errors.add(new FieldError(
                        at + ".op", "'" + field + "' takes " + String.join(", ", sorted(OPS.get(field)))));
                continue;
            }
            try {
                conditions.add(new Condition(field, op, conditionValue(field, op, c.value(), clientId, d)));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(at + ".value", e.getMessage()));
            }
        }
        if ("time".equals(kind) && conditions.stream().noneMatch(c -> TIME_FIELDS.contains(c.field()))) {
            errors.add(new FieldError(
                    "conditions",
                    "a time rule needs a time condition (customer_waiting, in_status_for, sla_due_in or"
                            + " sla_overdue)"));
        }
        List<Action> actions = new ArrayList<>();
        List<Action> wanted = r.actions() == null ? List.of() : r.actions();
        for (int i = 0; i < wanted.size(); i++) {
            Action a = wanted.get(i);
            if (a == null || blank(a.type())) {
                continue;
            }
            String at = "actions[" + i + "]";
            String type = a.type().strip();
            if (!ACTIONS.contains(type)) {
                errors.add(new FieldError(at + ".type", "unknown action '" + type + "'"));
                continue;
            }
            try {
                actions.add(action(type, a.value(), a.option(), clientId, d, at, errors));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(at + ".value", e.getMessage()));
            }
        }
        if (actions.isEmpty() && errors.stream().noneMatch(e -> e.field().startsWith("actions"))) {
            errors.add(new FieldError("actions", "a rule needs at least one action"));
        }
        if (r.position() < 0 || r.position() > 1_000_000) {
            errors.add(new FieldError("position", "between 0 and 1000000"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return new RuleView(
                r.id(),
                clientId,
                name,
                kind,
                r.position(),
                r.enabled(),
                List.copyOf(triggers),
                match,
                List.copyOf(conditions),
                List.copyOf(actions),
                r.stopProcessing(),
                r.updatedAt());
    }

    private static String conditionValue(String field, String op, String raw, Long clientId, Directory d) {
        String v = raw == null ? "" : raw.strip();
        if (Set.of("inside", "outside", "is_set", "is_empty").contains(op)) {
            return "";
        }
        if (v.isEmpty()) {
            throw new IllegalArgumentException("must not be empty");
        }
        return switch (field) {
            case "client" -> list(v, x -> d.client(x).map(String::valueOf), "unknown client");
            case "store" -> list(v, x -> d.store(x, clientId).map(String::valueOf), "unknown store");
            case "channel" -> list(v, x -> ChannelKind.fromKey(lower(x)).map(ChannelKind::key), "unknown channel");
            case "language" ->
                list(
                        v,
                        x -> Optional.of(lower(x)).filter(l -> l.equals("unknown") || LanguageCode.isKnown(l)),
                        "not a known language code");
            case "category" -> list(v, x -> Category.fromKey(lower(x)).map(Category::key), "unknown category");
            case "priority" -> list(v, x -> Priority.fromKey(lower(x)).map(Priority::key), "unknown priority");
            case "status" -> list(v, x -> TicketStatus.fromKey(lower(x)).map(TicketStatus::key), "unknown status");
            case "customer_tier" -> list(v, x -> Optional.of(lower(x)), "");
            case "order_state" -> list(v, x -> Optional.of(x.toUpperCase(Locale.ROOT)), "");
            case "sla_metric" -> list(v, x -> Optional.of(lower(x)).filter(METRICS::contains), "unknown SLA metric");
            case "tags", "added_tag" -> tag(v);
            case "assignee" -> list(v, x -> d.user(x).map(String::valueOf), "unknown user");
            case "team" -> list(v, x -> d.team(x).map(String::valueOf), "unknown team");
            case "text" -> text(v, op);
            case "order_value" -> amount(v);
            default -> minutes(v);
        };
    }

    private static Action action(
            String type, String raw, String rawOption, Long clientId, Directory d, String at, List<FieldError> errors) {
        String v = raw == null ? "" : raw.strip();
        String option = rawOption == null ? "" : rawOption.strip();
        if (!"unassign".equals(type) && v.isEmpty()) {
            throw new IllegalArgumentException("must not be empty");
        }
        String value = switch (type) {
            case "set_category" ->
                Category.fromKey(lower(v)).map(Category::key).orElseThrow(() -> bad("unknown category"));
            case "set_priority" ->
                Priority.fromKey(lower(v)).map(Priority::key).orElseThrow(() -> bad("unknown priority"));
            case "add_tags", "remove_tags" -> String.join(", ", tags(v));
            case "set_team", "assign_by" -> d.team(v).map(String::valueOf).orElseThrow(() -> bad("unknown team"));
            case "assign_agent" -> d.user(v).map(String::valueOf).orElseThrow(() -> bad("unknown user"));
            case "set_status" ->
                TicketStatus.fromKey(lower(v))
                        .filter(s -> s != TicketStatus.NEW)
                        .map(TicketStatus::key)
                        .orElseThrow(() -> bad("open, pending, on_hold, solved or closed"));
            case "apply_sla_policy" ->
                d.slaPolicy(v, clientId).map(String::valueOf).orElseThrow(() -> bad("unknown SLA policy"));
            case "add_note", "auto_reply" -> {
                if (v.length() > 10_000) {
                    throw bad("at most 10000 characters");
                }
                yield v;
            }
            case "notify" -> String.join(", ", recipients(v, d));
            case "reply_template" -> {
                if (clientId == null) {
                    throw bad("a template belongs to one client: choose the rule's client first");
                }
                yield d.template(v, clientId).map(String::valueOf).orElseThrow(() -> bad("unknown template"));
            }
            default -> "";
        };
        if ("assign_by".equals(type)) {
            if (!STRATEGIES.contains(option) || "manual".equals(option)) {
                errors.add(new FieldError(at + ".option", "round_robin, least_loaded or language"));
            }
        } else if ("notify".equals(type)) {
            if (option.isEmpty() || option.length() > 1000) {
                errors.add(new FieldError(at + ".option", "the message: 1 to 1000 characters"));
            }
        } else {
            option = null;
        }
        return new Action(type, value, option);
    }

    /** Compiles a stored (normalized) rule. */
    public static CompiledRule compile(RuleView r) {
        List<Check> checks = r.conditions().stream().map(RuleSpecs::check).toList();
        List<Act> acts = r.actions().stream().map(RuleSpecs::act).toList();
        Set<Trigger> triggers = new LinkedHashSet<>();
        r.triggers().forEach(t -> Trigger.fromKey(t).ifPresent(triggers::add));
        return new CompiledRule(
                r.id(),
                r.clientId(),
                r.name(),
                "time".equals(r.kind()),
                r.position(),
                Set.copyOf(triggers),
                !"any".equals(r.match()),
                checks,
                acts,
                r.stopProcessing());
    }

    static Check check(Condition c) {
        boolean not = c.op().equals("is_not") || c.op().equals("not_contains");
        Set<String> values = Set.copyOf(split(c.value()));
        return switch (c.field()) {
            case "client" ->
                new Check.OneOf("client", f -> String.valueOf(f.ticket().clientId()), values, not);
            case "store" ->
                new Check.OneOf("store", f -> String.valueOf(f.ticket().storeId()), values, not);
            case "channel" -> new Check.OneOf("channel", Facts::channelKind, values, not);
            case "language" -> new Check.OneOf("language", f -> f.ticket().language(), values, not);
            case "category" -> new Check.OneOf("category", f -> f.ticket().category(), values, not);
            case "customer_tier" -> new Check.OneOf("customer_tier", Facts::customerTier, values, not);
            case "priority" ->
                new Check.OneOf("priority", f -> f.ticket().priority().key(), values, not);
            case "status" -> new Check.OneOf("status", f -> f.ticket().status().key(), values, not);
            case "sla_metric" -> new Check.OneOf("sla_metric", f -> f.context().slaMetric(), values, false);
            case "tags" -> new Check.HasTag(c.value(), not);
            case "added_tag" -> new Check.AddedTag(c.value());
            case "text" ->
                c.op().equals("matches")
                        ? new Check.TextMatches(Pattern.compile(c.value(), Pattern.CASE_INSENSITIVE))
                        : new Check.TextContains(
                                Arrays.stream(c.value().toLowerCase(Locale.ROOT).split(","))
                                        .map(String::strip)
                                        .filter(x -> !x.isEmpty())
                                        .toList(),
                                not);
            case "order_value" -> new Check.OrderValue(new BigDecimal(c.value()), c.op().equals("more_than"));
            case "order_state" -> new Check.OrderState(values, not);
            case "business_hours" -> new Check.BusinessHours(c.op().equals("inside"));
            case "assignee" -> presence(c, "assignee", f -> f.ticket().assigneeId(), values, not);
            case "team" -> presence(c, "team", f -> f.ticket().teamId(), values, not);
            case "customer_waiting" -> new Check.CustomerWaiting(Duration.ofMinutes(Long.parseLong(c.value())));
            case "in_status_for" -> new Check.InStatusFor(Duration.ofMinutes(Long.parseLong(c.value())));
            case "sla_due_in" -> new Check.SlaDueWithin(Duration.ofMinutes(Long.parseLong(c.value())));
            case "sla_overdue" -> new Check.SlaOverdue(Duration.ofMinutes(Long.parseLong(c.value())));
            default -> throw new IllegalStateException("unknown field " + c.field());
        };
    }

    private static Check presence(
            Condition c, String field, Function<Facts, Long> fact, Set<String> values, boolean not) {
        return switch (c.op()) {
            case "is_set" -> new Check.Present(field, f -> fact.apply(f), true);
            case "is_empty" -> new Check.Present(field, f -> fact.apply(f), false);
            default ->
                new Check.OneOf(
                        field,
                        f -> {
                            Long id = fact.apply(f);
                            return id == null ? null : String.valueOf(id);
                        },
                        values,
                        not);
        };
    }

    static Act act(Action a) {
        return switch (a.type()) {
            case "set_category" -> new Act.SetCategory(a.value());
            case "set_priority" ->
                new Act.SetPriority(Priority.fromKey(a.value()).orElseThrow());
            case "add_tags" -> new Act.AddTags(split(a.value()));
            case "remove_tags" -> new Act.RemoveTags(split(a.value()));
            case "set_team" -> new Act.SetTeam(Long.parseLong(a.value()));
            case "assign_agent" -> new Act.AssignAgent(Long.parseLong(a.value()));
            case "assign_by" -> new Act.AssignBy(Long.parseLong(a.value()), a.option());
            case "unassign" -> new Act.Unassign();
            case "set_status" ->
                new Act.SetStatus(TicketStatus.fromKey(a.value()).orElseThrow());
            case "apply_sla_policy" -> new Act.ApplySlaPolicy(Long.parseLong(a.value()));
            case "add_note" -> new Act.AddNote(a.value());
            case "auto_reply" -> new Act.AutoReply(a.value());
            case "reply_template" -> new Act.ReplyWithTemplate(Long.parseLong(a.value()));
            case "notify" -> new Act.Notify(split(a.value()), a.option());
            default -> throw new IllegalStateException("unknown action " + a.type());
        };
    }

    /** Which condition fields hold references of which kind (client, store, user, team), for labels. */
    public static Optional<String> referenceKind(String fieldOrAction) {
        return switch (fieldOrAction) {
            case "client" -> Optional.of("client");
            case "store" -> Optional.of("store");
            case "assignee", "assign_agent" -> Optional.of("user");
            case "team", "set_team", "assign_by" -> Optional.of("team");
            case "apply_sla_policy" -> Optional.of("sla_policy");
            case "reply_template" -> Optional.of("template");
            default -> Optional.empty();
        };
    }

    public static List<String> split(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static String list(String v, Function<String, Optional<String>> parse, String error) {
        List<String> out = new ArrayList<>();
        for (String part : split(v)) {
            out.add(parse.apply(part)
                    .orElseThrow(() -> bad(error.isEmpty() ? "not valid" : error + " '" + part + "'")));
        }
        return String.join(", ", new LinkedHashSet<>(out));
    }

    private static List<String> tags(String v) {
        try {
            return Tags.normalize(split(v));
        } catch (InvalidInput e) {
            throw bad(e.errors().get(0).message());
        }
    }

    private static String tag(String v) {
        List<String> t = tags(v);
        if (t.size() != 1) {
            throw bad("one tag");
        }
        return t.get(0);
    }

    private static List<String> recipients(String v, Directory d) {
        List<String> out = new ArrayList<>();
        for (String part : split(v)) {
            String p = lower(part);
            if (p.equals("assignee") || p.equals("team")) {
                out.add(p);
            } else {
                out.add(d.user(part).map(String::valueOf).orElseThrow(() -> bad("unknown user '" + part + "'")));
            }
        }
        return out;
    }

    private static String text(String v, String op) {
        if (v.length() > 500) {
            throw bad("at most 500 characters");
        }
        if (op.equals("matches")) {
            try {
                Pattern.compile(v);
            } catch (PatternSyntaxException e) {
                throw bad("not a regular expression: " + e.getDescription());
            }
        }
        return v;
    }

    private static String amount(String v) {
        try {
            return new BigDecimal(v.replace(',', '.')).toPlainString();
        } catch (NumberFormatException e) {
            throw bad("not a number");
        }
    }

    private static String minutes(String v) {
        try {
            long m = Long.parseLong(v);
            if (m < 1 || m > 525_600) {
                throw bad("minutes, from 1 to 525600");
            }
            return String.valueOf(m);
        } catch (NumberFormatException e) {
            throw bad("minutes, a whole number");
        }
    }

    private static IllegalArgumentException bad(String message) {
        return new IllegalArgumentException(message);
    }

    private static String lower(String s) {
        return s.strip().toLowerCase(Locale.ROOT);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }
}
