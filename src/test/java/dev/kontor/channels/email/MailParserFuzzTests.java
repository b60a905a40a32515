package dev.kontor.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.kontor.shared.Text;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage-guided fuzzing of inbound mail parsing: any bytes either parse into storable text or are refused as
 * {@link UnparseableMail}; no other exception, and nothing in the result that the database would refuse. Seeds:
 * MailParserFuzzTestsInputs next to this class; the budget is set in the build (fuzz execution).
 */
class MailParserFuzzTests {

    private final MailParser parser = new MailParser();

    @FuzzTest(maxDuration = "20s")
    void anyBytesParseOrAreRefusedAsUnparseable(byte[] raw) {
        ParsedMail mail;
        try {
            mail = parser.parse(raw);
        } catch (UnparseableMail expected) {
            return;
        }
        List<String> texts = new ArrayList<>();
        texts.add(mail.subject());
        texts.add(mail.text());
        texts.add(mail.html());
        texts.add(mail.fromAddress());
        texts.add(mail.fromName());
        texts.add(mail.messageId());
        texts.addAll(mail.recipients());
        texts.addAll(mail.references());
        mail.attachments().forEach(a -> texts.add(a.filename()));
        for (String text : texts) {
            assertThat(Text.problem(text)).as("%s", text).isNull();
        }
    }
}
