package dev.kontor.drafts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontor.drafts.Draft.Flag;
import dev.kontor.orders.OrderData;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuardrailsUnitTests {

    static final OrderData ORDER = new OrderData(
            "ORD-77123",
            "C-77123",
            "SHIPPED",
            false,
            "EUR",
            new BigDecimal("1234.50"),
            new BigDecimal("4.90"),
            "DHL",
            "JJD0099887766",
            "https://www.dhl.de/track?piececode=JJD0099887766",
            Instant.parse("2026-11-23T17:00:00Z"),
            "Anna Muster",
            "anna@example.org",
            Instant.parse("2026-11-20T10:00:00Z"),
            Instant.parse("2026-11-20T10:00:00Z"),
            List.of(new OrderData.Line("1", "MUG-1", "Blue mug", 2, new BigDecimal("10.00"), null, "SHIPPED")));

    static DraftFacts facts(boolean marketplace, String policy) {
        return DraftFacts.of(
                "en",
                "en",
                marketplace,
                ORDER,
                List.of("C-77123"),
                List.of("Customer: Where is my parcel? Order C-77123."),
                30,
                policy,
                "Help: https://faq.partner-help.example/returns",
                List.of("shop.example"),
                ZoneId.of("Europe/Berlin"));
    }

    static List<String> codes(String draft) {
        return codes(draft, facts(false, "Returns are accepted within 30 days of the order date."));
    }

    static List<String> codes(String draft, DraftFacts facts) {
        return Guardrails.check(draft, facts).stream().map(Flag::code).toList();
    }

    @Test
    void aDraftThatRepeatsTheOrderRaisesNoFlag() {
        String draft = "Hello Anna, your order C-77123 (ordered 20 November 2026) left us with DHL, tracking number"
                + " JJD0099887766: https://www.dhl.de/track?piececode=JJD0099887766. Total: €1,234.50, shipping"
                + " 4,90 €. You may return it within 30 days, until 20 December 2026. See https://shop.example/help.";
        assertThat(Guardrails.check(draft, facts(false, "Returns within 30 days.")))
                .isEmpty();
    }

    @Test
    void anInventedTrackingNumberIsFlagged() {
        assertThat(Guardrails.check("Your parcel JJD1234567890 is on its way.", facts(false, "")))
                .containsExactly(new Flag(Guardrails.UNKNOWN_NUMBER, "JJD1234567890"));
    }

    @Test
    void anInventedOrderNumberIsFlaggedButTheTicketsIsNot() {
        assertThat(codes("Order C-77123 shipped; order C-99881 did not.")).containsExactly(Guardrails.UNKNOWN_NUMBER);
        assertThat(codes("Your order C 77123 shipped.")).isEmpty();
    }

    @Test
    void aRefundAboveTheOrderTotalIsFlagged() {
        assertThat(codes("We will refund you 1.500,00 € today."))
                .contains(Guardrails.REFUND_ABOVE_TOTAL, Guardrails.UNKNOWN_AMOUNT);
        assertThat(codes("Nous vous remboursons 1 234,50 € aujourd'hui.")).isEmpty();
        assertThat(codes("Wir erstatten Ihnen 20,00 € für die Tassen.")).isEmpty();
    }

    @Test
    void anAmountThatIsNotInTheOrderIsFlagged() {
        assertThat(codes("As a gesture we add a voucher of EUR 15.")).containsExactly(Guardrails.UNKNOWN_AMOUNT);
        // French and Swiss group digits with narrow or plain no-break spaces.
        assertThat(codes("Total : 1\u202f234,50\u00a0€")).isEmpty();
    }

    @Test
    void anInventedDateIsFlaggedInAnyOfTheFourLanguages() {
        assertThat(codes("Ihr Paket kommt am 3. Dezember 2026.")).containsExactly(Guardrails.UNKNOWN_DATE);
        assertThat(codes("Il pacco arriverà il 4 dicembre 2026.")).containsExactly(Guardrails.UNKNOWN_DATE);
        assertThat(codes("Bestellt am 20. November 2026, Versand bis 23.11.2026."))
                .isEmpty();
        assertThat(codes("Commandée le 20 novembre 2026.")).isEmpty();
        assertThat(codes("It ships by November 23, 2026 (2026-11-23).")).isEmpty();
    }

    @Test
    void aReturnPeriodThePolicyDoesNotGiveIsFlagged() {
        assertThat(codes("You can return the mugs within 60 days.")).containsExactly(Guardrails.RETURN_WINDOW);
        assertThat(codes("Sie können die Ware innerhalb von 30 Tagen zurücksenden."))
                .isEmpty();
        assertThat(codes("Vous avez 14 jours pour le retour.")).containsExactly(Guardrails.RETURN_WINDOW);
        // Days that are not about a return are not a promise of one.
        assertThat(codes("Delivery usually takes 3 days.")).isEmpty();
    }

    @Test
    void aFreeReturnLabelIsFlaggedUnlessThePolicyOffersOne() {
        assertThat(codes("We will send you a free return label.")).containsExactly(Guardrails.FREE_LABEL);
        assertThat(codes("Nous vous envoyons une étiquette de retour gratuite."))
                .containsExactly(Guardrails.FREE_LABEL);
        assertThat(codes(
                        "We will send you a free return label.",
                        facts(false, "Returns within 30 days with a free return label.")))
                .isEmpty();
    }

    @Test
    void aLinkToAnotherSiteIsFlagged() {
        assertThat(Guardrails.check("Track it at https://track.evil.example/JJD0099887766.", facts(false, "")))
                .containsExactly(new Flag(Guardrails.FOREIGN_LINK, "https://track.evil.example/JJD0099887766"));
        assertThat(codes("See www.parcel-tracker.example for details.")).containsExactly(Guardrails.FOREIGN_LINK);
        assertThat(codes("Help: https://help.shop.example/returns, tracking: https://dhl.de/x"))
                .isEmpty();
    }

    @Test
    void aLinkTheCustomerSentIsFlaggedButOneTheClientWroteIsNot() {
        DraftFacts facts = DraftFacts.of(
                "en",
                "en",
                false,
                ORDER,
                List.of(),
                List.of("Customer: my tracking page says https://dhl-tracking.phish.example/login"),
                30,
                "",
                "See https://faq.partner-help.example/returns",
                List.of(),
                ZoneId.of("Europe/Berlin"));
        assertThat(Guardrails.check("Log in at https://dhl-tracking.phish.example/login.", facts))
                .extracting(Flag::code)
                .containsExactly(Guardrails.FOREIGN_LINK);
        assertThat(Guardrails.check("See https://faq.partner-help.example/returns.", facts))
                .isEmpty();
    }

    @Test
    void contactDetailsAreFlaggedInMarketplaceRepliesOnly() {
        String draft = "Write to service@shop.example or call +49 30 1234 5678.";
        DraftFacts marketplace = facts(true, "");
        assertThat(Guardrails.check(draft, marketplace))
                .extracting(Flag::code)
                .containsExactly(Guardrails.CONTACT_IN_MARKETPLACE, Guardrails.CONTACT_IN_MARKETPLACE);
        assertThat(Guardrails.check(draft, facts(false, ""))).isEmpty();
        assertThat(Guardrails.check("Your tracking number is JJD0099887766.", marketplace))
                .isEmpty();
    }

    @Test
    void aPlaceholderWithoutValueIsFlagged() {
        assertThat(Guardrails.check("Tracking: {{order.tracking_number}}", facts(false, "")))
                .containsExactly(new Flag(Guardrails.MISSING_VALUE, "{{order.tracking_number}}"));
    }

    @Test
    void aDraftInAnotherLanguageIsFlagged() {
        DraftFacts french = DraftFacts.of(
                "fr", "en", false, ORDER, List.of(), List.of(), 30, "", null, List.of(), ZoneId.of("Europe/Berlin"));
        assertThat(Guardrails.check("Your order has shipped.", french))
                .containsExactly(new Flag(Guardrails.WRONG_LANGUAGE, "en"));
    }
}
