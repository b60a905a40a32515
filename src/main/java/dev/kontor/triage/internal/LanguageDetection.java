package dev.kontor.triage.internal;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import dev.kontor.triage.TriageResult;
import dev.kontor.triage.TriageSettings;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Lingua over the configured languages only (all 75 would need 1.4 GB). Short or mixed texts whose best language is
 * not clearly ahead are "unknown" rather than a guess.
 *
 * <p>The models take seconds of CPU and a few hundred MB to load, so they load in the background once the app is
 * ready (its start-up and health never wait for them); a message triaged before they are in waits for them, so it
 * never gets a language from half-loaded models.
 */
@Component
class LanguageDetection {

    private static final Logger log = LoggerFactory.getLogger(LanguageDetection.class);

    private final LanguageDetectorBuilder builder;
    private final double minimumConfidence;
    private volatile LanguageDetector detector;

    LanguageDetection(TriageSettings settings) {
        Language[] languages = settings.languages().stream()
                .map(code -> Language.getByIsoCode639_1(
                        IsoCode639_1.valueOf(code.strip().toUpperCase(Locale.ROOT))))
                .toArray(Language[]::new);
        LanguageDetectorBuilder builder =
                LanguageDetectorBuilder.fromLanguages(languages).withPreloadedLanguageModels();
        this.builder = settings.highAccuracy() ? builder : builder.withLowAccuracyMode();
        this.minimumConfidence = settings.minimumConfidence();
    }

    @EventListener(ApplicationReadyEvent.class)
    void loadModelsInBackground() {
        Thread loader = new Thread(this::detector, "triage-language-models");
        loader.setDaemon(true);
        loader.start();
    }

    /** The detector with every model loaded; the first caller loads them, the others wait. */
    private LanguageDetector detector() {
        LanguageDetector loaded = detector;
        if (loaded == null) {
            synchronized (this) {
                loaded = detector;
                if (loaded == null) {
                    long start = System.nanoTime();
                    loaded = builder.build();
                    detector = loaded;
                    log.info("Triage's language models loaded in {} ms", (System.nanoTime() - start) / 1_000_000);
                }
            }
        }
        return loaded;
    }

    String detect(String text) {
        String letters = text == null ? "" : text.replaceAll("[^\\p{L} ]+", " ").strip();
        if (letters.replace(" ", "").length() < 8) {
            return TriageResult.UNKNOWN_LANGUAGE;
        }
        SortedMap<Language, Double> confidence = detector().computeLanguageConfidenceValues(letters);
        if (confidence.isEmpty()) {
            return TriageResult.UNKNOWN_LANGUAGE;
        }
        Map.Entry<Language, Double> best = confidence.entrySet().iterator().next();
        if (best.getValue() < minimumConfidence) {
            return TriageResult.UNKNOWN_LANGUAGE;
        }
        return best.getKey().getIsoCode639_1().toString().toLowerCase(Locale.ROOT);
    }
}
