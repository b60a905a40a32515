package dev.kontor.channels.email;

import static dev.kontor.channels.db.Tables.INBOUND_MAIL;
import static dev.kontor.channels.db.Tables.OUTBOUND_MAIL;

import dev.kontor.channels.ReplyDelivery;
import dev.kontor.channels.db.tables.records.OutboundMailRecord;
import dev.kontor.channels.email.Mailboxes.Account;
import dev.kontor.channels.runtime.Retries;
import dev.kontor.customers.CustomerManagement;
import dev.kontor.customers.CustomerView;
import dev.kontor.shared.ClientScope;
import dev.kontor.shared.NotFound;
import dev.kontor.tickets.AttachmentContent;
import dev.kontor.tickets.MessageView;
import dev.kontor.tickets.TicketEvents.ReplyPosted;
import dev.kontor.tickets.TicketQueries;
import dev.kontor.tickets.TicketView;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Replies to e-mail tickets go out through an outbox: queued in the transaction that follows the reply, sent by
 * SMTP with a stable Message-ID, retried with growing delays while the server is down, and failed with the reason
 * after the last attempt. Delivery is at least once: a crash between the SMTP "250" and the commit sends the
 * same mail (same Message-ID) again.
 */
@Component
class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final DSLContext db;
    private final Mailboxes mailboxes;
    private final MailServers servers;
    private final MailThreads threads;
    private final TicketQueries tickets;
    private final CustomerManagement customers;
    private final EmailSettings settings;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Outbox(
            DSLContext db,
            Mailboxes mailboxes,
            MailServers servers,
            MailThreads threads,
            TicketQueries tickets,
            CustomerManagement customers,
            EmailSettings settings,
            TransactionTemplate transactions,
            Clock clock) {
        this.db = db;
        this.mailboxes = mailboxes;
        this.servers = servers;
        this.threads = threads;
        this.tickets = tickets;
        this.customers = customers;
        this.settings = settings;
        this.transactions = transactions;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(ReplyPosted reply) {
        mailboxes.accountOfChannel(reply.channelId()).ifPresent(account -> queue(account, reply));
    }

    private void queue(Account account, ReplyPosted reply) {
        String domain = account.fromAddress().substring(account.fromAddress().indexOf('@') + 1);
        String messageId = "kontor." + reply.messageId() + "." + HexFormat.of().formatHex(randomBytes()) + "@" + domain;
        db.insertInto(OUTBOUND_MAIL)
                .set(OUTBOUND_MAIL.MAILBOX_ID, account.id())
                .set(OUTBOUND_MAIL.TICKET_ID, reply.ticketId())
                .set(OUTBOUND_MAIL.MESSAGE_ID, reply.messageId())
                .set(OUTBOUND_MAIL.RFC_MESSAGE_ID, messageId)
                .set(OUTBOUND_MAIL.STATUS, "queued")
                .set(OUTBOUND_MAIL.NEXT_ATTEMPT_AT, clock.instant())
                .set(OUTBOUND_MAIL.CREATED_AT, clock.instant())
                .onConflictDoNothing()
                .execute();
        threads.record(account.clientId(), messageId, reply.ticketId());
    }

    private byte[] randomBytes() {
        byte[] b = new byte[6];
        random.nextBytes(b);
        return b;
    }

    /** Sends what is due, each in its own transaction holding the row, so two nodes never send the same mail. */
    int sendDue() {
        return Retries.drain(
                transactions,
                100,
                () -> db.selectFrom(OUTBOUND_MAIL)
                        .where(OUTBOUND_MAIL.STATUS.eq("queued").and(OUTBOUND_MAIL.NEXT_ATTEMPT_AT.le(clock.instant())))
                        .orderBy(OUTBOUND_MAIL.NEXT_ATTEMPT_AT)
                        .limit(1)
                        .forUpdate()
                        .skipLocked()
                        .fetchOne(),
                this::attempt);
    }

    private void attempt(OutboundMailRecord mail) {
        mail.setAttempts(mail.getAttempts() + 1);
        try {
            Account account = mailboxes.account(mail.getMailboxId());
            Session session = servers.smtpSession(account.smtp(), account.fromAddress());
            MimeMessage message = compose(session, account, mail);
            try (Transport transport = servers.openSmtp(session, account.smtp())) {
                transport.sendMessage(message, message.getAllRecipients());
            }
            mail.setStatus("sent");
            mail.setSentAt(clock.instant());
            mail.setLastError(null);
            mail.setPermanent(false);
        } catch (MessagingException | UnsupportedEncodingException | RuntimeException e) {
            Refusal refusal = Refusal.of(e);
            if (refusal.permanent()) {
                mail.setStatus("failed");
                log.warn("Mail {} refused for good: {}", mail.getId(), refusal.words());
            } else if (mail.getAttempts() >= settings.maxSendAttempts()) {
                mail.setStatus("failed");
                log.warn(
                        "Giving up on mail {} after {} attempts: {}",
                        mail.getId(),
                        mail.getAttempts(),
                        refusal.words());
            } else {
                mail.setNextAttemptAt(clock.instant().plus(delay(mail.getAttempts())));
            }
            mail.setPermanent(refusal.permanent());
            mail.setLastError(refusal.words());
        }
        mail.store();
    }

    /** 30 s, 1 min, 2 min, … up to an hour between attempts. */
    Duration delay(int attempts) {
        return Retries.delay(attempts, settings.firstRetryDelay(), settings.maxRetryDelay());
    }

    /**
     * What a failed attempt means. A 5xx reply of the server (a refused recipient, a refused sender, a rejected
     * message) is final, and the server's own words say why; a 4xx reply, a dropped connection or a failed login
     * (a setting an admin can fix) may pass on a later attempt.
     */
    record Refusal(boolean permanent, String words) {

        static Refusal of(Exception e) {
            if (e instanceof Undeliverable) {
                return new Refusal(true, e.getMessage());
            }
            for (Throwable t = e; t != null; t = t.getCause()) {
                int code = t instanceof SMTPAddressFailedException a
                        ? a.getReturnCode()
                        : t instanceof SMTPSendFailedException s ? s.getReturnCode() : -1;
                if (code > 0 && t.getMessage() != null) {
                    String reply = t.getMessage().strip();
                    return code >= 500 && code < 600
                            ? new Refusal(true, reply)
                            : new Refusal(false, "temporary: " + reply);
                }
            }
            return new Refusal(false, MailServers.describe(e));
        }
    }

    /** A problem no retry can fix (the customer has no address). */
    static final class Undeliverable extends RuntimeException {
        Undeliverable(String message) {
            super(message);
        }
    }

    private MimeMessage compose(Session session, Account account, OutboundMailRecord mail)
            throws MessagingException, UnsupportedEncodingException {
        ClientScope all = ClientScope.everything();
        TicketView ticket =
                tickets.find(mail.getTicketId(), all).orElseThrow(() -> new NotFound("ticket " + mail.getTicketId()));
        MessageView reply = tickets.message(mail.getMessageId());
        CustomerView customer = customers
                .customer(ticket.customerId())
                .orElseThrow(() -> new NotFound("customer " + ticket.customerId()));
        String to = replyAddress(ticket.id()).orElse(customer.email());
        if (to == null) {
            throw new Undeliverable("the customer has no e-mail address");
        }
        String rfcId = mail.getRfcMessageId();
        MimeMessage m = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<" + rfcId + ">");
            }
        };
        m.setFrom(new InternetAddress(account.fromAddress(), account.fromName(), "UTF-8"));
        if (account.plusAddressing()) {
            m.setReplyTo(new InternetAddress[] {
                new InternetAddress(
                        threads.replyAddress(account.fromAddress(), ticket.id()), account.fromName(), "UTF-8")
            });
        }
        m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to));
        m.setSubject(subject(ticket), "UTF-8");
        m.setSentDate(java.util.Date.from(clock.instant()));
        List<String> references = threads.messageIdsOf(ticket.id(), 20).stream()
                .filter(id -> !id.equals(rfcId))
                .toList();
        if (!references.isEmpty()) {
            m.setHeader("In-Reply-To", "<" + references.get(references.size() - 1) + ">");
            m.setHeader(
                    "References",
                    String.join(
                            " ", references.stream().map(id -> "<" + id + ">").toList()));
        }
        // Tell auto-responders not to answer a helpdesk reply (RFC 3834 is for auto-replies; this is the hint
        // Exchange honours).
        m.setHeader("X-Auto-Response-Suppress", "OOF, AutoReply");
        String body = reply.bodyText() + (account.signature().isBlank() ? "" : "\n\n-- \n" + account.signature());
        if (reply.attachments().isEmpty()) {
            m.setText(body, "UTF-8");
        } else {
            MimeMultipart parts = new MimeMultipart();
            MimeBodyPart text = new MimeBodyPart();
            text.setText(body, "UTF-8");
            parts.addBodyPart(text);
            for (MessageView.AttachmentView a : reply.attachments()) {
                AttachmentContent file = tickets.attachment(a.id(), all);
                MimeBodyPart part = new MimeBodyPart();
                part.setDataHandler(new DataHandler(new ByteArrayDataSource(
                        file.content(), file.contentType() == null ? "application/octet-stream" : file.contentType())));
                part.setFileName(file.filename());
                parts.addBodyPart(part);
            }
            m.setContent(parts);
        }
        m.saveChanges();
        return m;
    }

    /** The address the customer last wrote from on this ticket, if any mail of theirs is stored. */
    private java.util.Optional<String> replyAddress(long ticketId) {
        return db.select(INBOUND_MAIL.REPLY_ADDRESS)
                .from(INBOUND_MAIL)
                .where(INBOUND_MAIL.TICKET_ID.eq(ticketId).and(INBOUND_MAIL.REPLY_ADDRESS.isNotNull()))
                .orderBy(INBOUND_MAIL.ID.desc())
                .limit(1)
                .fetchOptional(INBOUND_MAIL.REPLY_ADDRESS);
    }

    static String subject(TicketView ticket) {
        String base = ticket.subject().replaceAll("(?i)^\\s*((re|aw|antw|r|rif|sv|vs|fw|fwd|wg|tr)\\s*:\\s*)+", "");
        base = MailThreads.SUBJECT_TOKEN.matcher(base).replaceAll("").strip();
        return "Re: " + base + " [#" + ticket.number() + "]";
    }

    Map<Long, ReplyDelivery> deliveries(Collection<Long> messageIds) {
        return db.selectFrom(OUTBOUND_MAIL)
                .where(OUTBOUND_MAIL.MESSAGE_ID.in(messageIds))
                .fetchMap(
                        OUTBOUND_MAIL.MESSAGE_ID,
                        r -> new ReplyDelivery(
                                r.getMessageId(),
                                ReplyDelivery.State.valueOf(r.getStatus().toUpperCase(java.util.Locale.ROOT)),
                                r.getAttempts(),
                                r.getLastError(),
                                r.getSentAt(),
                                r.getStatus().equals("queued") ? r.getNextAttemptAt() : null,
                                r.getPermanent()));
    }

    /** Puts a failed (or waiting) mail back at the front of the queue. */
    void retry(long messageId) {
        db.update(OUTBOUND_MAIL)
                .set(OUTBOUND_MAIL.STATUS, "queued")
                .set(OUTBOUND_MAIL.ATTEMPTS, 0)
                .set(OUTBOUND_MAIL.PERMANENT, false)
                .set(OUTBOUND_MAIL.NEXT_ATTEMPT_AT, clock.instant())
                .where(OUTBOUND_MAIL.MESSAGE_ID.eq(messageId).and(OUTBOUND_MAIL.STATUS.ne("sent")))
                .execute();
    }

    /** A bounce names the Message-ID it returns; that mail failed. */
    boolean bounced(String rfcMessageId, String reason) {
        return db.update(OUTBOUND_MAIL)
                        .set(OUTBOUND_MAIL.STATUS, "failed")
                        .set(OUTBOUND_MAIL.LAST_ERROR, reason)
                        .set(OUTBOUND_MAIL.PERMANENT, true)
                        // Our IDs are lower case throughout, so the lower-cased form meets the unique index.
                        .where(OUTBOUND_MAIL.RFC_MESSAGE_ID.eq(MailThreads.normalize(rfcMessageId)))
                        .execute()
                > 0;
    }
}
