package dev.kontor.triage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OrderReferencesUnitTests {

    private final TriageEngine engine = new TriageEngine(null, null);

    @Test
    void referencesAreWrittenInTheirCanonicalForm() {
        assertThat(OrderReferences.find("Bitte stornieren: 40218831-a")).containsExactly("40218831-A");
        assertThat(OrderReferences.find("dónde está mi pedido 402 1234567 7654321?"))
                .containsExactly("402-1234567-7654321");
        assertThat(OrderReferences.find("where is order #100412??")).containsExactly("100412");
        assertThat(OrderReferences.find("Var är mitt paket? eBay-order 12-34567-89012"))
                .containsExactly("12-34567-89012");
    }

    @Test
    void shopNumbersAreFoundAfterTheWaysCustomersSayOrder() {
        assertThat(OrderReferences.find("Chodzi o zamówienie o numerze 101112")).containsExactly("101112");
        assertThat(OrderReferences.find("Co z moim zamówieniem? nr zamówienia 101151"))
                .containsExactly("101151");
        assertThat(OrderReferences.find("gdzie jest paczka? zam. 101177")).containsExactly("101177");
        assertThat(OrderReferences.find("pedido con numero 100912")).containsExactly("100912");
        assertThat(OrderReferences.find("la factura del pedido n.º 100925")).containsExactly("100925");
        assertThat(OrderReferences.find("cadê meu pedido? pedido de número 101251"))
                .containsExactly("101251");
        assertThat(OrderReferences.find("numero da encomenda 101212")).containsExactly("101212");
        assertThat(OrderReferences.find("tjrs rien reçu cmd 100761")).containsExactly("100761");
        assertThat(OrderReferences.find("Mixer geht nicht. Bestellnr. 100633")).containsExactly("100633");
        assertThat(OrderReferences.find("Facture svp pour 100741")).containsExactly("100741");
    }

    @Test
    void theOnlyNumberOfAShortMessageIsLikelyTheOrder() {
        assertThat(OrderReferences.find("annullate 100901 per favore, non mi serve più"))
                .containsExactly("100901");
        assertThat(OrderReferences.find("sendung 100713 hängt seit tagen fest")).containsExactly("100713");
        assertThat(OrderReferences.find("neue adresse: 101150 Berlin")).isEmpty();
        assertThat(OrderReferences.find("call me on 077009001234 please")).isEmpty();
        assertThat(OrderReferences.find(
                        "sendung 100713 hängt seit tagen fest, ich warte und warte und warte und warte und warte noch"))
                .isEmpty();
    }

    @Test
    void aReferenceOnlyInTheSubjectCounts() {
        assertThat(OrderReferences.find("Bestellung 100620", "wo bleibt das paket?"))
                .containsExactly("100620");
    }

    @Test
    void numbersThatAreNotOrdersAreLeftAlone() {
        for (String text : new String[] {
            "Tracking 1Z999AA10123456784 hasn't moved. Where is my parcel?",
            "IBAN: DE89 3704 0044 0532 0130 00",
            "Notre numéro de TVA FR40303265045 n'apparaît pas",
            "Unsere USt-IdNr. lautet DE298765432, Registergericht München HRB 234567",
            "Nasz NIP: 123-456-32-18, Org.nr 556123-4567, CVR 12345678, KvK 12345678",
            "Please call me on 07700 900123 or +49 89 2345 6789",
            "Lindenstraße 5, 10115 Berlin; Rua Augusta 100, 1100-053 Lisboa; ul. Długa 5, 00-950 Warszawa",
            "My customer number is 483920. Kundennummer 20481.",
            "Re: Ticket #48213 still open",
            "Is the oak desk (SKU 100877) solid wood? Ist der Tisch Art.-Nr. 458812 ausziehbar? (réf. 551230)",
            "Zahlung von 12999 EUR, 50000 zł, 1500 Stück",
        }) {
            assertThat(OrderReferences.find(text)).as(text).isEmpty();
        }
    }

    @Test
    void severalReferencesAreKeptWithTheMainOneFirst() {
        assertThat(OrderReferences.find(
                        "Return for 100501",
                        "I'd like to return the rug from order 100501. The one from order 100388 I'm keeping."))
                .containsExactly("100501", "100388");
        assertThat(OrderReferences.find(null, "Pakke 40218831-a og ordre 100388"))
                .containsExactly("40218831-A", "100388");
    }

    @Test
    void aKnownOrderWinsOverAnUnknownLookAlike() {
        Map<String, String> stored = Map.of("100388", "100388", "4400112-A", "ORD-4400112");
        assertThat(engine.orderReferences(
                        null,
                        "Bitte Rechnung für 483920. Es geht um 100388.",
                        ref -> Optional.ofNullable(stored.get(ref))))
                .containsExactly("100388");
        assertThat(engine.orderReferences(
                        "Order 100999", "Also the parcel 4400112-A.", ref -> Optional.ofNullable(stored.get(ref))))
                .containsExactly("ORD-4400112", "100999");
    }

    @Test
    void withoutStoredOrdersTheTextAloneDecides() {
        assertThat(engine.orderReferences(null, "Facture svp pour 100741", ref -> Optional.empty()))
                .isEqualTo(List.of("100741"));
        assertThat(engine.orderReferences(null, "Kundennummer 20481, bitte erstatten", ref -> Optional.empty()))
                .isEmpty();
    }
}
