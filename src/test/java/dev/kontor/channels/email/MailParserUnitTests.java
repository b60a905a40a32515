package dev.kontor.channels.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class MailParserUnitTests {

    private final MailParser parser = new MailParser();

    private static byte[] bytes(String headers, byte[] body) {
        byte[] head = headers.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[head.length + 2 + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        all[head.length] = '\r';
        all[head.length + 1] = '\n';
        System.arraycopy(body, 0, all, head.length + 2, body.length);
        return all;
    }

    @Test
    void decodesIso2022JpSubjectAndBody() {
        Charset jis = Charset.forName("ISO-2022-JP");
        String subject = "=?ISO-2022-JP?B?" + Base64.getEncoder().encodeToString("注文について".getBytes(jis)) + "?=";
        ParsedMail mail = parser.parse(bytes(
                "From: Taro <taro@example.jp>\nSubject: " + subject
                        + "\nMIME-Version: 1.0\nContent-Type: text/plain; charset=ISO-2022-JP\n"
                        + "Content-Transfer-Encoding: 7bit\n",
                "注文をキャンセルしたいです。".getBytes(jis)));
        assertThat(mail.subject()).isEqualTo("注文について");
        assertThat(mail.text()).isEqualTo("注文をキャンセルしたいです。");
        assertThat(mail.fromName()).isEqualTo("Taro");
    }

    @Test
    void decodesWindows1252AndKoi8rBodies() {
        ParsedMail euro = parser.parse(bytes(
                "From: a@example.com\nSubject: Preis\nContent-Type: text/plain; charset=windows-1252\n"
                        + "Content-Transfer-Encoding: 8bit\n",
                "Kostet 20 € – „zu viel“".getBytes(Charset.forName("windows-1252"))));
        assertThat(euro.text()).isEqualTo("Kostet 20 € – „zu viel“");

        ParsedMail russian = parser.parse(bytes(
                "From: b@example.ru\nSubject: Zakaz\nContent-Type: text/plain; charset=KOI8-R\n"
                        + "Content-Transfer-Encoding: 8bit\n",
                "Где мой заказ?".getBytes(Charset.forName("KOI8-R"))));
        assertThat(russian.text()).isEqualTo("Где мой заказ?");
    }

    @Test
    void readsEncodedSenderNamesAndRfc2231FileNames() {
        ParsedMail mail = parser.parse(bytes(
                "From: =?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <JUERGEN@Example.DE>\nSubject: Rechnung\n"
                        + "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b1\"\n",
                ("--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nAnbei die Rechnung.\r\n"
                                + "--b1\r\nContent-Type: application/pdf\r\n"
                                + "Content-Disposition: attachment; filename*=UTF-8''Rechnung%20M%C3%A4rz.pdf\r\n"
                                + "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b1--\r\n")
                        .getBytes(StandardCharsets.UTF_8)));
        assertThat(mail.fromName()).isEqualTo("Jürgen Müller");
        assertThat(mail.fromAddress()).isEqualTo("juergen@example.de");
        assertThat(mail.text()).isEqualTo("Anbei die Rechnung.");
        assertThat(mail.attachments()).singleElement().satisfies(a -> {
            assertThat(a.filename()).isEqualTo("Rechnung März.pdf");
            assertThat(a.contentType()).isEqualTo("application/pdf");
            assertThat(new String(a.content(), StandardCharsets.US_ASCII)).startsWith("%PDF-1.4");
        });
    }

    @Test
    void prefersPlainTextInAlternativesAndKeepsInlineImagesWithTheirContentId() {
        ParsedMail mail = parser.parse(bytes(
                "From: c@example.com\nSubject: Foto\nMIME-Version: 1.0\n"
                        + "Content-Type: multipart/related; boundary=\"r\"\n",
                ("--r\r\nContent-Type: multipart/alternative; boundary=\"a\"\r\n\r\n"
                                + "--a\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nDas Glas ist kaputt.\r\n"
                                + "--a\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
                                + "<p>Das Glas ist <b>kaputt</b>.<img src=\"cid:img1@x\"></p>\r\n--a--\r\n"
                                + "--r\r\nContent-Type: image/png\r\nContent-ID: <img1@x>\r\n"
                                + "Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--r--\r\n")
                        .getBytes(StandardCharsets.UTF_8)));
        assertThat(mail.text()).isEqualTo("Das Glas ist kaputt.");
        assertThat(mail.html()).contains("<b>kaputt</b>");
        assertThat(mail.attachments()).singleElement().satisfies(a -> {
            assertThat(a.inline()).isTrue();
            assertThat(a.contentId()).isEqualTo("img1@x");
            assertThat(a.filename()).isEqualTo("attachment-1.png");
        });
    }

    @Test
    void readsThreadingHeadersAndToleratesAMissingMessageId() {
        ParsedMail mail = parser.parse(bytes(
                "From: d@example.com\nSubject: Re: Frage\nIn-Reply-To: <kontor.1.ab@shop.test>\n"
                        + "References: <first@example.com>\n <kontor.1.ab@shop.test>\n"
                        + "To: Shop <support@shop.test>\nCc: other@example.com\n",
                "Danke".getBytes(StandardCharsets.US_ASCII)));
        assertThat(mail.messageId()).isNull();
        assertThat(mail.inReplyTo()).isEqualTo("kontor.1.ab@shop.test");
        assertThat(mail.references()).containsExactly("first@example.com", "kontor.1.ab@shop.test");
        assertThat(mail.recipients()).containsExactly("support@shop.test", "other@example.com");
        assertThat(mail.autoSubmitted()).isFalse();
    }

    @Test
    void recognisesAutoRepliesAndBulkMail() {
        assertThat(parser.parse(bytes(
                                "From: e@example.com\nSubject: Abwesend\nAuto-Submitted: auto-replied\n",
                                "Bin weg".getBytes(StandardCharsets.US_ASCII)))
                        .autoSubmitted())
                .isTrue();
        assertThat(parser.parse(bytes(
                                "From: e@example.com\nSubject: News\nPrecedence: bulk\n",
                                "News".getBytes(StandardCharsets.US_ASCII)))
                        .autoSubmitted())
                .isTrue();
        assertThat(parser.parse(bytes(
                                "From: e@example.com\nSubject: Hi\nAuto-Submitted: no\n",
                                "Hallo".getBytes(StandardCharsets.US_ASCII)))
                        .autoSubmitted())
                .isFalse();
    }

    @Test
    void readsTheFailedMessageIdOutOfADeliveryStatusNotification() {
        ParsedMail mail = parser.parse(bytes(
                "From: MAILER-DAEMON@mx.example.net\nSubject: Undelivered\nMIME-Version: 1.0\n"
                        + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n",
                ("--b\r\nContent-Type: text/plain\r\n\r\nFailed.\r\n"
                                + "--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx\r\n\r\n"
                                + "Final-Recipient: rfc822; x@example.org\r\nAction: failed\r\nStatus: 5.1.1\r\n"
                                + "Diagnostic-Code: smtp; 550 5.1.1 user\r\n unknown\r\n"
                                + "--b\r\nContent-Type: message/rfc822\r\n\r\nMessage-ID: <kontor.7.ff@shop.test>\r\n"
                                + "Subject: Re\r\n\r\nbody\r\n--b--\r\n")
                        .getBytes(StandardCharsets.US_ASCII)));
        assertThat(mail.bounce()).isNotNull();
        assertThat(mail.bounce().originalMessageId()).isEqualTo("kontor.7.ff@shop.test");
        assertThat(mail.bounce().status()).isEqualTo("5.1.1");
        assertThat(mail.bounce().diagnostic()).isEqualTo("smtp; 550 5.1.1 user unknown");
        assertThat(mail.autoSubmitted()).isTrue();
    }

    @Test
    void readsRawLatin1WithoutContentTypeAndUnknownCharsetsWithANote() {
        ParsedMail latin = parser.parse(bytes(
                "From: f@example.com\nSubject: Gr\u00fc\u00dfe\n",
                "Sch\u00f6ne Gr\u00fc\u00dfe".getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(latin.text()).isEqualTo("Schöne Grüße");
        assertThat(latin.subject()).isEqualTo("Grüße");

        ParsedMail unknown = parser.parse(bytes(
                "From: g@example.com\nSubject: x\nContent-Type: text/plain; charset=x-no-such-charset\n",
                "plain words".getBytes(StandardCharsets.US_ASCII)));
        assertThat(unknown.text()).isEqualTo("plain words");
        assertThat(unknown.problems()).anyMatch(p -> p.contains("x-no-such-charset"));
    }

    @Test
    void keepsWhatABrokenBase64AttachmentStillHas() {
        ParsedMail mail = parser.parse(bytes(
                "From: h@example.com\nSubject: Foto\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"m\"\n",
                ("--m\r\nContent-Type: text/plain\r\n\r\nSiehe Foto\r\n--m\r\nContent-Type: image/jpeg; name=a.jpg\r\n"
                                + "Content-Transfer-Encoding: base64\r\n\r\n/9j/4AAQ!!!not base64***\r\n--m--\r\n")
                        .getBytes(StandardCharsets.US_ASCII)));
        assertThat(mail.text()).isEqualTo("Siehe Foto");
        assertThat(mail.attachments())
                .singleElement()
                .satisfies(a -> assertThat(a.filename()).isEqualTo("a.jpg"));
    }

    @Test
    void aNumericReferenceWithHexDigitsButNoXIsLeftAsText() {
        assertThat(MailParser.htmlToText("<p>&#23d; &#65; &#x42; &#X43;</p>")).isEqualTo("&#23d; A B C");
    }

    @Test
    void refusesInputWithoutHeadersWithAReason() {
        assertThatThrownBy(() -> parser.parse(new byte[0]))
                .isInstanceOf(UnparseableMail.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> parser.parse("just some words".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(UnparseableMail.class)
                .hasMessageContaining("header");
    }

    @Test
    void refusesAFoldedLineBeforeAnyHeaderWithAReason() {
        // Found by fuzzing: the mail library itself fails on it with an index out of bounds.
        assertThatThrownBy(() -> parser.parse(new byte[] {'\t', '\t', '\r', '\t', ':', '4'}))
                .isInstanceOf(UnparseableMail.class)
                .hasMessageContaining("headers cannot be read");
    }

    @Test
    void cleansNulBytesAndBrokenSurrogatesAndKeepsTheRestOfTheMail() {
        ParsedMail mail = parser.parse(bytes(
                "From: =?UTF-8?Q?Nu=00l?= <nul@example.com>\nSubject: =?UTF-8?Q?Zero=00_byte?=\nMIME-Version: 1.0\n"
                        + "Content-Type: multipart/alternative; boundary=\"b\"\n",
                ("--b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                                + "Where\0 is my order?\r\n--b\r\nContent-Type: text/html\r\n\r\n"
                                + "<p>Hi&#0; &#xD800;there</p>\r\n--b--\r\n")
                        .getBytes(StandardCharsets.UTF_8)));

        assertThat(mail.text()).isEqualTo("Where is my order?");
        assertThat(mail.subject()).isEqualTo("Zero byte");
        assertThat(mail.fromName()).isEqualTo("Nul");
        assertThat(mail.html()).doesNotContain("\0");
        assertThat(MailParser.htmlToText("<p>Hi&#0; &#xD800;there</p>")).isEqualTo("Hi \uFFFDthere");
    }

    private ParsedMail ascii(String raw) {
        return parser.parse(raw.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void tellsAutoRepliesBulkMailAndGeneratedMailApart() {
        assertThat(ascii("From: e@example.com\nSubject: Abwesend\nAuto-Submitted: auto-replied\n\nBin weg\n")
                        .automation()
                        .kind())
                .isEqualTo(ParsedMail.Automation.Kind.AUTO_REPLY);
        assertThat(ascii("From: e@example.com\nSubject: Automatic reply: Ihre Anfrage\n\nIch bin nicht da\n")
                        .automation())
                .isEqualTo(new ParsedMail.Automation(
                        ParsedMail.Automation.Kind.AUTO_REPLY, "Subject: Automatic reply: Ihre Anfrage"));
        assertThat(ascii("From: e@example.com\nSubject: Re: Frage\nX-Autoreply: yes\n\nweg\n")
                        .automation()
                        .kind())
                .isEqualTo(ParsedMail.Automation.Kind.AUTO_REPLY);
        for (String precedence : new String[] {"junk", "bulk", "list"}) {
            assertThat(ascii("From: e@example.com\nSubject: News\nPrecedence: " + precedence + "\n\nNews\n")
                            .automation()
                            .kind())
                    .isEqualTo(ParsedMail.Automation.Kind.BULK);
        }
        assertThat(ascii("From: n@market.example\nSubject: Report\nAuto-Submitted: auto-generated\n\n12 rows\n")
                        .automation()
                        .kind())
                .isEqualTo(ParsedMail.Automation.Kind.GENERATED);
        assertThat(ascii("From: e@example.com\nSubject: Out of stock question\n\nWhen?\n")
                        .automation()
                        .kind())
                .isEqualTo(ParsedMail.Automation.Kind.PERSON);
    }

    @Test
    void recognisesAQmailFailureNoticeWithTheReturnedMessageId() {
        ParsedMail mail = ascii("From: MAILER-DAEMON@mx.example.net\nSubject: failure notice\n\n"
                + "Hi. This is the qmail-send program at mx.example.net.\n"
                + "I'm afraid I wasn't able to deliver your message to the following addresses.\n\n"
                + "<gone@example.org>:\nRemote host said: 550 5.1.1 <gone@example.org>: user unknown\n\n"
                + "--- Below this line is a copy of the message.\n\n"
                + "Message-ID: <kontor.9.ab12@shop.test>\nSubject: Re: Frage [#12]\n\nDanke\n");
        assertThat(mail.bounce()).isNotNull();
        assertThat(mail.bounce().originalMessageId()).isEqualTo("kontor.9.ab12@shop.test");
        assertThat(mail.bounce().status()).isEqualTo("5.1.1");
        assertThat(mail.bounce().diagnostic()).contains("550 5.1.1").contains("user unknown");
    }

    @Test
    void aCustomerWritingAboutAnUndeliveredParcelIsNoBounce() {
        ParsedMail mail = ascii("From: kunde@example.com\nSubject: Undelivered parcel\n\nMy parcel never came.\n");
        assertThat(mail.bounce()).isNull();
        assertThat(mail.autoSubmitted()).isFalse();
    }

    @Test
    void aHeaderBlockEndedByALineHoldingASpaceKeepsTheBody() {
        ParsedMail mail = ascii("From: l@example.com\nSubject: Frage\n \nHier ist der Text.\nZweite Zeile.\n");
        assertThat(mail.subject()).isEqualTo("Frage");
        assertThat(mail.text().replace("\r\n", "\n")).isEqualTo("Hier ist der Text.\nZweite Zeile.");
    }

    @Test
    void tellsAnUnreadableFromApartFromNone() {
        assertThat(ascii("From: \"Nur ein Name\"\nSubject: x\n\nText\n").fromHeader())
                .isEqualTo("\"Nur ein Name\"");
        assertThat(ascii("Subject: x\n\nText\n").fromHeader()).isNull();
    }
}
