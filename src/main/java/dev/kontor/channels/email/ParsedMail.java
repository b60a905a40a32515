package dev.kontor.channels.email;

import dev.kontor.shared.Text;
import java.time.Instant;
import java.util.List;

/** What a raw e-mail says, as far as it could be read; {@code problems} names what was broken and recovered. */
public record ParsedMail(
        String messageId,
        String inReplyTo,
        List<String> references,
        String fromAddress,
        String fromName,
        List<String> replyTo,
        List<String> recipients,
        String subject,
        Instant sentAt,
        String text,
        String html,
        List<ParsedAttachment> attachments,
        boolean autoSubmitted,
        Bounce bounce,
        List<String> problems,
        String fromHeader,
        Automation automation) {

    /**
     * Mail is cleaned, not refused: a NUL byte or a broken surrogate anywhere in it is dropped or shown as U+FFFD
     * (see {@link Text}), so the customer's message is still stored and answered.
     */
    public ParsedMail {
        messageId = Text.clean(messageId);
        inReplyTo = Text.clean(inReplyTo);
        references = clean(references);
        fromAddress = Text.clean(fromAddress);
        fromName = Text.clean(fromName);
        replyTo = clean(replyTo);
        recipients = clean(recipients);
        subject = Text.clean(subject);
        text = Text.clean(text);
        html = Text.clean(html);
        bounce = bounce == null
                ? null
                : new Bounce(
                        Text.clean(bounce.originalMessageId()),
                        Text.clean(bounce.status()),
                        Text.clean(bounce.diagnostic()));
        problems = clean(problems);
    }

    private static List<String> clean(List<String> list) {
        return list == null ? null : list.stream().map(Text::clean).toList();
    }

    /** A delivery status notification: which of our messages failed, and why. */
    public record Bounce(String originalMessageId, String status, String diagnostic) {}

    /**
     * Who wrote it, as far as the headers tell: a person, an autoresponder answering (RFC 3834 "auto-replied" or
     * the vendor forms), bulk, junk or list mail, or other generated mail (notifications, reports); {@code evidence}
     * names the header that told.
     */
    public record Automation(Kind kind, String evidence) {

        public enum Kind {
            PERSON,
            AUTO_REPLY,
            BULK,
            GENERATED
        }

        static final Automation PERSON = new Automation(Kind.PERSON, null);
    }
}
