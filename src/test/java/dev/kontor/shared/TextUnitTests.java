package dev.kontor.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextUnitTests {

    @Test
    void acceptsAnyWellFormedTextIncludingCharactersBeyondTheBasicPlane() {
        assertThat(Text.problem("Grüße 注文 😀 \uFFFD")).isNull();
        assertThat(Text.problem(null)).isNull();
    }

    @Test
    void refusesNulAndLoneSurrogatesNamingThePosition() {
        assertThat(Text.problem("ab\u0000")).contains("NUL", "position 3");
        assertThat(Text.problem("x\uD800y")).contains("surrogate", "position 2");
        assertThat(Text.problem("\uDC00")).contains("surrogate");
        assertThat(Text.problem("end\uD83D")).contains("surrogate");
    }

    @Test
    void cleaningDropsNulAndMarksLoneSurrogatesButKeepsPairs() {
        assertThat(Text.clean("Wh\u0000ere \uD800is 😀")).isEqualTo("Where \uFFFDis 😀");
        assertThat(Text.clean("fine")).isEqualTo("fine");
        assertThat(Text.clean(null)).isNull();
    }

    @Test
    void onlyKnownIsoLanguageCodesAreLanguages() {
        assertThat(LanguageCode.isKnown("de")).isTrue();
        assertThat(LanguageCode.isKnown("zz")).isFalse();
        assertThat(LanguageCode.isKnown("DE")).isFalse();
        assertThat(LanguageCode.isKnown("deu")).isFalse();
    }
}
