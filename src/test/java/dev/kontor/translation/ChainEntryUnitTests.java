package dev.kontor.translation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kontor.shared.InvalidInput;
import dev.kontor.shared.LanguageCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Chains, formality and glossaries as admins type them on the settings page. */
class ChainEntryUnitTests {

    static final LanguageCode EN = new LanguageCode("en");
    static final LanguageCode ES = new LanguageCode("es");
    static final LanguageCode DE = new LanguageCode("de");

    @Test
    void aChainIsOneAccountPerLineWithAnOptionalPair() {
        List<ChainEntry> chain = ChainEntry.parse("apertium es>en\n\n  deepl >de\nlibre *>*\nollama", "chain");

        assertThat(chain)
                .extracting(ChainEntry::asText)
                .containsExactly("apertium es>en", "deepl >de", "libre", "ollama");
        assertThat(chain.get(0).serves(ES, EN)).isTrue();
        assertThat(chain.get(0).serves(EN, ES)).isFalse();
        assertThat(chain.get(0).serves(null, EN))
                .as("a pair with a source needs the source")
                .isFalse();
        assertThat(chain.get(1).serves(null, DE)).isTrue();
        assertThat(chain.get(1).serves(ES, EN)).isFalse();
        assertThat(chain.get(3).serves(null, EN)).isTrue();
    }

    @Test
    void aBadLineNamesTheFieldAndTheLine() {
        assertThatThrownBy(() -> ChainEntry.parse("deepl\napertium es-en", "chain"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> {
                    assertThat(e.errors().get(0).field()).isEqualTo("chain");
                    assertThat(e.errors().get(0).message()).startsWith("line 2");
                });
        assertThatThrownBy(() -> ChainEntry.parse("apertium zz>en", "chain"))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.errors().get(0).message()).contains("'zz'"));
    }

    @Test
    void formalityAndGlossaryReadWhatTheyWrite() {
        ClientTranslation settings = new ClientTranslation(
                7,
                List.of(),
                ClientTranslation.parseFormality("de: formal\nfr=informal"),
                ClientTranslation.parseGlossary("Kontor\nshipping label = etiqueta de envío"),
                true,
                null);

        assertThat(settings.formalityFor(DE)).isEqualTo(Formality.FORMAL);
        assertThat(settings.formalityFor(EN)).isEqualTo(Formality.DEFAULT);
        assertThat(settings.glossary().get(0).keepsTerm()).isTrue();
        assertThat(settings.glossary().get(1).target()).isEqualTo("etiqueta de envío");
        assertThat(ClientTranslation.parseFormality(settings.formalityText())).isEqualTo(settings.formality());
        assertThat(ClientTranslation.parseGlossary(settings.glossaryText())).isEqualTo(settings.glossary());
        assertThatThrownBy(() -> ClientTranslation.parseFormality("de: polite"))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("formality"));
        assertThatThrownBy(() -> new ClientTranslation(7, List.of(), java.util.Map.of(), List.of(), true, 0L))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("monthlyCap"));
    }
}
