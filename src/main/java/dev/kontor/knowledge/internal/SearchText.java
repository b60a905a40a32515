package dev.kontor.knowledge.internal;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Text as the search index keeps it: lower case with accents removed, so "expedition" finds "expédition" and
 * "Rucksendung" finds "Rücksendung" (the German stemmer folds umlauts the same way). Queries are folded alike.
 */
public final class SearchText {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private SearchText() {}

    public static String fold(String text) {
        if (text == null) {
            return "";
        }
        return MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD))
                .replaceAll("")
                .toLowerCase(Locale.ROOT);
    }
}
