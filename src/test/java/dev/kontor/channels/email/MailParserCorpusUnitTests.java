package dev.kontor.channels.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parser against 136 real malformed messages: it gets something readable out of each, or says why not. */
class MailParserCorpusUnitTests {

    private final MailParser parser = new MailParser();

    @Test
    void readsEveryCorpusMessageOrExplainsWhyNot() {
        List<Path> files = EmailCorpus.messages();
        assertThat(files).hasSizeGreaterThan(100);
        int parsed = 0;
        int withProblems = 0;
        List<String> unparseable = new ArrayList<>();
        for (Path file : files) {
            byte[] raw = EmailCorpus.read(file);
            // A guard against hangs, not a speed target: each message takes milliseconds.
            ParsedMail mail = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                try {
                    return parser.parse(raw);
                } catch (UnparseableMail e) {
                    assertThat(e.getMessage()).as(file.toString()).isNotBlank();
                    unparseable.add(EmailCorpus.root().relativize(file) + ": " + e.getMessage());
                    return null;
                }
            });
            if (mail != null) {
                parsed++;
                withProblems += mail.problems().isEmpty() ? 0 : 1;
                assertThat(mail.fromAddress() != null
                                || !mail.subject().isBlank()
                                || !mail.text().isBlank()
                                || !mail.attachments().isEmpty())
                        .as("something readable in " + file)
                        .isTrue();
            }
        }
        System.out.printf(
                "E-mail corpus: %d messages, %d parsed (%d with recovered problems), %d unparseable %s%n",
                files.size(), parsed, withProblems, unparseable.size(), unparseable);
        assertThat(parsed).isGreaterThan(files.size() * 9 / 10);
    }

    @Test
    void readsTheWellFormedBaselinesExactly() {
        ParsedMail simple = parser.parse(EmailCorpus.read(EmailCorpus.root().resolve("james-mime4j/simple.msg")));
        assertThat(simple.problems()).isEmpty();
        assertThat(simple.fromAddress()).isEqualTo("eryq@rhine.gsfc.nasa.gov");
        assertThat(simple.subject()).isEqualTo("Request for Leave");
        assertThat(simple.text()).startsWith("I will be taking vacation from Friday, 12/22/95");
        ParsedMail mixed = parser.parse(EmailCorpus.read(EmailCorpus.root().resolve("enmime/mail/mime-mixed.raw")));
        assertThat(mixed.fromAddress()).isEqualTo("jamehi03@jamehi03lx.noa.com");
        assertThat(mixed.fromName()).isEqualTo("James Hillyerd");
        assertThat(mixed.subject()).isEqualTo("Multipart Mixed");
        assertThat(mixed.text()).isEqualTo("Section one\n\n\nSection two");
        assertThat(mixed.attachments()).isEmpty();
    }
}
