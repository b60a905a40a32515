package dev.kontor.channels;

import static dev.kontor.channels.db.Tables.INBOUND_MAIL;
import static dev.kontor.channels.db.Tables.MAILBOX;
import static dev.kontor.channels.db.Tables.OUTBOUND_MAIL;

import dev.kontor.channels.MailboxCommands.CreateMailbox;
import dev.kontor.channels.MailboxCommands.UpdateMailbox;
import dev.kontor.channels.email.EmailChannel;
import dev.kontor.channels.email.Mailboxes;
import dev.kontor.clients.ChannelKind;
import dev.kontor.clients.ClientCommands.CreateChannel;
import dev.kontor.clients.ClientCommands.UpdateChannel;
import dev.kontor.clients.ClientManagement;
import dev.kontor.clients.StoreView;
import dev.kontor.shared.InvalidInput;
import dev.kontor.shared.NotFound;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;

/** Admin operations of the e-mail channel: mailboxes, the quarantine, and delivery of replies. */
@Service
@Validated
public class MailboxManagement {

    private final Mailboxes mailboxes;
    private final EmailChannel email;
    private final ClientManagement clients;
    private final DSLContext db;

    MailboxManagement(Mailboxes mailboxes, EmailChannel email, ClientManagement clients, DSLContext db) {
        this.mailboxes = mailboxes;
        this.email = email;
        this.clients = clients;
        this.db = db;
    }

    /** Creates the store's e-mail channel together with its mailbox. */
    @Transactional
    public MailboxView create(@jakarta.validation.Valid CreateMailbox command) {
        StoreView store =
                clients.store(command.storeId()).orElseThrow(() -> InvalidInput.of("storeId", "unknown store"));
        if (db.fetchExists(
                MAILBOX,
                MAILBOX.FROM_ADDRESS.equalIgnoreCase(command.fromAddress().strip()))) {
            throw InvalidInput.of("fromAddress", "another mailbox already sends from this address");
        }
        var channel = clients.createChannel(new CreateChannel(
                store.id(), ChannelKind.EMAIL, "E-mail " + command.fromAddress().strip(), Map.of()));
        return mailboxes.insert(channel.id(), store.clientId(), command);
    }

    @Transactional
    public MailboxView update(long id, @jakarta.validation.Valid UpdateMailbox command) {
        if (db.fetchExists(
                MAILBOX,
                MAILBOX.FROM_ADDRESS
                        .equalIgnoreCase(command.fromAddress().strip())
                        .and(MAILBOX.ID.ne(id)))) {
            throw InvalidInput.of("fromAddress", "another mailbox already sends from this address");
        }
        MailboxView updated = mailboxes.update(id, command);
        clients.updateChannel(
                updated.channelId(), new UpdateChannel("E-mail " + updated.fromAddress(), Map.of(), command.active()));
        return updated;
    }

    @Transactional(readOnly = true)
    public List<MailboxView> mailboxes() {
        return mailboxes.all();
    }

    @Transactional(readOnly = true)
    public MailboxView mailbox(long id) {
        return mailboxes.find(id).orElseThrow(() -> new NotFound("mailbox " + id));
    }

    /** Stored mails of the mailbox waiting to become ticket messages. */
    @Transactional(readOnly = true)
    public int backlog(long id) {
        return email.backlog(id);
    }

    /** Mails fetched but not stored because an identical copy was, by reason: counted, never silently dropped. */
    @Transactional(readOnly = true)
    public Map<String, Integer> skipped(long id) {
        return email.skipped(id);
    }

    /** Connects to both servers with the saved settings and reports each one's exact error. */
    public ConnectionCheck check(long id) {
        return email.check(id);
    }

    /** Asks for a fetch at the next dispatch instead of waiting for the poll interval. */
    @Transactional
    public void fetchSoon(long id) {
        db.update(MAILBOX)
                .setNull(MAILBOX.LAST_FETCH_AT)
                .where(MAILBOX.ID.eq(id))
                .execute();
    }

    @Transactional(readOnly = true)
    public List<QuarantinedMail> quarantine(int limit) {
        return email.quarantine(limit);
    }

    @Transactional(readOnly = true)
    public List<QuarantinedMail> notCustomer(int limit) {
        return email.notCustomer(limit);
    }

    /** Imports a mail kept out of the inbox (bulk, list, automatic) as a customer's message; returns its status. */
    public String importAsCustomer(long inboundId) {
        return email.importAsCustomer(inboundId);
    }

    /** Runs a quarantined mail through the processing again (after a fix, or a changed setting). */
    public String reprocess(long inboundId) {
        return email.reprocess(inboundId);
    }

    /** The mail exactly as the server delivered it. */
    @Transactional(readOnly = true)
    public OriginalMail original(long inboundId) {
        return db.select(INBOUND_MAIL.RAW)
                .from(INBOUND_MAIL)
                .where(INBOUND_MAIL.ID.eq(inboundId))
                .fetchOptional(INBOUND_MAIL.RAW)
                .map(raw -> new OriginalMail(inboundId, raw))
                .orElseThrow(() -> new NotFound("inbound mail " + inboundId));
    }

    /** The original of a mail imported into the given ticket; empty for any other pairing. */
    @Transactional(readOnly = true)
    public java.util.Optional<OriginalMail> originalOnTicket(long ticketId, long inboundId) {
        return db.select(INBOUND_MAIL.RAW)
                .from(INBOUND_MAIL)
                .where(INBOUND_MAIL.ID.eq(inboundId).and(INBOUND_MAIL.TICKET_ID.eq(ticketId)))
                .fetchOptional(INBOUND_MAIL.RAW)
                .map(raw -> new OriginalMail(inboundId, raw));
    }

    /** For ticket messages: the stored original of each inbound mail message, by message id. */
    @Transactional(readOnly = true)
    public Map<Long, Long> originalsOf(Collection<Long> messageIds) {
        return db.select(INBOUND_MAIL.MESSAGE_ID, INBOUND_MAIL.ID)
                .from(INBOUND_MAIL)
                .where(INBOUND_MAIL.MESSAGE_ID.in(messageIds))
                .fetchMap(INBOUND_MAIL.MESSAGE_ID, INBOUND_MAIL.ID);
    }

    /** The client a stored mail belongs to, for access checks. */
    @Transactional(readOnly = true)
    public long clientOfInbound(long inboundId) {
        return db.select(MAILBOX.CLIENT_ID)
                .from(INBOUND_MAIL)
                .join(MAILBOX)
                .on(MAILBOX.ID.eq(INBOUND_MAIL.MAILBOX_ID))
                .where(INBOUND_MAIL.ID.eq(inboundId))
                .fetchOptional(MAILBOX.CLIENT_ID)
                .orElseThrow(() -> new NotFound("inbound mail " + inboundId));
    }

    /**
     * Whether a ticket message came from an autoresponder, a mailing list or a bounce: automatic answers must
     * skip those, or two robots answer each other forever.
     */
    @Transactional(readOnly = true)
    public boolean automatic(long messageId) {
        return db.fetchExists(
                INBOUND_MAIL, INBOUND_MAIL.MESSAGE_ID.eq(messageId).and(INBOUND_MAIL.AUTO_SUBMITTED.isTrue()));
    }

    /** The client of a reply that went out by e-mail, for access checks. */
    @Transactional(readOnly = true)
    public long clientOfMessage(long messageId) {
        return db.select(MAILBOX.CLIENT_ID)
                .from(OUTBOUND_MAIL)
                .join(MAILBOX)
                .on(MAILBOX.ID.eq(OUTBOUND_MAIL.MAILBOX_ID))
                .where(OUTBOUND_MAIL.MESSAGE_ID.eq(messageId))
                .fetchOptional(MAILBOX.CLIENT_ID)
                .orElseThrow(() -> new NotFound("delivery of message " + messageId));
    }

    @Transactional(readOnly = true)
    public Map<Long, ReplyDelivery> deliveries(Collection<Long> messageIds) {
        return messageIds.isEmpty() ? Map.of() : email.deliveries(messageIds);
    }

    @Transactional
    public void retryDelivery(long messageId) {
        email.retry(messageId);
    }
}
