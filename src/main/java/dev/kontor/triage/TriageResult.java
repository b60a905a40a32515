package dev.kontor.triage;

import dev.kontor.shared.CleanedMessage;
import java.util.List;
import java.util.Map;

/**
 * What triage found in a message: the language ({@code unknown} when the text is too short or mixed to tell),
 * the category with the score of each candidate (for explanations), the order references (canonical, the main one
 * first) and the message as triage read it (without quoted replies, signature and footer, which are kept as cuts).
 */
public record TriageResult(
        String language,
        Category category,
        Map<Category, Double> scores,
        List<String> orderRefs,
        CleanedMessage message) {

    public static final String UNKNOWN_LANGUAGE = "unknown";

    /** The order the message is mainly about, or null. */
    public String mainOrderRef() {
        return orderRefs.isEmpty() ? null : orderRefs.get(0);
    }
}
