package dev.kontor.translation;

import dev.kontor.shared.InvalidInput;
import dev.kontor.shared.LanguageCode;
import java.util.ArrayList;
import java.util.List;

/**
 * One step of a chain: a provider account, optionally only for a source and/or a target language (e.g. Apertium
 * only for es into en). Written as text: {@code apertium es>en}, {@code deepl >de}, or just {@code deepl}.
 */
public record ChainEntry(String account, LanguageCode source, LanguageCode target) {

    public ChainEntry {
        if (account == null || account.isBlank()) {
            throw InvalidInput.of("chain", "a chain entry names no provider account");
        }
        account = account.strip();
    }

    /**
     * Whether this entry serves the pair. An entry for one source language serves only requests that say their
     * source (a provider that needs it cannot detect it).
     */
    public boolean serves(LanguageCode from, LanguageCode to) {
        return (source == null || source.equals(from)) && (target == null || target.equals(to));
    }

    public String asText() {
        if (source == null && target == null) {
            return account;
        }
        return account + " " + (source == null ? "" : source.value()) + ">" + (target == null ? "" : target.value());
    }

    /** Parses one entry per line; errors name {@code field} and the line. */
    public static List<ChainEntry> parse(String text, String field) {
        List<ChainEntry> entries = new ArrayList<>();
        if (text == null) {
            return entries;
        }
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length > 2 || (parts.length == 2 && !parts[1].contains(">"))) {
                throw InvalidInput.of(field, "line " + (i + 1) + ": write 'account' or 'account es>en'");
            }
            LanguageCode from = null;
            LanguageCode to = null;
            if (parts.length == 2) {
                String[] pair = parts[1].split(">", -1);
                from = language(pair[0], field, i);
                to = language(pair[1], field, i);
            }
            entries.add(new ChainEntry(parts[0], from, to));
        }
        return entries;
    }

    static LanguageCode language(String code, String field, int line) {
        return language(code, field, "line " + (line + 1) + ": ");
    }

    /** A language code given as text: blank or {@code *} is any language; else it must be a known code. */
    public static LanguageCode language(String code, String field, String where) {
        if (code == null || code.isBlank() || "*".equals(code.strip())) {
            return null;
        }
        if (!LanguageCode.isKnown(code.strip().toLowerCase(java.util.Locale.ROOT))) {
            throw InvalidInput.of(field, where + "'" + code + "' is not a two-letter language code");
        }
        return new LanguageCode(code);
    }
}
