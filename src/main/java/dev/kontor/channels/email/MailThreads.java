package dev.kontor.channels.email;

import static dev.kontor.channels.db.Tables.MAIL_THREAD;

import dev.kontor.channels.crypto.CredentialCipher;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** The Message-IDs of a client's mail, in and out, with the ticket each belongs to. */
@Component
class MailThreads {

    /** The ticket token we put into subjects: "[#1042]". */
    static final Pattern SUBJECT_TOKEN = Pattern.compile("\\[#(\\d{1,18})]");

    private static final Pattern PLUS_TOKEN = Pattern.compile("^([^@+]+)\\+t(\\d{1,18})\\.([0-9a-f]{12})@(.+)$");

    private final DSLContext db;
    private final Clock clock;
    private final CredentialCipher cipher;

    MailThreads(DSLContext db, Clock clock, CredentialCipher cipher) {
        this.db = db;
        this.clock = clock;
        this.cipher = cipher;
    }

    /** "support+t42.1a2b3c4d5e6f@shop.test" for ticket 42 of the mailbox support@shop.test. */
    String replyAddress(String mailboxAddress, long ticketId) {
        int at = mailboxAddress.indexOf('@');
        return mailboxAddress.substring(0, at) + "+t" + ticketId + "." + cipher.sign("ticket:" + ticketId)
                + mailboxAddress.substring(at);
    }

    /** The ticket of a reply address we handed out for this mailbox, if the signature is ours. */
    Optional<Long> replyAddressTicket(String mailboxAddress, Collection<String> recipients) {
        int at = mailboxAddress.indexOf('@');
        String local = mailboxAddress.substring(0, at);
        String domain = mailboxAddress.substring(at + 1);
        for (String recipient : recipients) {
            Matcher m = PLUS_TOKEN.matcher(recipient.toLowerCase(Locale.ROOT));
            if (m.matches() && m.group(1).equals(local) && m.group(4).equals(domain)) {
                long ticketId = Long.parseLong(m.group(2));
                if (cipher.sign("ticket:" + ticketId).equals(m.group(3))) {
                    return Optional.of(ticketId);
                }
            }
        }
        return Optional.empty();
    }

    /** The key Message-IDs are matched by: case-insensitive, as mailers change case when they quote an ID. */
    static String normalize(String messageId) {
        return exact(messageId).toLowerCase(Locale.ROOT);
    }

    /** The ID as written, without the angle brackets: what goes back out in In-Reply-To and References. */
    static String exact(String messageId) {
        return messageId.strip().replaceAll("^<|>$", "");
    }

    void record(long clientId, String messageId, long ticketId) {
        if (messageId == null || messageId.isBlank()) {
            return;
        }
        db.insertInto(MAIL_THREAD)
                .set(MAIL_THREAD.CLIENT_ID, clientId)
                .set(MAIL_THREAD.RFC_MESSAGE_ID, normalize(messageId))
                .set(MAIL_THREAD.EXACT_ID, exact(messageId))
                .set(MAIL_THREAD.TICKET_ID, ticketId)
                .set(MAIL_THREAD.RECORDED_AT, clock.instant())
                .onConflictDoNothing()
                .execute();
    }

    /** The ticket of the newest known message among {@code messageIds}, within the client. */
    Optional<Long> ticketOf(long clientId, Collection<String> messageIds) {
        List<String> ids = messageIds.stream()
                .filter(id -> id != null && !id.isBlank())
                .map(MailThreads::normalize)
                .toList();
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        return db.select(MAIL_THREAD.TICKET_ID)
                .from(MAIL_THREAD)
                .where(MAIL_THREAD.CLIENT_ID.eq(clientId).and(MAIL_THREAD.RFC_MESSAGE_ID.in(ids)))
                .orderBy(MAIL_THREAD.RECORDED_AT.desc())
                .limit(1)
                .fetchOptional(MAIL_THREAD.TICKET_ID);
    }

    /** The ticket's Message-IDs as they were written, oldest first, for the References header of a reply. */
    List<String> messageIdsOf(long ticketId, int limit) {
        var id = org.jooq.impl.DSL.coalesce(MAIL_THREAD.EXACT_ID, MAIL_THREAD.RFC_MESSAGE_ID);
        List<String> ids = new java.util.ArrayList<>(db.select(id)
                .from(MAIL_THREAD)
                .where(MAIL_THREAD.TICKET_ID.eq(ticketId))
                .orderBy(MAIL_THREAD.RECORDED_AT.desc(), MAIL_THREAD.RFC_MESSAGE_ID.desc())
                .limit(limit)
                .fetch(id));
        java.util.Collections.reverse(ids);
        return ids;
    }

    static Optional<Long> subjectToken(String subject) {
        Matcher m = SUBJECT_TOKEN.matcher(subject == null ? "" : subject);
        return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }
}
