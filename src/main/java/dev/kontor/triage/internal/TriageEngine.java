package dev.kontor.triage.internal;

import dev.kontor.triage.Category;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The triage parts behind {@code Triage}: language, category scores, order references, learning. */
@Component
public class TriageEngine {

    private final LanguageDetection languages;
    private final CategoryClassifier categories;

    TriageEngine(LanguageDetection languages, CategoryClassifier categories) {
        this.languages = languages;
        this.categories = categories;
    }

    public String language(String text) {
        return languages.detect(text);
    }

    public Map<Category, Double> scores(long clientId, String subject, String body) {
        return categories.scores(clientId, subject, body);
    }

    public Category best(Map<Category, Double> scores) {
        return CategoryClassifier.best(scores);
    }

    public List<String> orderReferences(String text) {
        return OrderReferences.find(text);
    }

    public void learn(long clientId, Category category, String subject, String body) {
        categories.learn(clientId, category, subject, body);
    }

    /** Without the database: the lexicon alone (the quality report and unit tests). */
    public static Category lexiconCategory(String subject, String body) {
        return CategoryClassifier.best(CategoryClassifier.lexiconScores(subject, body));
    }

    public static List<String> references(String text) {
        return OrderReferences.find(text);
    }
}
