package dev.kontor.channels.email;

import static dev.kontor.channels.db.Tables.INBOUND_MAIL;
import static dev.kontor.channels.db.Tables.MAILBOX;

import dev.kontor.channels.ConnectionCheck;
import dev.kontor.channels.QuarantinedMail;
import dev.kontor.channels.ReplyDelivery;
import dev.kontor.channels.email.Mailboxes.Account;
import dev.kontor.shared.NotFound;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** The e-mail channel's operations behind {@code MailboxManagement}, and the entry points tests drive directly. */
@Component
public class EmailChannel {

    private final Mailboxes mailboxes;
    private final MailServers servers;
    private final MailFetcher fetcher;
    private final InboundMailProcessor processor;
    private final Outbox outbox;
    private final InboundMails inbound;
    private final DSLContext db;

    EmailChannel(
            Mailboxes mailboxes,
            MailServers servers,
            MailFetcher fetcher,
            InboundMailProcessor processor,
            Outbox outbox,
            InboundMails inbound,
            DSLContext db) {
        this.mailboxes = mailboxes;
        this.servers = servers;
        this.fetcher = fetcher;
        this.processor = processor;
        this.outbox = outbox;
        this.inbound = inbound;
        this.db = db;
    }

    /**
     * Fetches the mailbox now (after a running fetch of it has finished) and processes what arrived; returns how
     * many mails this call stored.
     */
    public int fetchNow(long mailboxId) {
        int stored = fetcher.fetch(mailboxId, java.time.Duration.ofSeconds(60));
        processor.processPending(mailboxId);
        return stored;
    }

    /** How many stored mails of the mailbox wait to be processed. */
    public int backlog(long mailboxId) {
        return inbound.backlog(mailboxId);
    }

    /** How many fetched mails were skipped as copies of stored ones, by reason. */
    public Map<String, Integer> skipped(long mailboxId) {
        return inbound.skipped(mailboxId);
    }

    /** Sends the replies that are due; returns how many were attempted. */
    public int sendDue() {
        return outbox.sendDue();
    }

    public ConnectionCheck check(long mailboxId) {
        Account account;
        try {
            account = mailboxes.account(mailboxId);
        } catch (RuntimeException e) {
            String error = MailServers.describe(e);
            return new ConnectionCheck(error, error);
        }
        String imapError = null;
        try (Store store = servers.openImap(account.imap())) {
            Folder folder = store.getFolder(account.folder());
            if (!folder.exists()) {
                imapError = "connected, but the folder \"" + account.folder() + "\" does not exist";
            }
        } catch (MessagingException | RuntimeException e) {
            imapError = MailServers.describe(e);
        }
        String smtpError = null;
        Session session = servers.smtpSession(account.smtp(), account.fromAddress());
        try (Transport transport = servers.openSmtp(session, account.smtp())) {
            // connected and authenticated
        } catch (MessagingException | RuntimeException e) {
            smtpError = MailServers.describe(e);
        }
        return new ConnectionCheck(imapError, smtpError);
    }

    public List<QuarantinedMail> quarantine(int limit) {
        return stored("quarantined", limit);
    }

    /** Bulk and list mail, and automatic replies that answer no ticket: kept out of the inbox, not lost. */
    public List<QuarantinedMail> notCustomer(int limit) {
        return stored("not_customer", limit);
    }

    private List<QuarantinedMail> stored(String status, int limit) {
        return db.select(
                        INBOUND_MAIL.ID,
                        INBOUND_MAIL.MAILBOX_ID,
                        MAILBOX.FROM_ADDRESS,
                        INBOUND_MAIL.RAW,
                        INBOUND_MAIL.SIZE,
                        INBOUND_MAIL.OVERSIZED,
                        INBOUND_MAIL.REASON,
                        INBOUND_MAIL.ATTEMPTS,
                        INBOUND_MAIL.FETCHED_AT)
                .from(INBOUND_MAIL)
                .join(MAILBOX)
                .on(MAILBOX.ID.eq(INBOUND_MAIL.MAILBOX_ID))
                .where(INBOUND_MAIL.STATUS.eq(status))
                .orderBy(INBOUND_MAIL.ID.desc())
                .limit(limit)
                .fetch(r -> {
                    String[] who = headline(r.get(INBOUND_MAIL.RAW));
                    return new QuarantinedMail(
                            r.get(INBOUND_MAIL.ID),
                            r.get(INBOUND_MAIL.MAILBOX_ID),
                            r.get(MAILBOX.FROM_ADDRESS),
                            who[0],
                            who[1],
                            r.get(INBOUND_MAIL.SIZE),
                            r.get(INBOUND_MAIL.OVERSIZED),
                            r.get(INBOUND_MAIL.REASON),
                            r.get(INBOUND_MAIL.ATTEMPTS),
                            r.get(INBOUND_MAIL.FETCHED_AT));
                });
    }

    /** From and Subject for a list, read from the header block only, leniently: these mails are broken. */
    private static String[] headline(byte[] raw) {
        try {
            InternetHeaders headers = new InternetHeaders(new ByteArrayInputStream(raw));
            return new String[] {decoded(headers.getHeader("From", ", ")), decoded(headers.getHeader("Subject", " "))};
        } catch (MessagingException | RuntimeException e) {
            return new String[] {"", ""};
        }
    }

    private static String decoded(String value) {
        if (value == null) {
            return "";
        }
        try {
            return MimeUtility.decodeText(MimeUtility.unfold(value));
        } catch (java.io.UnsupportedEncodingException | RuntimeException e) {
            return value;
        }
    }

    /** Back to "new" and through the processor again; returns the new status. */
    public String reprocess(long inboundId) {
        int reset = db.update(INBOUND_MAIL)
                .set(INBOUND_MAIL.STATUS, "new")
                .setNull(INBOUND_MAIL.REASON)
                .where(INBOUND_MAIL.ID.eq(inboundId).and(INBOUND_MAIL.STATUS.in("quarantined", "ignored")))
                .execute();
        if (reset == 0) {
            throw new NotFound("quarantined mail " + inboundId);
        }
        processor.process(inboundId);
        return db.select(INBOUND_MAIL.STATUS)
                .from(INBOUND_MAIL)
                .where(INBOUND_MAIL.ID.eq(inboundId))
                .fetchOne(INBOUND_MAIL.STATUS);
    }

    /** An admin says a mail from the "not a customer message" list is a customer's after all: import it. */
    public String importAsCustomer(long inboundId) {
        int reset = db.update(INBOUND_MAIL)
                .set(INBOUND_MAIL.STATUS, "new")
                .setNull(INBOUND_MAIL.REASON)
                .where(INBOUND_MAIL.ID.eq(inboundId).and(INBOUND_MAIL.STATUS.eq("not_customer")))
                .execute();
        if (reset == 0) {
            throw new NotFound("mail " + inboundId + " in the list of mails that are no customer's");
        }
        processor.process(inboundId, true);
        return db.select(INBOUND_MAIL.STATUS)
                .from(INBOUND_MAIL)
                .where(INBOUND_MAIL.ID.eq(inboundId))
                .fetchOne(INBOUND_MAIL.STATUS);
    }

    public Map<Long, ReplyDelivery> deliveries(Collection<Long> messageIds) {
        return outbox.deliveries(messageIds);
    }

    public void retry(long messageId) {
        outbox.retry(messageId);
    }
}
