package dev.kontor.triage;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The languages language detection chooses among (ISO 639-1; each costs memory, so only those the teams see), how
 * sure it must be before it names one (below, the language is "unknown"), and whether to use Lingua's high-accuracy
 * models (better on very short texts, about 30 MB of heap per language) or its low-accuracy ones (a few MB).
 */
@ConfigurationProperties("kontor.triage")
public record TriageSettings(
        @DefaultValue({"en", "de", "fr", "it", "es", "nl", "pl", "sv", "pt", "da"})
        List<String> languages,

        @DefaultValue("0.45") double minimumConfidence,
        @DefaultValue("true") boolean highAccuracy) {}
