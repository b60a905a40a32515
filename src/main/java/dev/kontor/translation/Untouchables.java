package dev.kontor.translation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Protection of what a translation must not touch: template placeholders, links, e-mail addresses, amounts, order
 * and tracking numbers, SKUs and glossary terms kept as they are. {@link #protect} replaces each by an opaque token
 * ({@code ⟦1⟧}) that engines pass through; {@link #restore} puts the originals back and refuses a translation in
 * which a token went missing, appeared twice or was altered. In HTML only the text between tags is touched.
 */
public final class Untouchables {

    /** A text with its untouchables replaced by tokens, and what each token stands for. */
    public record Masked(String text, Map<Integer, String> originals) {

        public Masked {
            originals = java.util.Collections.unmodifiableMap(new TreeMap<>(originals));
        }
    }

    private static final String OPEN = "⟦";
    private static final String CLOSE = "⟧";

    /** Engines sometimes put spaces inside brackets; the number is what counts. */
    private static final Pattern TOKEN = Pattern.compile("⟦\\s*(\\d+)\\s*⟧");

    private static final Pattern TAG = Pattern.compile("<[^>]*>");

    private static final String PLACEHOLDER =
            "\\{\\{[^{}]{1,100}\\}\\}|\\$\\{[^{}]{1,100}\\}|\\{[A-Za-z_][\\w.]{0,60}\\}";
    private static final String URL = "(?:https?://|www\\.)[^\\s<>\"']+[^\\s<>\"'.,;:!?)\\]]";
    private static final String EMAIL = "[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+";
    private static final String CURRENCY = "(?:€|\\$|£|¥|CHF|EUR|USD|GBP|CAD|AUD|SEK|DKK|NOK|PLN|CZK)";
    private static final String NUMBER = "\\d(?:[\\d.,'\u00A0\u202F]*\\d)?";
    private static final String AMOUNT = CURRENCY + "\\s?" + NUMBER + "|" + NUMBER + "\\s?" + CURRENCY;
    /**
     * Codes: order numbers (123-1234567-1234567), tracking numbers (1Z999AA10123456784), SKUs (AB-1234), with a
     * leading '#' if any. A word of letters, digits, dashes, slashes and underscores with at least three digits,
     * or with a digit and at least five characters; ordinary words and small numbers are left to the engine.
     */
    private static final String CODE = "#?(?<![\\p{L}\\p{N}])(?=[\\p{L}\\p{N}_/-]*\\d)"
            + "(?:(?=(?:[^\\d\\s]*\\d){3})|(?=[\\p{L}\\p{N}_/-]{5}))"
            + "[\\p{L}\\p{N}](?:[\\p{L}\\p{N}_/-]*[\\p{L}\\p{N}])?(?![\\p{L}\\p{N}])";

    private static final Pattern BUILT_IN =
            Pattern.compile(String.join("|", PLACEHOLDER, URL, EMAIL, AMOUNT, CODE), Pattern.UNICODE_CHARACTER_CLASS);

    private final Pattern pattern;

    private Untouchables(Pattern pattern) {
        // Text that already looks like a token must not be confused with ours: it is protected like the rest.
        this.pattern = Pattern.compile(TOKEN.pattern() + "|" + pattern.pattern(), Pattern.UNICODE_CHARACTER_CLASS);
    }

    /** The built-in kinds only. */
    public static Untouchables standard() {
        return new Untouchables(BUILT_IN);
    }

    /** The built-in kinds and these glossary terms kept as they are (whole words, case-sensitive). */
    public static Untouchables keeping(List<GlossaryEntry> glossary) {
        List<String> terms = glossary.stream()
                .filter(GlossaryEntry::keepsTerm)
                .map(GlossaryEntry::source)
                .sorted((a, b) -> b.length() - a.length())
                .map(t -> "(?<![\\p{L}\\p{N}])" + Pattern.quote(t) + "(?![\\p{L}\\p{N}])")
                .toList();
        if (terms.isEmpty()) {
            return standard();
        }
        return new Untouchables(
                Pattern.compile(String.join("|", terms) + "|" + BUILT_IN.pattern(), Pattern.UNICODE_CHARACTER_CLASS));
    }

    /** The text with each untouchable replaced by a numbered token; a token already in the text is itself kept. */
    public Masked protect(String text, TextFormat format) {
        Map<Integer, String> originals = new TreeMap<>();
        StringBuilder out = new StringBuilder(text.length());
        if (format == TextFormat.HTML) {
            Matcher tags = TAG.matcher(text);
            int at = 0;
            while (tags.find()) {
                mask(text.substring(at, tags.start()), originals, out);
                out.append(tags.group());
                at = tags.end();
            }
            mask(text.substring(at), originals, out);
        } else {
            mask(text, originals, out);
        }
        return new Masked(out.toString(), originals);
    }

    private void mask(String segment, Map<Integer, String> originals, StringBuilder out) {
        Matcher m = pattern.matcher(segment);
        int at = 0;
        while (m.find()) {
            if (m.group().isEmpty()) {
                continue;
            }
            out.append(segment, at, m.start());
            int n = originals.size() + 1;
            originals.put(n, m.group());
            out.append(OPEN).append(n).append(CLOSE);
            at = m.end();
        }
        out.append(segment.substring(at));
    }

    /**
     * The translated text with the originals back in place.
     *
     * @throws ProtectedTextChanged when a token is missing, repeated or unknown
     */
    public static String restore(String translated, Masked masked, String provider) {
        Map<Integer, Integer> seen = new TreeMap<>();
        StringBuilder out = new StringBuilder(translated.length() + 64);
        List<String> damaged = new ArrayList<>();
        Matcher m = TOKEN.matcher(translated);
        int at = 0;
        while (m.find()) {
            out.append(translated, at, m.start());
            int n = Integer.parseInt(m.group(1));
            String original = masked.originals().get(n);
            if (original == null) {
                damaged.add("unknown token " + m.group());
                original = m.group();
            }
            seen.merge(n, 1, Integer::sum);
            out.append(original);
            at = m.end();
        }
        out.append(translated.substring(at));
        masked.originals().forEach((n, original) -> {
            int count = seen.getOrDefault(n, 0);
            if (count == 0) {
                damaged.add("lost " + original);
            } else if (count > 1) {
                damaged.add("repeated " + original);
            }
        });
        if (translated.contains(OPEN) || translated.contains(CLOSE)) {
            String rest = TOKEN.matcher(translated).replaceAll("");
            if (rest.contains(OPEN) || rest.contains(CLOSE)) {
                damaged.add("altered token");
            }
        }
        if (!damaged.isEmpty()) {
            throw new ProtectedTextChanged(provider, damaged);
        }
        return out.toString();
    }
}
