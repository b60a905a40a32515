package dev.kontor.triage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontor.shared.CleanedMessage;
import dev.kontor.triage.Category;
import dev.kontor.triage.TriageSettings;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The triage quality report: language, category and order references on labelled customer messages, printed per
 * language and per category. Three files: the shared sample, and two sets written separately with other wording;
 * each was first run before the lexicon saw it (held-out: 65% category, third set: 58%), then its misses were
 * added. Floors make a regression fail the build. Run it alone: {@code ./mvnw test -Dtest=TriageQualityReportTests}.
 */
class TriageQualityReportTests {

    /** {@code orderRefs}: every order the message names, the main one first (just {@code orderRef} when one). */
    record Labelled(
            String id,
            String lang,
            String intent,
            String orderRef,
            List<String> orderRefs,
            String subject,
            String body) {}

    record Outcome(Labelled m, String language, Category category, List<String> refs) {
        boolean languageOk() {
            return m.lang().equals(language);
        }

        boolean categoryOk() {
            return m.intent().equals(category.key());
        }

        /** The main reference first, and every other reference the message names, in any order. */
        boolean refsOk() {
            return m.orderRefs().isEmpty()
                    ? refs.isEmpty()
                    : !refs.isEmpty()
                            && refs.get(0).equals(m.orderRefs().get(0))
                            && Set.copyOf(refs).equals(Set.copyOf(m.orderRefs()));
        }

        /** Numbers taken for an order that the message does not name as one (tracking, IBAN, phone, ...). */
        List<String> lookAlikes() {
            return refs.stream().filter(r -> !m.orderRefs().contains(r)).toList();
        }
    }

    static LanguageDetection languages;
    static LanguageDetection lowAccuracy;

    @BeforeAll
    static void loadLanguages() {
        languages = new LanguageDetection(
                new TriageSettings(List.of("en", "de", "fr", "it", "es", "nl", "pl", "sv", "pt", "da"), 0.45, true));
        lowAccuracy = new LanguageDetection(
                new TriageSettings(List.of("en", "de", "fr", "it", "es", "nl", "pl", "sv", "pt", "da"), 0.45, false));
    }

    static List<Labelled> read(String resource) throws Exception {
        List<Labelled> all = new ArrayList<>();
        JsonMapper json = JsonMapper.builder().build();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                TriageQualityReportTests.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = json.readTree(line);
                String main =
                        n.get("order_ref").isNull() ? null : n.get("order_ref").asString();
                List<String> refs = new ArrayList<>();
                if (n.has("order_refs")) {
                    n.get("order_refs").forEach(r -> refs.add(r.asString()));
                } else if (main != null) {
                    refs.add(main);
                }
                all.add(new Labelled(
                        n.get("id").asString(),
                        n.get("lang").asString(),
                        n.get("intent").asString(),
                        main,
                        List.copyOf(refs),
                        n.get("subject").asString(),
                        n.get("body").asString()));
            }
        }
        return all;
    }

    static List<Outcome> run(List<Labelled> messages) {
        return messages.stream()
                .map(m -> new Outcome(
                        m,
                        languages.detect(m.subject() + "\n" + CleanedMessage.textOf(m.body())),
                        TriageEngine.lexiconCategory(m.subject(), m.body()),
                        TriageEngine.references(m.subject(), m.body())))
                .toList();
    }

    static double report(String title, List<Outcome> outcomes) {
        System.out.printf("%nTriage quality: %s (%d messages)%n", title, outcomes.size());
        Map<String, int[]> byLanguage = new TreeMap<>();
        Map<String, int[]> byCategory = new TreeMap<>();
        for (Outcome o : outcomes) {
            int[] l = byLanguage.computeIfAbsent(o.m().lang(), k -> new int[4]);
            l[0]++;
            l[1] += o.languageOk() ? 1 : 0;
            l[2] += o.categoryOk() ? 1 : 0;
            l[3] += o.refsOk() ? 1 : 0;
            int[] c = byCategory.computeIfAbsent(o.m().intent(), k -> new int[2]);
            c[0]++;
            c[1] += o.categoryOk() ? 1 : 0;
        }
        System.out.printf("  %-8s %5s %9s %9s %11s%n", "language", "n", "language", "category", "order refs");
        byLanguage.forEach((k, v) -> System.out.printf(
                "  %-8s %5d %8.0f%% %8.0f%% %10.0f%%%n",
                k, v[0], 100.0 * v[1] / v[0], 100.0 * v[2] / v[0], 100.0 * v[3] / v[0]));
        System.out.printf("  %-22s %5s %9s%n", "category", "n", "correct");
        byCategory.forEach((k, v) -> System.out.printf("  %-22s %5d %8.0f%%%n", k, v[0], 100.0 * v[1] / v[0]));
        long lang = outcomes.stream().filter(Outcome::languageOk).count();
        long langLow = outcomes.stream()
                .filter(o -> o.m().lang()
                        .equals(lowAccuracy.detect(o.m().subject() + "\n" + CleanedMessage.textOf(o.m().body()))))
                .count();
        System.out.printf("  language with Lingua's low-accuracy models: %.0f%%%n", 100.0 * langLow / outcomes.size());
        long cat = outcomes.stream().filter(Outcome::categoryOk).count();
        long refs = outcomes.stream().filter(Outcome::refsOk).count();
        long lookAlikes =
                outcomes.stream().mapToLong(o -> o.lookAlikes().size()).sum();
        System.out.printf(
                "  overall: language %.1f%%, category %.1f%%, order refs %.1f%%, look-alikes taken for an order %d%n",
                100.0 * lang / outcomes.size(),
                100.0 * cat / outcomes.size(),
                100.0 * refs / outcomes.size(),
                lookAlikes);
        outcomes.stream()
                .filter(o -> !o.languageOk() || !o.categoryOk() || !o.refsOk())
                .forEach(o -> System.out.printf(
                        "  miss %s: language %s (want %s), category %s (want %s), refs %s (want %s), scores %s%n",
                        o.m().id(),
                        o.language(),
                        o.m().lang(),
                        o.category().key(),
                        o.m().intent(),
                        o.refs(),
                        o.m().orderRefs(),
                        topScores(o.m())));
        return 100.0 * cat / outcomes.size();
    }

    /** The three best lexicon scores, to see why a message went wrong. */
    static String topScores(Labelled m) {
        return CategoryClassifier.lexiconScores(m.subject(), CleanedMessage.textOf(m.body())).entrySet().stream()
                .sorted(Map.Entry.<Category, Double>comparingByValue().reversed())
                .limit(3)
                .map(e -> e.getKey().key() + " " + String.format(java.util.Locale.ROOT, "%.1f", e.getValue()))
                .toList()
                .toString();
    }

    @Test
    void theSharedSampleIsTriagedWell() throws Exception {
        List<Outcome> outcomes = run(read("/triage/customer-messages.jsonl"));
        report("shared sample", outcomes);
        assertThat(outcomes.stream().filter(Outcome::languageOk).count()).isGreaterThanOrEqualTo(outcomes.size() - 2);
        assertThat(outcomes.stream().filter(Outcome::categoryOk).count())
                .isGreaterThanOrEqualTo(Math.round(outcomes.size() * 0.85));
        assertThat(outcomes.stream().filter(Outcome::refsOk).count()).isGreaterThanOrEqualTo(outcomes.size() - 1);
    }

    @Test
    void messagesWrittenApartFromTheLexiconAreTriagedWell() throws Exception {
        List<Outcome> outcomes = run(read("/triage/held-out-messages.jsonl"));
        report("held-out messages", outcomes);
        assertThat(outcomes.stream().filter(Outcome::languageOk).count()).isGreaterThanOrEqualTo(outcomes.size() - 2);
        assertThat(outcomes.stream().filter(Outcome::categoryOk).count())
                .isGreaterThanOrEqualTo(Math.round(outcomes.size() * 0.75));
        assertThat(outcomes.stream().filter(Outcome::refsOk).count()).isGreaterThanOrEqualTo(outcomes.size() - 1);
    }

    /**
     * A third file, written before its first run (58% category then); its misses were added to the lexicon since,
     * so it now guards against regressions like the others. A fresh figure needs fresh messages.
     */
    @Test
    void aThirdSetOfMessagesIsTriagedWell() throws Exception {
        List<Outcome> outcomes = run(read("/triage/unseen-messages.jsonl"));
        report("third set", outcomes);
        assertThat(outcomes.stream().filter(Outcome::categoryOk).count())
                .isGreaterThanOrEqualTo(Math.round(outcomes.size() * 0.85));
        assertThat(outcomes.stream().filter(Outcome::languageOk).count()).isGreaterThanOrEqualTo(outcomes.size() - 2);
        assertThat(outcomes.stream().filter(Outcome::refsOk).count()).isGreaterThanOrEqualTo(outcomes.size() - 1);
    }

    /**
     * The last set, written in customers' casual style. Its first run (73% category, 100% language and order
     * references) is the figure to quote for unseen text; its misses were added since.
     */
    @Test
    void aFourthSetInCasualWordingIsTriaged() throws Exception {
        List<Outcome> outcomes = run(read("/triage/fresh-messages.jsonl"));
        report("fourth set (casual wording)", outcomes);
        assertThat(outcomes.stream().filter(Outcome::categoryOk).count())
                .isGreaterThanOrEqualTo(Math.round(outcomes.size() * 0.85));
        assertThat(outcomes.stream().filter(Outcome::languageOk).count()).isGreaterThanOrEqualTo(outcomes.size() - 2);
        assertThat(outcomes.stream().filter(Outcome::refsOk).count()).isGreaterThanOrEqualTo(outcomes.size() - 1);
    }

    /**
     * Messages written the way customers really write, in ten languages: a quarter under eight words, typos, no
     * accents, SMS style, B2B mails with a quoted earlier reply, a signature and a legal footer in another language,
     * negations and contrast, marketing, numbers that are not orders (tracking, IBAN, VAT and company ids, phones,
     * postcodes, customer and ticket numbers, SKUs) and order references in non-canonical forms.
     */
    @Test
    void realWorldMessagesAreTriaged() throws Exception {
        List<Outcome> outcomes = run(read("/triage/real-world-messages.jsonl"));
        report("real-world messages", outcomes);
        assertThat(outcomes.stream().filter(Outcome::languageOk).count())
                .isGreaterThanOrEqualTo(Math.round(outcomes.size() * FLOOR_LANGUAGE));
        assertThat(outcomes.stream().filter(Outcome::categoryOk).count())
                .isGreaterThanOrEqualTo(Math.round(outcomes.size() * FLOOR_CATEGORY));
        assertThat(outcomes.stream().filter(Outcome::refsOk).count())
                .isGreaterThanOrEqualTo(Math.round(outcomes.size() * FLOOR_REFS));
        assertThat(outcomes.stream().flatMap(o -> o.lookAlikes().stream())).isEmpty();
    }

    // Its first run, before triage was changed for it: language 99.4%, category 77.5%, order refs 84.4%, 7 numbers
    // taken for orders that are not the customer's (a ticket number, references in quoted replies). Triage was then
    // tuned on it (cleaning, references, negation and contrast, lexicon), so these floors are the targets and
    // guard against regressions; they are not a figure for unseen text.
    static final double FLOOR_LANGUAGE = 0.98, FLOOR_CATEGORY = 0.95, FLOOR_REFS = 0.97;

    /**
     * Fifty more messages of the same kinds, written after triage was tuned on the real-world set. Its first run is
     * the figure to quote for unseen text: language 100%, category 86%, order references 94%, no look-alike taken.
     * Its misses (missing phrasings, a bare order number in a short message) were then fixed with general rules, so
     * it now guards against regressions like the others.
     */
    @Test
    void realWorldMessagesWrittenAfterTheTuningAreTriaged() throws Exception {
        List<Outcome> outcomes = run(read("/triage/real-world-validation.jsonl"));
        report("real-world validation", outcomes);
        assertThat(outcomes.stream().filter(Outcome::languageOk).count())
                .isGreaterThanOrEqualTo(Math.round(outcomes.size() * FLOOR_LANGUAGE));
        assertThat(outcomes.stream().filter(Outcome::categoryOk).count())
                .isGreaterThanOrEqualTo(Math.round(outcomes.size() * FLOOR_CATEGORY));
        assertThat(outcomes.stream().filter(Outcome::refsOk).count())
                .isGreaterThanOrEqualTo(Math.round(outcomes.size() * FLOOR_REFS));
        assertThat(outcomes.stream().flatMap(o -> o.lookAlikes().stream())).isEmpty();
    }

    /**
     * Thirty more, written after the validation set's fixes as a second check on unseen text. First run: language
     * 100%, category 86.7%, order references 96.7% (a number after "Rücksendung" in the subject, which may as well
     * be a return number), no look-alike taken. Its missing phrasings were added since.
     */
    @Test
    void aSecondCheckOnUnseenRealWorldMessagesIsTriaged() throws Exception {
        List<Outcome> outcomes = run(read("/triage/real-world-check.jsonl"));
        report("real-world check", outcomes);
        assertThat(outcomes.stream().filter(Outcome::languageOk).count())
                .isGreaterThanOrEqualTo(Math.round(outcomes.size() * FLOOR_LANGUAGE));
        assertThat(outcomes.stream().filter(Outcome::categoryOk).count())
                .isGreaterThanOrEqualTo(Math.round(outcomes.size() * FLOOR_CATEGORY));
        assertThat(outcomes.stream().filter(Outcome::refsOk).count())
                .isGreaterThanOrEqualTo(Math.round(outcomes.size() * FLOOR_REFS));
        assertThat(outcomes.stream().flatMap(o -> o.lookAlikes().stream())).isEmpty();
    }
}
