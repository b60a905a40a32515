package dev.kontor.triage.internal;

import dev.kontor.shared.CleanedMessage;
import dev.kontor.triage.Category;
import dev.kontor.triage.internal.OrderReferences.Candidate;
import dev.kontor.triage.internal.OrderReferences.Strength;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
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

    /**
     * The order references of a message, the main one first. {@code known} gives the stored order a reference names
     * (its order id), if any. A known order comes first and is taken even from a bare number; once one is known,
     * numbers that only look like an order after "for" are dropped. Unknown references in a certain form stay
     * (the order may not have been fetched yet), behind the known ones.
     */
    public List<String> orderReferences(String subject, String body, Function<String, Optional<String>> known) {
        List<Candidate> candidates = OrderReferences.candidates(subject, body);
        // Each candidate is one lookup; a message full of numbers (a pasted list) is not worth more than these.
        Map<String, Optional<String>> stored = new java.util.HashMap<>();
        candidates.stream().limit(MAX_LOOKUPS).forEach(c -> stored.put(c.ref(), known.apply(c.ref())));
        List<String> knownRefs = new ArrayList<>();
        for (Candidate c : candidates) {
            stored.getOrDefault(c.ref(), Optional.empty())
                    .filter(id -> !knownRefs.contains(id))
                    .ifPresent(knownRefs::add);
        }
        if (knownRefs.isEmpty()) {
            return OrderReferences.find(subject, body);
        }
        List<String> refs = new ArrayList<>(knownRefs);
        candidates.stream()
                .filter(c -> c.strength() == Strength.CERTAIN)
                .filter(c -> stored.getOrDefault(c.ref(), Optional.empty()).isEmpty())
                .map(Candidate::ref)
                .filter(r -> !refs.contains(r))
                .forEach(refs::add);
        return List.copyOf(refs);
    }

    /** How many references of one message are looked up among the stored orders. */
    static final int MAX_LOOKUPS = 20;

    public void learn(long clientId, Category category, String subject, String body) {
        categories.learn(clientId, category, subject, CleanedMessage.textOf(body));
    }

    /** Without the database: the lexicon alone (the quality report and unit tests), on the cleaned body. */
    public static Category lexiconCategory(String subject, String body) {
        return CategoryClassifier.best(CategoryClassifier.lexiconScores(subject, CleanedMessage.textOf(body)));
    }

    /** Without the database: the references the text itself makes certain, on the cleaned body. */
    public static List<String> references(String subject, String body) {
        return OrderReferences.find(subject, CleanedMessage.textOf(body));
    }
}
