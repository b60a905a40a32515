package dev.kontor.triage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontor.triage.TriageSettings;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class LanguageDetectionUnitTests {

    @Test
    void messagesTriagedWhileTheModelsLoadInTheBackgroundWaitForThemAndGetTheirLanguage() throws Exception {
        LanguageDetection languages = new LanguageDetection(
                new TriageSettings(List.of("en", "de", "fr", "it", "es", "nl", "pl", "sv", "pt", "da"), 0.45, true));
        languages.loadModelsInBackground();
        ExecutorService senders = Executors.newFixedThreadPool(3);
        try {
            Future<String> german = senders.submit(() -> languages.detect("Wo ist mein Paket?"));
            Future<String> french = senders.submit(() -> languages.detect("Je veux annuler ma commande"));
            Future<String> italian = senders.submit(() -> languages.detect("Il pacco è arrivato rotto"));
            assertThat(List.of(german.get(), french.get(), italian.get())).containsExactly("de", "fr", "it");
        } finally {
            senders.shutdown();
        }
    }

    @Test
    void tooShortATextIsUnknownWithoutWaitingForTheModels() {
        LanguageDetection languages = new LanguageDetection(new TriageSettings(List.of("en", "de"), 0.45, true));
        assertThat(languages.detect("Hi!")).isEqualTo("unknown");
    }
}
