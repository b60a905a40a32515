package dev.kontor.triage;

import java.util.List;
import java.util.Map;

/**
 * What triage found in a message: the language ({@code unknown} when the text is too short or mixed to tell),
 * the category with the score of each candidate (for explanations), and the order references.
 */
public record TriageResult(String language, Category category, Map<Category, Double> scores, List<String> orderRefs) {

    public static final String UNKNOWN_LANGUAGE = "unknown";
}
