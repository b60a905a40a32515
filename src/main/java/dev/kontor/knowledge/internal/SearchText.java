package dev.kontor.knowledge.internal;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * Text as the search index keeps it: lower case with accents removed, so "expedition" finds "expédition" and
 * "Rucksendung" finds "Rücksendung" (the German stemmer folds umlauts the same way). Queries are folded alike.
 */
public final class SearchText {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    private SearchText() {}

    /** The words of a folded text: letters and digits only, so they can go into a tsquery as they are. */
    public static List<String> words(String folded) {
        return WORD.matcher(folded)
                .results()
                .map(MatchResult::group)
                .distinct()
                .limit(10)
                .toList();
    }

    public static String fold(String text) {
        if (text == null) {
            return "";
        }
        return MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD))
                .replaceAll("")
                .toLowerCase(Locale.ROOT);
    }
}
