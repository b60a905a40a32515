package dev.kontor.translation.provider;

import java.util.ArrayList;
import java.util.List;

/** Splitting a request's texts into the batches a provider accepts: at most so many texts and characters each. */
final class Batches {

    private Batches() {}

    /** Consecutive slices of at most {@code maxTexts} texts and {@code maxChars} characters (a longer text alone). */
    static List<List<String>> split(List<String> texts, int maxTexts, long maxChars) {
        List<List<String>> batches = new ArrayList<>();
        List<String> current = new ArrayList<>();
        long chars = 0;
        for (String text : texts) {
            if (!current.isEmpty() && (current.size() == maxTexts || chars + text.length() > maxChars)) {
                batches.add(current);
                current = new ArrayList<>();
                chars = 0;
            }
            current.add(text);
            chars += text.length();
        }
        batches.add(current);
        return batches;
    }
}
