package dev.kontor.triage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Skipping cues whose literals a text lacks never skips one that matches. */
class CuePrefilterUnitTests {

    @Test
    void aPatternNeedsOneOfItsLiteralRuns() {
        assertThat(CuePrefilter.requiredLiterals("\\bcancel (my|the) (order|purchase)"))
                .containsExactlyInAnyOrder(
                        "cancel my order", "cancel my purchase", "cancel the order", "cancel the purchase");
        assertThat(CuePrefilter.requiredLiterals("\\b(please|pls|kindly)\\b.{0,25}\\bcancel"))
                .containsExactly("cancel");
        assertThat(CuePrefilter.requiredLiterals("desabonner|desinscri"))
                .containsExactlyInAnyOrder("desabonner", "desinscri");
        assertThat(CuePrefilter.requiredLiterals("stop (the|my)? ?(order|parcel)"))
                .contains("stop order", "stop the parcel", "stop my order", "stop theparcel");
        assertThat(CuePrefilter.requiredLiterals("(^| )-\\d{1,2} ?% ")).containsExactlyInAnyOrder("% ", " % ");
    }

    @Test
    void aPatternWithoutCertainLiteralsAlwaysRuns() {
        assertThat(CuePrefilter.requiredLiterals("\\d+ ?%")).isNull();
        assertThat(CuePrefilter.requiredLiterals("refund|.x")).isNull();
        assertThat(CuePrefilter.requiredLiterals("(cancel)?order|(?i)x")).isNull();
        assertThat(CuePrefilter.requiredLiterals("a\\p{L}b")).isNull();
        assertThat(CuePrefilter.requiredLiterals("[a-z]+")).isNull();
        assertThat(CuePrefilter.requiredLiterals("(retour)*")).isNull();
    }

    @Test
    void noMatchingCueIsSkippedOnAnyLabelledMessage() {
        List<Pattern> patterns = Lexicon.CUES.stream().map(Lexicon.Cue::pattern).toList();
        CuePrefilter prefilter = new CuePrefilter(patterns);
        int matches = 0;
        for (String text : labelledTexts()) {
            String normalized = Lexicon.normalize(text);
            BitSet candidates = prefilter.candidates(normalized);
            for (int i = 0; i < patterns.size(); i++) {
                if (patterns.get(i).matcher(normalized).find()) {
                    matches++;
                    assertThat(candidates.get(i))
                            .as("cue %s on %s", patterns.get(i), normalized)
                            .isTrue();
                }
            }
        }
        assertThat(matches).isGreaterThan(1000);
    }

    @Test
    void almostEveryCueIsSkippableByItsLiterals() {
        CuePrefilter prefilter =
                new CuePrefilter(Lexicon.CUES.stream().map(Lexicon.Cue::pattern).toList());
        assertThat(prefilter.alwaysRunCount()).isLessThan(Lexicon.CUES.size() / 50);
    }

    private static List<String> labelledTexts() {
        List<String> texts = new ArrayList<>();
        JsonMapper json = JsonMapper.builder().build();
        for (String set : List.of(
                "customer-messages",
                "fresh-messages",
                "held-out-messages",
                "unseen-messages",
                "real-world-messages",
                "real-world-validation",
                "real-world-check")) {
            try (InputStream in = CuePrefilterUnitTests.class.getResourceAsStream("/triage/" + set + ".jsonl")) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isBlank()) {
                        JsonNode n = json.readTree(line);
                        texts.add(n.path("subject").asString(""));
                        texts.add(n.path("body").asString(""));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return texts;
    }
}
