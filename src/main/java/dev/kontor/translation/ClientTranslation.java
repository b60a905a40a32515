package dev.kontor.translation;

import dev.kontor.shared.InvalidInput;
import dev.kontor.shared.LanguageCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A client's translation settings.
 *
 * @param chain the client's own chain; empty: the install's chain
 * @param formality the register wanted per target language
 * @param glossary terms kept as they are, or translated as given
 * @param allowCloud false: texts never leave the house, only self-hosted providers are used
 * @param monthlyCap the characters the client may translate per calendar month (UTC), or null for no cap
 */
public record ClientTranslation(
        long clientId,
        List<ChainEntry> chain,
        Map<LanguageCode, Formality> formality,
        List<GlossaryEntry> glossary,
        boolean allowCloud,
        Long monthlyCap) {

    public ClientTranslation {
        chain = List.copyOf(chain);
        formality = Map.copyOf(formality);
        glossary = List.copyOf(glossary);
        if (monthlyCap != null && monthlyCap <= 0) {
            throw InvalidInput.of("monthlyCap", "must be a positive number of characters, or empty for no cap");
        }
    }

    public static ClientTranslation defaults(long clientId) {
        return new ClientTranslation(clientId, List.of(), Map.of(), List.of(), true, null);
    }

    public Formality formalityFor(LanguageCode target) {
        return formality.getOrDefault(target, Formality.DEFAULT);
    }

    /** Formality as text, one {@code de: formal} per line. */
    public String formalityText() {
        StringBuilder out = new StringBuilder();
        formality.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(LanguageCode::value)))
                .forEach(e -> out.append(e.getKey().value())
                        .append(": ")
                        .append(e.getValue().name().toLowerCase(java.util.Locale.ROOT))
                        .append('\n'));
        return out.toString();
    }

    /** The glossary as text: one term per line, {@code term = translation} where it must come out differently. */
    public String glossaryText() {
        StringBuilder out = new StringBuilder();
        glossary.forEach(g -> out.append(g.keepsTerm() ? g.source() : g.source() + " = " + g.target())
                .append('\n'));
        return out.toString();
    }

    public String chainText() {
        StringBuilder out = new StringBuilder();
        chain.forEach(e -> out.append(e.asText()).append('\n'));
        return out.toString();
    }

    public static Map<LanguageCode, Formality> parseFormality(String text) {
        Map<LanguageCode, Formality> map = new LinkedHashMap<>();
        if (text == null) {
            return map;
        }
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("[:=]", 2);
            if (parts.length != 2) {
                throw InvalidInput.of("formality", "line " + (i + 1) + ": write 'de: formal' or 'de: informal'");
            }
            LanguageCode target = ChainEntry.language(parts[0], "formality", i);
            if (target == null) {
                throw InvalidInput.of("formality", "line " + (i + 1) + ": name the target language");
            }
            map.put(target, formality(parts[1], i));
        }
        return map;
    }

    static Formality formality(String value, int line) {
        try {
            return Formality.valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidInput.of(
                    "formality", "line " + (line + 1) + ": '" + value.strip() + "' is not formal, informal or default");
        }
    }

    public static List<GlossaryEntry> parseGlossary(String text) {
        List<GlossaryEntry> entries = new ArrayList<>();
        if (text == null) {
            return entries;
        }
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("=", 2);
            entries.add(new GlossaryEntry(parts[0].strip(), parts.length == 2 ? parts[1].strip() : null));
        }
        return entries;
    }
}
