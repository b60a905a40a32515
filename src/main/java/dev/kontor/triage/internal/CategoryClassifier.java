package dev.kontor.triage.internal;

import static dev.kontor.triage.db.Tables.KEYWORD;
import static dev.kontor.triage.db.Tables.LEARNED_TERM;

import dev.kontor.triage.Category;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * Scores every category: the {@link Lexicon}'s cues (the subject counts half again), the client's own keywords
 * (admins), and what agents' corrections taught about the client's customers' words. The best score wins if it
 * reaches 1; otherwise the message is "other".
 */
@Component
class CategoryClassifier {

    static final double THRESHOLD = 1.0;
    private static final double LEARNED_WEIGHT = 1.5;

    static final CuePrefilter PREFILTER =
            new CuePrefilter(Lexicon.CUES.stream().map(Lexicon.Cue::pattern).toList());

    private final DSLContext db;

    CategoryClassifier(DSLContext db) {
        this.db = db;
    }

    Map<Category, Double> scores(long clientId, String subject, String body) {
        Map<Category, Double> scores = lexiconScores(subject, body);
        String text = Lexicon.normalize((subject == null ? "" : subject) + " " + (body == null ? "" : body));
        db.select(KEYWORD.CATEGORY, KEYWORD.PHRASE, KEYWORD.WEIGHT)
                .from(KEYWORD)
                .where(KEYWORD.CLIENT_ID.eq(clientId))
                .forEach(k -> {
                    if (text.contains(Lexicon.normalize(k.value2()))) {
                        Category.fromKey(k.value1())
                                .ifPresent(c -> scores.merge(c, k.value3().doubleValue(), Double::sum));
                    }
                });
        List<String> terms = terms(text);
        if (!terms.isEmpty()) {
            Map<String, Map<Category, Integer>> counts = new java.util.HashMap<>();
            db.select(LEARNED_TERM.TERM, LEARNED_TERM.CATEGORY, LEARNED_TERM.COUNT)
                    .from(LEARNED_TERM)
                    .where(LEARNED_TERM.CLIENT_ID.eq(clientId).and(LEARNED_TERM.TERM.in(terms)))
                    .forEach(r -> Category.fromKey(r.value2())
                            .ifPresent(c -> counts.computeIfAbsent(r.value1(), t -> new EnumMap<>(Category.class))
                                    .put(c, r.value3())));
            // Each known word votes for the categories agents chose for it, by share of its corrections.
            counts.values().forEach(byCategory -> {
                int total =
                        byCategory.values().stream().mapToInt(Integer::intValue).sum();
                byCategory.forEach((c, n) ->
                        scores.merge(c, LEARNED_WEIGHT * n / total * Math.min(1.0, total / 2.0), Double::sum));
            });
        }
        return scores;
    }

    static Map<Category, Double> lexiconScores(String subject, String body) {
        Map<Category, Double> scores = new EnumMap<>(Category.class);
        score(scores, Lexicon.normalize(subject == null ? "" : subject), 1.5);
        score(scores, Lexicon.normalize(body == null ? "" : body), 1.0);
        return scores;
    }

    private static void score(Map<Category, Double> scores, String text, double factor) {
        if (text.isBlank()) {
            return;
        }
        List<int[]> negated = new ArrayList<>();
        List<int[]> wanted = new ArrayList<>();
        Intent.spans(text, negated, wanted);
        // One cue list per category: a category counts its strongest cue fully and further ones by half, so a
        // long message does not win by repetition. A cue the customer negates ("I don't want a replacement", "bitte
        // nicht stornieren") does not count; one in what they ask for instead ("..., just my money back") counts
        // more than the story around it.
        Map<Category, List<Double>> hits = new EnumMap<>(Category.class);
        BitSet candidates = PREFILTER.candidates(text);
        for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
            Lexicon.Cue cue = Lexicon.CUES.get(i);
            Matcher m = cue.pattern().matcher(text);
            double best = 0;
            while (m.find()) {
                int at = m.start();
                if (Intent.inside(negated, at)) {
                    continue;
                }
                best = Math.max(best, cue.weight() * (Intent.inside(wanted, at) ? Intent.WANTED_FACTOR : 1.0));
            }
            if (best > 0) {
                hits.computeIfAbsent(cue.category(), c -> new ArrayList<>()).add(best);
            }
        }
        hits.forEach((c, weights) -> {
            weights.sort(java.util.Comparator.reverseOrder());
            double s = weights.get(0);
            for (int i = 1; i < weights.size(); i++) {
                s += weights.get(i) / 2;
            }
            scores.merge(c, s * factor, Double::sum);
        });
        // What the customer asks for instead of what they refuse is the request; the rest is the story.
        Category instead = wantedInstead(text, wanted, candidates);
        if (instead != null) {
            scores.merge(instead, Intent.WANTED_BONUS * factor, Double::sum);
        }
    }

    /** The category of the strongest cue in a clause that follows a refusal, if any. */
    private static Category wantedInstead(String text, List<int[]> wanted, BitSet candidates) {
        Category best = null;
        double weight = 0;
        for (int[] span : wanted) {
            String clause = text.substring(span[0], span[1]);
            // A cue that cannot match the whole text cannot match a clause of it.
            for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
                Lexicon.Cue cue = Lexicon.CUES.get(i);
                if (cue.category() != Category.OTHER
                        && cue.weight() >= 1.5
                        && cue.weight() > weight
                        && cue.pattern().matcher(clause).find()) {
                    best = cue.category();
                    weight = cue.weight();
                }
            }
        }
        return best;
    }

    /**
     * The best category that reaches the threshold. A cancellation close behind the best still wins: a missed
     * cancellation ships an unwanted parcel, a needless one costs an agent a glance.
     */
    static Category best(Map<Category, Double> scores) {
        Category top = scores.entrySet().stream()
                .filter(e -> e.getKey() != Category.OTHER && e.getValue() >= THRESHOLD)
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .orElse(Category.OTHER);
        // Marketing and prize mails ("-30 %", "click here", "unsubscribe") are "other" whatever they offer.
        double other = scores.getOrDefault(Category.OTHER, 0.0);
        if (top != Category.OTHER && other >= Lexicon.MARKETING && other >= scores.get(top)) {
            return Category.OTHER;
        }
        double cancellation = scores.getOrDefault(Category.CANCELLATION, 0.0);
        if (top != Category.OTHER && cancellation >= 3 && cancellation >= 0.75 * scores.get(top)) {
            return Category.CANCELLATION;
        }
        return top;
    }

    /** An agent put a message of this client into a category: its words lean that way from now on. */
    void learn(long clientId, Category category, String subject, String body) {
        for (String term :
                terms(Lexicon.normalize((subject == null ? "" : subject) + " " + (body == null ? "" : body)))) {
            db.insertInto(LEARNED_TERM)
                    .set(LEARNED_TERM.CLIENT_ID, clientId)
                    .set(LEARNED_TERM.CATEGORY, category.key())
                    .set(LEARNED_TERM.TERM, term)
                    .set(LEARNED_TERM.COUNT, 1)
                    .onConflict(LEARNED_TERM.CLIENT_ID, LEARNED_TERM.TERM, LEARNED_TERM.CATEGORY)
                    .doUpdate()
                    .set(LEARNED_TERM.COUNT, LEARNED_TERM.COUNT.plus(1))
                    .execute();
        }
    }

    /** Distinct words of 4+ letters that say something (no numbers, no common short words). */
    static List<String> terms(String normalized) {
        Set<String> terms = new LinkedHashSet<>();
        for (String w : normalized.split("[^\\p{L}]+")) {
            if (w.length() >= 4 && w.length() <= 40 && !STOP.contains(w)) {
                terms.add(w);
            }
        }
        return List.copyOf(terms).subList(0, Math.min(terms.size(), 200));
    }

    private static final Set<String> STOP = Set.of(
            "this",
            "that",
            "with",
            "have",
            "from",
            "your",
            "would",
            "could",
            "please",
            "thanks",
            "thank",
            "hello",
            "dear",
            "they",
            "them",
            "there",
            "what",
            "when",
            "will",
            "bitte",
            "danke",
            "hallo",
            "eine",
            "einen",
            "meine",
            "mein",
            "ihre",
            "haben",
            "nicht",
            "noch",
            "sehr",
            "dass",
            "bonjour",
            "merci",
            "pour",
            "vous",
            "votre",
            "mais",
            "avec",
            "dans",
            "est-ce",
            "buongiorno",
            "grazie",
            "della",
            "sono",
            "questo",
            "hola",
            "gracias",
            "para",
            "pero",
            "como",
            "esta",
            "goedendag",
            "bedankt",
            "voor",
            "niet",
            "hebben",
            "mijn",
            "prosze",
            "dziekuje",
            "jest",
            "hej",
            "tack",
            "inte",
            "eller",
            "obrigado",
            "voce",
            "tilbage",
            "regards",
            "cordialement",
            "saluti",
            "grusse",
            "freundlichen",
            "kind");
}
