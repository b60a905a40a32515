package dev.kontor.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuotedReplyUnitTests {

    @Test
    void cutsAtTheQuoteHeaderOfCommonMailersInEachLanguage() {
        assertThat(QuotedReply.visiblePart(
                        "Thanks, that helps.\n\nOn Mon, 3 Feb 2025 at 10:00, Shop <s@shop.test> wrote:\n> old text"))
                .isEqualTo("Thanks, that helps.");
        assertThat(QuotedReply.visiblePart(
                        "Danke!\n\nAm 03.02.2025 um 10:00 schrieb Shop Support\n<s@shop.test>:\n> alt"))
                .isEqualTo("Danke!");
        assertThat(QuotedReply.visiblePart("Merci.\n\nLe 3 févr. 2025 à 10:00, Shop <s@shop.test> a écrit :\n> ancien"))
                .isEqualTo("Merci.");
        assertThat(QuotedReply.visiblePart(
                        "Grazie.\n\nIl giorno 3 feb 2025, alle ore 10:00 Shop <s@shop.test> ha scritto:\n> vecchio"))
                .isEqualTo("Grazie.");
    }

    @Test
    void cutsOutlookHeaderBlocksAndOriginalMessageLines() {
        assertThat(QuotedReply.visiblePart("Passt.\r\n\r\nVon: Shop Support\r\nGesendet: Montag, 3. Februar 2025\r\n"
                        + "An: Kunde\r\nBetreff: Re: Bestellung\r\n\r\nalter Text"))
                .isEqualTo("Passt.");
        assertThat(QuotedReply.visiblePart("OK\n\n-----Original Message-----\nFrom: x"))
                .isEqualTo("OK");
    }

    @Test
    void dropsTrailingQuotedLinesButKeepsInlineAnswers() {
        assertThat(QuotedReply.visiblePart("Yes please.\n\n> Shall we refund?\n> Regards"))
                .isEqualTo("Yes please.");
        assertThat(QuotedReply.visiblePart("> Which size?\nL, please.\n> Which colour?\nBlue."))
                .isEqualTo("> Which size?\nL, please.\n> Which colour?\nBlue.");
    }

    @Test
    void neverReturnsNothingForAMessageThatIsOnlyAQuote() {
        assertThat(QuotedReply.visiblePart("> only a quote\n> nothing new")).isEqualTo("> only a quote\n> nothing new");
        assertThat(QuotedReply.visiblePart("")).isEmpty();
    }
}
