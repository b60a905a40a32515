package dev.kontor.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class TextMatchesUnitTests {

    @Test
    void findsWhatAnAdminsPatternDescribes() {
        Pattern storno = Pattern.compile("storn(o|ieren)", Pattern.CASE_INSENSITIVE);

        assertThat(Check.TextMatches.find(storno, "Bitte Auftrag STORNIEREN")).isTrue();
        assertThat(Check.TextMatches.find(storno, "Wo ist mein Paket?")).isFalse();
    }

    @Test
    @Timeout(60) // without the budget this search would take about 2^40 steps
    void aCatastrophicallyBacktrackingPatternCountsAsNoMatchInsteadOfRunningForever() {
        Pattern evil = Pattern.compile("(a+)+$");

        assertThat(Check.TextMatches.find(evil, "a".repeat(40) + "!")).isFalse();
        assertThat(Check.TextMatches.find(evil, "a".repeat(40))).isTrue();
    }
}
