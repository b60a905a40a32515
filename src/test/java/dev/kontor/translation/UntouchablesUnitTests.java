package dev.kontor.translation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kontor.shared.LanguageCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UntouchablesUnitTests {

    static final LanguageCode ES = new LanguageCode("es");

    /** A provider that translates word by word and leaves anything it does not know, like a real engine. */
    static Translator engine(java.util.function.UnaryOperator<String> translate) {
        return new Translator() {
            @Override
            public String provider() {
                return "fake-engine";
            }

            @Override
            public boolean selfHosted() {
                return true;
            }

            @Override
            public Translation translate(TranslationRequest request) {
                return new Translation(
                        request.texts().stream().map(translate).toList(), request.source(), provider(), 0);
            }
        };
    }

    @Test
    void replyWithOrderNumberTrackingLinkAndPlaceholderComesBackUnchanged() {
        String reply = "Hello {{customer.first_name}}, your order 302-4567891-2345678 was shipped with tracking"
                + " 1Z999AA10123456784: https://www.ups.com/track?tracknum=1Z999AA10123456784. Refund of €12.50"
                + " goes to anna.meier@example.com.";
        List<String> sent = new ArrayList<>();
        Translator translator = new ProtectingTranslator(engine(text -> {
            sent.add(text);
            return text.replace("Hello", "Hola")
                    .replace("your order", "su pedido")
                    .replace("was shipped", "fue enviado");
        }));

        Translation t = translator.translate(TranslationRequest.of(ES, reply));

        assertThat(sent.get(0))
                .doesNotContain("302-4567891-2345678", "1Z999AA10123456784", "ups.com", "{{", "12.50", "@example.com");
        assertThat(t.texts().get(0))
                .startsWith("Hola {{customer.first_name}}, su pedido 302-4567891-2345678 fue enviado")
                .contains("1Z999AA10123456784: https://www.ups.com/track?tracknum=1Z999AA10123456784.")
                .contains("€12.50")
                .contains("anna.meier@example.com.");
    }

    @Test
    void providerThatDropsATokenIsRefused() {
        Translator translator = new ProtectingTranslator(engine(text -> text.replaceAll("⟦2⟧", "")));

        assertThatThrownBy(() -> translator.translate(
                        TranslationRequest.of(ES, "Order 123-4567890-1234567, see https://track.example/1")))
                .isInstanceOfSatisfying(ProtectedTextChanged.class, e -> {
                    assertThat(e.damaged()).containsExactly("lost https://track.example/1");
                    assertThat(e.retryable()).isFalse();
                });
    }

    @Test
    void providerThatRepeatsOrAltersATokenIsRefused() {
        Translator repeats = new ProtectingTranslator(engine(text -> text + " " + text));
        Translator alters = new ProtectingTranslator(engine(text -> text.replace("⟦1⟧", "⟦ uno ⟧")));

        assertThatThrownBy(() -> repeats.translate(TranslationRequest.of(ES, "SKU AB-12345")))
                .isInstanceOf(ProtectedTextChanged.class);
        assertThatThrownBy(() -> alters.translate(TranslationRequest.of(ES, "SKU AB-12345")))
                .isInstanceOf(ProtectedTextChanged.class);
    }

    @Test
    void spacesInsideATokenAreForgiven() {
        Translator spaced = new ProtectingTranslator(engine(text -> text.replace("⟦1⟧", "⟦ 1 ⟧")));

        assertThat(spaced.translate(TranslationRequest.of(ES, "Pedido #40012345"))
                        .texts())
                .containsExactly("Pedido #40012345");
    }

    @Test
    void ordinaryWordsAndSmallNumbersGoToTheEngine() {
        Untouchables.Masked m =
                Untouchables.standard().protect("I ordered 2 shirts on Monday, size 42.", TextFormat.TEXT);

        assertThat(m.text()).isEqualTo("I ordered 2 shirts on Monday, size 42.");
        assertThat(m.originals()).isEmpty();
    }

    @Test
    void recognisesEachKind() {
        Untouchables.Masked m = Untouchables.standard()
                .protect(
                        "{{order.number}} ${name} {ticket} https://x.example/a?b=1 www.shop.example info@shop.example"
                                + " 19,99 € USD 1,234.00 #1234 12-34567-89012 SKU-889 JD014600006281234567",
                        TextFormat.TEXT);

        assertThat(m.originals().values())
                .containsExactly(
                        "{{order.number}}",
                        "${name}",
                        "{ticket}",
                        "https://x.example/a?b=1",
                        "www.shop.example",
                        "info@shop.example",
                        "19,99 €",
                        "USD 1,234.00",
                        "#1234",
                        "12-34567-89012",
                        "SKU-889",
                        "JD014600006281234567");
    }

    @Test
    void htmlTagsAndAttributesAreLeftToTheEngine() {
        Untouchables.Masked m = Untouchables.standard()
                .protect("<a href=\"https://t.example/1Z999\">Track 1Z999AA10123456784</a>", TextFormat.HTML);

        assertThat(m.text()).isEqualTo("<a href=\"https://t.example/1Z999\">Track ⟦1⟧</a>");
        assertThat(Untouchables.restore("<a href=\"https://t.example/1Z999\">Seguir ⟦1⟧</a>", m, "x"))
                .isEqualTo("<a href=\"https://t.example/1Z999\">Seguir 1Z999AA10123456784</a>");
    }

    @Test
    void glossaryTermsKeptAsTheyAreAreProtected() {
        Untouchables.Masked m = Untouchables.keeping(
                        List.of(GlossaryEntry.keep("Kontor Cloud"), new GlossaryEntry("refund", "Erstattung")))
                .protect("Kontor Cloud will refund you.", TextFormat.TEXT);

        assertThat(m.text()).isEqualTo("⟦1⟧ will refund you.");
        assertThat(m.originals()).isEqualTo(Map.of(1, "Kontor Cloud"));
    }

    @Test
    void aTokenWrittenByTheCustomerIsProtectedToo() {
        Untouchables.Masked m = Untouchables.standard().protect("weird ⟦7⟧ text", TextFormat.TEXT);

        assertThat(m.text()).isEqualTo("weird ⟦1⟧ text");
        assertThat(Untouchables.restore("raro ⟦1⟧ texto", m, "x")).isEqualTo("raro ⟦7⟧ texto");
    }
}
