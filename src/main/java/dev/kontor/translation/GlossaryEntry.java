package dev.kontor.translation;

import dev.kontor.shared.InvalidInput;

/**
 * A term and how it must come out; a term that maps to itself (brand and product names) is kept unchanged by
 * every provider, since it is protected before translation.
 */
public record GlossaryEntry(String source, String target) {

    public GlossaryEntry {
        if (source == null || source.isBlank()) {
            throw InvalidInput.of("glossary", "a glossary term is empty");
        }
        if (target == null || target.isBlank()) {
            target = source;
        }
    }

    /** A term that stays as it is in every language. */
    public static GlossaryEntry keep(String term) {
        return new GlossaryEntry(term, term);
    }

    public boolean keepsTerm() {
        return source.equals(target);
    }
}
