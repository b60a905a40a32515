package dev.kontor.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontor.shared.CleanedMessage.Part;
import org.junit.jupiter.api.Test;

class CleanedMessageUnitTests {

    @Test
    void gmailQuoteBelowTheReplyIsCut() {
        CleanedMessage m = CleanedMessage.of(
                "Please cancel it.\n\nOn Mon, 3 Mar 2025 at 10:00, Shop Service <service@shop.com> wrote:\n"
                        + "> Your order 100200 has been shipped.\n> Kind regards");
        assertThat(m.text()).isEqualTo("Please cancel it.");
        assertThat(m.cut(Part.QUOTE)).contains("Your order 100200 has been shipped");
    }

    @Test
    void aWrappedAppleMailHeaderIsCut() {
        CleanedMessage m = CleanedMessage.of("Danke, passt.\n\nAm 12.03.2025 um 09:14 schrieb Kundenservice\n"
                + "<service@shop.de>:\n\n> Die Ware wird morgen versendet.");
        assertThat(m.text()).isEqualTo("Danke, passt.");
        assertThat(m.cut(Part.QUOTE)).contains("versendet");
    }

    @Test
    void quoteHeadersInEveryLanguageAreCut() {
        for (String header : new String[] {
            "Le lun. 3 mars 2025 à 10:12, Service Client <contact@boutique.fr> a écrit :",
            "Il giorno 4 mar 2025, alle ore 11:20, Servizio Clienti <info@negozio.it> ha scritto:",
            "El lun, 3 mar 2025 a las 10:05, Atención al cliente (<info@tienda.es>) escribió:",
            "Em seg., 3 de mar. de 2025 às 10:00, Loja <contato@loja.com.br> escreveu:",
            "Op 3 mrt 2025 om 14:02 schreef Klantenservice <info@winkel.nl>:",
            "W dniu 3.03.2025 o 09:00 Sklep <sklep@sklep.pl> napisał:",
            "Den 3. mar. 2025 kl. 10.00 skrev Kundeservice <info@butik.dk>:",
            "-----Original Message-----",
            "-----Ursprüngliche Nachricht-----",
            "---------- Forwarded message ---------"
        }) {
            CleanedMessage m = CleanedMessage.of("My new question.\n\n" + header + "\nThe old answer, order 100100.");
            assertThat(m.text()).as(header).isEqualTo("My new question.");
            assertThat(m.cut(Part.QUOTE)).as(header).contains("order 100100");
        }
    }

    @Test
    void anOutlookHeaderBlockCutsEverythingBelow() {
        for (String block : new String[] {
            "From: Shop <a@b.com>\nSent: Monday, March 3, 2025 9:00 AM\nTo: Me\nSubject: Order",
            "Von: Shop <a@b.de>\nGesendet: Montag, 3. März 2025 09:00\nAn: Ich",
            "De : Service Client <contact@boutique.fr>\nEnvoyé : lundi 3 mars 2025 10:12",
            "Från: Kundtjänst <info@butik.se>\nSkickat: den 3 mars 2025 10:00",
            "Od: Obsługa <sklep@sklep.pl>\nWysłano: poniedziałek, 3 marca 2025 09:00"
        }) {
            CleanedMessage m = CleanedMessage.of("Where is it?\n\n" + block + "\n\nYour order 100977 was sent.");
            assertThat(m.text()).as(block).isEqualTo("Where is it?");
            assertThat(m.cut(Part.QUOTE)).as(block).contains("100977");
        }
    }

    @Test
    void aBottomPostedReplyKeepsTheTextBelowTheQuote() {
        CleanedMessage m = CleanedMessage.of("On Mon, 3 Mar 2025, Shop <s@shop.com> wrote:\n"
                + "> Would you like a replacement?\n\nNo, I want my money back.");
        assertThat(m.text()).isEqualTo("No, I want my money back.");
        assertThat(m.cut(Part.QUOTE)).contains("replacement");
    }

    @Test
    void theSignatureAfterAClosingLineIsCut() {
        CleanedMessage m = CleanedMessage.of("Bitte schicken Sie die Rechnung.\n\nMit freundlichen Grüßen\n"
                + "Thomas Berger\nEinkauf\nTel. +49 89 2345 6789");
        assertThat(m.text()).isEqualTo("Bitte schicken Sie die Rechnung.");
        assertThat(m.cut(Part.SIGNATURE)).startsWith("Mit freundlichen Grüßen").contains("+49 89 2345 6789");
    }

    @Test
    void theSignatureDelimiterAndMobileLinesAreCut() {
        assertThat(CleanedMessage.of("Where is my parcel?\n-- \nAnna Smith\n+44 7700 900123")
                        .text())
                .isEqualTo("Where is my parcel?");
        assertThat(CleanedMessage.of("Où est mon colis ?\n\nEnvoyé de mon iPhone")
                        .text())
                .isEqualTo("Où est mon colis ?");
    }

    @Test
    void aClosingLineFollowedByALongTextIsNotASignature() {
        String text = "Regards\n" + "line\n".repeat(20);
        assertThat(CleanedMessage.of("Hello\n" + text).text()).contains("line");
    }

    @Test
    void legalFootersInAnyLanguageAreCut() {
        for (String footer : new String[] {
            "This e-mail and any attachments are confidential. If you are not the intended recipient, delete it.",
            "Berger GmbH · Geschäftsführer: Thomas Berger · Registergericht München HRB 234567",
            "Diese E-Mail kann vertrauliche Informationen enthalten.",
            "Ce message est confidentiel et destiné uniquement à son destinataire.",
            "Questo messaggio è riservato ed è destinato esclusivamente al destinatario.",
            "Este mensaje es confidencial y está dirigido únicamente a su destinatario.",
            "Dit bericht is vertrouwelijk en uitsluitend bestemd voor de geadresseerde.",
            "Ta wiadomość jest poufna i przeznaczona wyłącznie dla adresata.",
            "Esta mensagem é confidencial e destina-se apenas ao destinatário.",
            "Denne e-mail er fortrolig og kun beregnet til modtageren.",
            "Detta e-postmeddelande är konfidentiellt och endast avsett för mottagaren."
        }) {
            CleanedMessage m = CleanedMessage.of("Please send a quote for 40 chairs.\n\n" + footer);
            assertThat(m.text()).as(footer).isEqualTo("Please send a quote for 40 chairs.");
            assertThat(m.cut(Part.FOOTER)).as(footer).isEqualTo(footer);
        }
    }

    @Test
    void aB2bMailKeepsOnlyTheNewRequest() {
        CleanedMessage m = CleanedMessage.of("Guten Tag,\n\nbitte senden Sie uns die Rechnung zu Bestellung 100645.\n\n"
                + "Mit freundlichen Grüßen\nThomas Berger\nBerger Haustechnik GmbH\n\n"
                + "Berger Haustechnik GmbH · Geschäftsführer: Thomas Berger · Registergericht München HRB 234567\n"
                + "This e-mail may contain confidential information.\n\n"
                + "Am 12.03.2025 um 09:14 schrieb Kundenservice <service@shop.de>:\n"
                + "> Die Ware wird morgen versendet.");
        assertThat(m.text()).isEqualTo("Guten Tag,\n\nbitte senden Sie uns die Rechnung zu Bestellung 100645.");
        assertThat(m.cuts())
                .extracting(CleanedMessage.Cut::part)
                .containsExactly(Part.SIGNATURE, Part.FOOTER, Part.QUOTE);
    }

    @Test
    void aMessageThatWouldBeCutToNothingStaysWhole() {
        assertThat(CleanedMessage.of("-----Original Message-----\nFrom: a\nPlease cancel.")
                        .text())
                .isEqualTo("-----Original Message-----\nFrom: a\nPlease cancel.");
        assertThat(CleanedMessage.of(null).text()).isEmpty();
    }

    @Test
    void aMessageThatMentionsConfidentialityInItsFirstParagraphIsKept() {
        String text = "Is the confidential shredder in stock? I need it for the office.";
        assertThat(CleanedMessage.of(text).text()).isEqualTo(text);
        assertThat(CleanedMessage.of(text).cuts()).isEmpty();
    }

    @Test
    void aLaterParagraphAboutTheRecipientOfAParcelIsNotAFooter() {
        String text =
                "¿Dónde está mi pedido?\n\nEl mensaje del transportista dice que el destinatario no estaba en casa.";
        assertThat(CleanedMessage.of(text).text()).isEqualTo(text);
    }
}
