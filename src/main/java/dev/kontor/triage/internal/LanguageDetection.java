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
import org.springframework.stereotype.Component;

/**
 * Lingua over the configured languages only (all 75 would need 1.4 GB), models loaded on first use. Short or
 * mixed texts whose best language is not clearly ahead are "unknown" rather than a guess.
 */
@Component
class LanguageDetection {

    private final LanguageDetector detector;
    private final double minimumConfidence;

    LanguageDetection(TriageSettings settings) {
        Language[] languages = settings.languages().stream()
                .map(code -> Language.getByIsoCode639_1(
                        IsoCode639_1.valueOf(code.strip().toUpperCase(Locale.ROOT))))
                .toArray(Language[]::new);
        LanguageDetectorBuilder builder = LanguageDetectorBuilder.fromLanguages(languages);
        this.detector = settings.highAccuracy()
                ? builder.build()
                : builder.withLowAccuracyMode().build();
        this.minimumConfidence = settings.minimumConfidence();
    }

    String detect(String text) {
        String letters = text == null ? "" : text.replaceAll("[^\\p{L} ]+", " ").strip();
        if (letters.replace(" ", "").length() < 8) {
            return TriageResult.UNKNOWN_LANGUAGE;
        }
        SortedMap<Language, Double> confidence = detector.computeLanguageConfidenceValues(letters);
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
