package dev.kontor.triage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontor.triage.Category;
import org.junit.jupiter.api.Test;

/** The category follows what the customer asks for now, not the story around it or what they refuse. */
class CategoryIntentUnitTests {

    private static Category category(String subject, String body) {
        return TriageEngine.lexiconCategory(subject, body);
    }

    @Test
    void whatTheCustomerWantsInsteadWinsOverTheStory() {
        assertThat(
                        category(
                                "Broken kettle",
                                "The kettle arrived with a cracked base. I don't want a replacement, just my money back please."))
                .isEqualTo(Category.REFUND);
        assertThat(category(
                        "Vase cassé", "Je ne veux pas d'échange, je veux juste être remboursée. Le vase est cassé."))
                .isEqualTo(Category.REFUND);
        assertThat(category("Czajnik", "Nie chcę wymiany, chcę zwrot pieniędzy. Czajnik przyszedł uszkodzony."))
                .isEqualTo(Category.REFUND);
    }

    @Test
    void aRefusedCancellationIsNotACancellation() {
        assertThat(category("Order", "I do NOT want to cancel, only change the address to 14 Mill Lane."))
                .isEqualTo(Category.ADDRESS_CHANGE);
        assertThat(category("Adresse", "Bitte NICHT stornieren! Ich möchte nur die Lieferadresse ändern."))
                .isEqualTo(Category.ADDRESS_CHANGE);
        assertThat(category("Cambio", "No quiero cancelar el pedido, solo cambiar la dirección."))
                .isEqualTo(Category.ADDRESS_CHANGE);
        assertThat(category("Adress", "Avbryt inte ordern, jag vill bara byta adress."))
                .isEqualTo(Category.ADDRESS_CHANGE);
    }

    @Test
    void noLongerNeedingSomethingStillCancels() {
        assertThat(category("Change of plans", "I don't need the tent anymore. Is it possible to cancel #102201?"))
                .isEqualTo(Category.CANCELLATION);
    }

    @Test
    void aBulkPriceRequestThatMentionsTheInvoiceIsAQuote() {
        assertThat(
                        category(
                                "Chaises",
                                "Pourriez-vous nous envoyer un devis pour 120 chaises pliantes ? Nous aurons besoin d'une facture."))
                .isEqualTo(Category.QUOTE);
        assertThat(category(
                        "Bureaulampen",
                        "Kunnen jullie een offerte maken voor 80 bureaulampen? Wij betalen op factuur."))
                .isEqualTo(Category.QUOTE);
    }

    @Test
    void marketingIsOtherEvenWhenItOffersSomething() {
        assertThat(
                        category(
                                "Exklusives Angebot für Ihren Shop",
                                "Nur diese Woche 20 % Rabatt auf alle Kartons! Jetzt bestellen. Abmelden: Antworten Sie mit STOP."))
                .isEqualTo(Category.OTHER);
        assertThat(category("Promocja!", "Tylko dziś -50% na wszystkie produkty. Kliknij i kup teraz!"))
                .isEqualTo(Category.OTHER);
    }

    @Test
    void shortMessagesWithAnOrderNumberAndOneVerbAreUnderstood() {
        assertThat(category("", "where is order #100412??")).isEqualTo(Category.WHERE_IS_MY_ORDER);
        assertThat(category("", "annulez la commande 100701 svp")).isEqualTo(Category.CANCELLATION);
        assertThat(category("", "cancelar pedido 100901 porfa")).isEqualTo(Category.CANCELLATION);
        assertThat(category("", "faktura do zamowienia 101141")).isEqualTo(Category.INVOICE);
        assertThat(category("", "chegou partido, encomenda 101249")).isEqualTo(Category.DAMAGED_OR_DEFECTIVE);
        assertThat(category("", "ordre 101477 er ikke kommet endnu")).isEqualTo(Category.WHERE_IS_MY_ORDER);
        assertThat(category("", "kiedy zwrot kasy?")).isEqualTo(Category.REFUND);
    }

    @Test
    void aQuotedEarlierReplyDoesNotDecide() {
        assertThat(category(
                        "Re: Bestellung",
                        "Wo bleibt meine Lieferung?\n\nAm 3.3.2025 um 10:00 schrieb Shop <s@shop.de>:\n"
                                + "> Möchten Sie die Bestellung stornieren? Stornieren geht bis morgen."))
                .isEqualTo(Category.WHERE_IS_MY_ORDER);
    }
}
