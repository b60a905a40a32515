package dev.kontor.channels.email;

import static dev.kontor.channels.db.Tables.MAILBOX;

import dev.kontor.channels.MailboxCommands.CreateMailbox;
import dev.kontor.channels.MailboxCommands.MailServer;
import dev.kontor.channels.MailboxCommands.UpdateMailbox;
import dev.kontor.channels.MailboxView;
import dev.kontor.channels.crypto.CredentialCipher;
import dev.kontor.channels.db.tables.records.MailboxRecord;
import dev.kontor.shared.InvalidInput;
import dev.kontor.shared.NotFound;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** Mailbox rows: settings with encrypted passwords, the IMAP cursor and the last error. */
@Component
public class Mailboxes {

    private final DSLContext db;
    private final CredentialCipher cipher;
    private final Clock clock;

    Mailboxes(DSLContext db, CredentialCipher cipher, Clock clock) {
        this.db = db;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** A mailbox with its passwords decrypted, for connecting; never leaves the e-mail package's callers. */
    public record Account(
            long id,
            long channelId,
            long clientId,
            long storeId,
            MailServer imap,
            String folder,
            MailServer smtp,
            String fromAddress,
            String fromName,
            String signature,
            int pollSeconds,
            boolean plusAddressing,
            boolean active,
            Long uidValidity,
            long lastUid,
            String moveToFolder) {}

    public MailboxView insert(long channelId, long clientId, CreateMailbox c) {
        require("imap.user", c.imap().user());
        require("imap.password", c.imap().password());
        if (c.smtp().user() != null && !c.smtp().user().isBlank()) {
            require("smtp.password", c.smtp().password());
        }
        MailboxRecord r = db.newRecord(MAILBOX);
        r.setChannelId(channelId);
        r.setClientId(clientId);
        r.setStoreId(c.storeId());
        apply(r, c.imap(), c.folder(), c.smtp(), c.fromAddress(), c.fromName(), c.signature(), c.pollSeconds());
        r.setPlusAddressing(c.plusAddressing());
        r.setMoveToFolder(c.moveToFolder());
        r.setActive(true);
        r.setCreatedAt(clock.instant());
        r.setLastUid(0L);
        r.setConsecutiveFailures(0);
        r.store();
        return view(r);
    }

    public MailboxView update(long id, UpdateMailbox c) {
        MailboxRecord r = db.selectFrom(MAILBOX)
                .where(MAILBOX.ID.eq(id))
                .forUpdate()
                .fetchOptional()
                .orElseThrow(() -> new NotFound("mailbox " + id));
        require("imap.user", c.imap().user());
        boolean serverChanged =
                !r.getImapHost().equalsIgnoreCase(c.imap().host().strip())
                        || !r.getImapUser().equals(c.imap().user().strip())
                        || !r.getImapFolder().equals(c.folder().strip());
        apply(r, c.imap(), c.folder(), c.smtp(), c.fromAddress(), c.fromName(), c.signature(), c.pollSeconds());
        r.setPlusAddressing(c.plusAddressing());
        r.setMoveToFolder(c.moveToFolder());
        r.setActive(c.active());
        if (serverChanged) {
            // Another mailbox or folder: its UIDs mean nothing to the old cursor.
            r.setUidValidity(null);
            r.setLastUid(0L);
        }
        r.setLastError(null);
        r.setLastErrorAt(null);
        r.setConsecutiveFailures(0);
        r.store();
        return view(r);
    }

    private void apply(
            MailboxRecord r,
            MailServer imap,
            String folder,
            MailServer smtp,
            String fromAddress,
            String fromName,
            String signature,
            int pollSeconds) {
        r.setImapHost(imap.host().strip());
        r.setImapPort(imap.port());
        r.setImapSecurity(imap.security());
        r.setImapUser(imap.user().strip());
        if (imap.password() != null && !imap.password().isEmpty()) {
            r.setImapPassword(cipher.encrypt(imap.password()));
        }
        r.setImapFolder(folder.strip());
        r.setSmtpHost(smtp.host().strip());
        r.setSmtpPort(smtp.port());
        r.setSmtpSecurity(smtp.security());
        String smtpUser = smtp.user() == null ? "" : smtp.user().strip();
        r.setSmtpUser(smtpUser);
        if (smtpUser.isEmpty()) {
            r.setSmtpPassword(null); // a relay without authentication
        } else if (smtp.password() != null && !smtp.password().isEmpty()) {
            r.setSmtpPassword(cipher.encrypt(smtp.password()));
        } else if (r.getSmtpPassword() == null) {
            throw InvalidInput.of("smtp.password", "must not be blank when a user is given");
        }
        r.setFromAddress(fromAddress.strip().toLowerCase(java.util.Locale.ROOT));
        r.setFromName(fromName.strip());
        r.setSignature(signature == null ? "" : signature.strip());
        r.setPollSeconds(pollSeconds);
    }

    private static void require(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw InvalidInput.of(field, "must not be blank");
        }
    }

    public List<MailboxView> all() {
        return db.selectFrom(MAILBOX).orderBy(MAILBOX.FROM_ADDRESS).fetch(this::view);
    }

    public Optional<MailboxView> find(long id) {
        return db.selectFrom(MAILBOX).where(MAILBOX.ID.eq(id)).fetchOptional(this::view);
    }

    public Optional<MailboxView> byChannel(long channelId) {
        return db.selectFrom(MAILBOX).where(MAILBOX.CHANNEL_ID.eq(channelId)).fetchOptional(this::view);
    }

    public Account account(long id) {
        MailboxRecord r = db.selectFrom(MAILBOX)
                .where(MAILBOX.ID.eq(id))
                .fetchOptional()
                .orElseThrow(() -> new NotFound("mailbox " + id));
        return account(r);
    }

    public Optional<Account> accountOfChannel(long channelId) {
        return db.selectFrom(MAILBOX)
                .where(MAILBOX.CHANNEL_ID.eq(channelId))
                .fetchOptional()
                .map(this::account);
    }

    /** Every address we send from: mail from one of them is our own and must never open a ticket. */
    public List<String> ownAddresses() {
        return db.selectDistinct(MAILBOX.FROM_ADDRESS).from(MAILBOX).fetch(MAILBOX.FROM_ADDRESS);
    }

    /** Active mailboxes whose poll interval has passed. */
    public List<Long> due(Instant now) {
        return db.select(MAILBOX.ID)
                .from(MAILBOX)
                .where(MAILBOX.ACTIVE.isTrue())
                .and(MAILBOX.LAST_FETCH_AT
                        .isNull()
                        .or(MAILBOX.LAST_FETCH_AT.le(org.jooq.impl.DSL.field(
                                "{0} - make_interval(secs => {1})",
                                Instant.class, org.jooq.impl.DSL.val(now), MAILBOX.POLL_SECONDS))))
                .fetch(MAILBOX.ID);
    }

    /** A mailbox to fetch, with the generation its fetch task instance is named after. */
    record DueFetch(long id, int generation) {}

    /** As {@link #due(Instant)}, with each mailbox's fetch generation. */
    List<DueFetch> dueFetches(Instant now) {
        return db.select(MAILBOX.ID, MAILBOX.FETCH_GENERATION)
                .from(MAILBOX)
                .where(MAILBOX.ID.in(due(now)))
                .fetch(r -> new DueFetch(r.value1(), r.value2()));
    }

    int generation(long id) {
        return db.select(MAILBOX.FETCH_GENERATION)
                .from(MAILBOX)
                .where(MAILBOX.ID.eq(id))
                .fetchOptional(MAILBOX.FETCH_GENERATION)
                .orElse(-1);
    }

    /** Takes the mailbox's fetch lease if nobody holds it; returns the owner token, or null when it is taken. */
    String lease(long id, java.time.Duration length) {
        Instant now = clock.instant();
        String owner = java.util.UUID.randomUUID().toString();
        int taken = db.update(MAILBOX)
                .set(MAILBOX.FETCH_LEASE_UNTIL, now.plus(length))
                .set(MAILBOX.FETCH_LEASE_OWNER, owner)
                .where(MAILBOX.ID.eq(id))
                .and(MAILBOX.FETCH_LEASE_UNTIL.isNull().or(MAILBOX.FETCH_LEASE_UNTIL.lt(now)))
                .execute();
        return taken == 1 ? owner : null;
    }

    /** The fetch's heartbeat; false when the lease has gone to another fetch (this one was thought dead). */
    boolean renew(long id, String owner, java.time.Duration length) {
        return db.update(MAILBOX)
                        .set(MAILBOX.FETCH_LEASE_UNTIL, clock.instant().plus(length))
                        .where(MAILBOX.ID.eq(id).and(MAILBOX.FETCH_LEASE_OWNER.eq(owner)))
                        .execute()
                == 1;
    }

    void release(long id, String owner) {
        db.update(MAILBOX)
                .setNull(MAILBOX.FETCH_LEASE_UNTIL)
                .setNull(MAILBOX.FETCH_LEASE_OWNER)
                .where(MAILBOX.ID.eq(id).and(MAILBOX.FETCH_LEASE_OWNER.eq(owner)))
                .execute();
    }

    /**
     * Mailboxes whose fetch lease ran out without being released: the fetching node died (its heartbeat
     * stopped). Frees them, moves their generation on (the dead node's scheduled execution keeps the old name and
     * no longer blocks a new one) and makes them due now; returns their ids.
     */
    List<Long> takeOverStalled(Instant now) {
        return db.update(MAILBOX)
                .set(MAILBOX.FETCH_GENERATION, MAILBOX.FETCH_GENERATION.plus(1))
                .setNull(MAILBOX.FETCH_LEASE_UNTIL)
                .setNull(MAILBOX.FETCH_LEASE_OWNER)
                .setNull(MAILBOX.LAST_FETCH_AT)
                .set(MAILBOX.RECOVERED_AT, now)
                .where(MAILBOX.ACTIVE.isTrue().and(MAILBOX.FETCH_LEASE_UNTIL.lt(now)))
                .returning(MAILBOX.ID)
                .fetch(MAILBOX.ID);
    }

    void moveCursor(long id, long uidValidity, long lastUid) {
        db.update(MAILBOX)
                .set(MAILBOX.UID_VALIDITY, uidValidity)
                .set(MAILBOX.LAST_UID, lastUid)
                .where(MAILBOX.ID.eq(id))
                .execute();
    }

    void fetched(long id) {
        db.update(MAILBOX)
                .set(MAILBOX.LAST_FETCH_AT, clock.instant())
                .set(MAILBOX.LAST_ERROR, (String) null)
                .set(MAILBOX.LAST_ERROR_AT, (Instant) null)
                .set(MAILBOX.CONSECUTIVE_FAILURES, 0)
                .where(MAILBOX.ID.eq(id))
                .execute();
    }

    void failed(long id, String error) {
        db.update(MAILBOX)
                .set(MAILBOX.LAST_FETCH_AT, clock.instant())
                .set(MAILBOX.LAST_ERROR, error)
                .set(MAILBOX.LAST_ERROR_AT, clock.instant())
                .set(MAILBOX.CONSECUTIVE_FAILURES, MAILBOX.CONSECUTIVE_FAILURES.plus(1))
                .where(MAILBOX.ID.eq(id))
                .execute();
    }

    private Account account(MailboxRecord r) {
        return new Account(
                r.getId(),
                r.getChannelId(),
                r.getClientId(),
                r.getStoreId(),
                new MailServer(
                        r.getImapHost(),
                        r.getImapPort(),
                        r.getImapSecurity(),
                        r.getImapUser(),
                        cipher.decrypt(r.getImapPassword())),
                r.getImapFolder(),
                new MailServer(
                        r.getSmtpHost(),
                        r.getSmtpPort(),
                        r.getSmtpSecurity(),
                        r.getSmtpUser(),
                        r.getSmtpPassword() == null ? null : cipher.decrypt(r.getSmtpPassword())),
                r.getFromAddress(),
                r.getFromName(),
                r.getSignature(),
                r.getPollSeconds(),
                r.getPlusAddressing(),
                r.getActive(),
                r.getUidValidity(),
                r.getLastUid(),
                r.getMoveToFolder());
    }

    /**
     * Stalled: a fetch lease ran out unreleased (its node died; taken over within seconds), or an active mailbox
     * has not been fetched for three poll intervals and a minute.
     */
    MailboxView view(MailboxRecord r) {
        Instant now = clock.instant();
        boolean stalled = r.getActive()
                && ((r.getFetchLeaseUntil() != null && r.getFetchLeaseUntil().isBefore(now))
                        || (r.getLastFetchAt() != null
                                && r.getLastFetchAt()
                                        .plusSeconds(3L * r.getPollSeconds() + 60)
                                        .isBefore(now)));
        return new MailboxView(
                r.getId(),
                r.getChannelId(),
                r.getClientId(),
                r.getStoreId(),
                r.getImapHost(),
                r.getImapPort(),
                r.getImapSecurity(),
                r.getImapUser(),
                r.getImapFolder(),
                r.getSmtpHost(),
                r.getSmtpPort(),
                r.getSmtpSecurity(),
                r.getSmtpUser(),
                r.getFromAddress(),
                r.getFromName(),
                r.getSignature(),
                r.getPollSeconds(),
                r.getPlusAddressing(),
                r.getActive(),
                r.getLastFetchAt(),
                r.getLastError(),
                r.getLastErrorAt(),
                r.getConsecutiveFailures(),
                stalled,
                r.getRecoveredAt(),
                r.getMoveToFolder());
    }
}
