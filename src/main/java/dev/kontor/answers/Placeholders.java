package dev.kontor.answers;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The placeholder syntax of templates: {@code {{name}}}, spaces inside the braces allowed, names from {@link #NAMES}
 * (see docs/templates.md). A placeholder without a value stays in the text as written and is reported, so an agent
 * fills it in and nothing goes out with a gap.
 */
public final class Placeholders {

    private Placeholders() {}

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_][\\w.]*)\\s*}}");

    /** Every placeholder a template may use, in the order the documentation lists them. */
    public static final List<String> NAMES = List.of(
            "ticket.number",
            "ticket.subject",
            "customer.name",
            "customer.first_name",
            "agent.name",
            "agent.first_name",
            "store.name",
            "store.signature",
            "order.number",
            "order.date",
            "order.state",
            "order.items",
            "order.item_count",
            "order.total",
            "order.carrier",
            "order.tracking_number",
            "order.tracking_link",
            "order.ship_by",
            "order.return_days",
            "order.return_until");

    /**
     * Placeholders the agent always writes (an amount, a reason): they never get a value from the ticket, so they
     * are reported as missing and a reply that still holds one is not sent.
     */
    public static final List<String> TO_FILL_IN = List.of("refund.amount", "refund.reason");

    public static boolean isKnown(String name) {
        return NAMES.contains(name) || TO_FILL_IN.contains(name);
    }

    /** The placeholders a text uses, each once, in order of first use. */
    public static List<String> used(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(text == null ? "" : text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return List.copyOf(names);
    }

    /** The placeholders of a text that are neither in {@link #NAMES} nor in {@link #TO_FILL_IN}. */
    public static List<String> unknown(String text) {
        return used(text).stream().filter(n -> !isKnown(n)).toList();
    }

    /** A text with its placeholders filled from {@code values}; those without a value stay and are listed. */
    public record Filled(String text, List<String> missing) {}

    public static Filled fill(String text, Map<String, String> values) {
        List<String> missing = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null || value.isBlank()) {
                if (!missing.contains(m.group(1))) {
                    missing.add(m.group(1));
                }
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
            } else {
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
        }
        m.appendTail(out);
        return new Filled(out.toString(), List.copyOf(missing));
    }
}
