package dev.kontor.channels.email;

import dev.kontor.channels.email.InboundMails.Fetched;
import dev.kontor.channels.email.Mailboxes.Account;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fetches one mailbox: new messages by UID above the stored cursor, each stored raw in the same transaction that
 * moves the cursor; only after the commit are they flagged \Seen on the server. A crash before the commit fetches
 * them again (the unique keys drop what was stored); a crash after it leaves at most an unflagged message.
 */
@Component
class MailFetcher {

    private static final Logger log = LoggerFactory.getLogger(MailFetcher.class);

    private final Mailboxes mailboxes;
    private final InboundMails inbound;
    private final MailServers servers;
    private final EmailSettings settings;
    private final TransactionTemplate transactions;
    private final Semaphore idlers;
    private final Set<IMAPFolder> idling = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService waker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "imap-idle-waker");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean stopping;

    MailFetcher(
            Mailboxes mailboxes,
            InboundMails inbound,
            MailServers servers,
            EmailSettings settings,
            TransactionTemplate transactions) {
        this.mailboxes = mailboxes;
        this.inbound = inbound;
        this.servers = servers;
        this.settings = settings;
        this.transactions = transactions;
        this.idlers = new Semaphore(settings.maxIdling());
    }

    /**
     * Fetches until the mailbox has nothing new; returns how many messages were stored. Waits up to {@code patience}
     * for another thread or node that is fetching the same mailbox, then gives up (returns 0).
     */
    int fetch(long mailboxId, Duration patience) {
        return fetch(mailboxId, patience, Duration.ZERO, () -> {});
    }

    /**
     * As {@link #fetch(long, Duration)}, then, when the server supports IMAP IDLE, stays connected for up to
     * {@code idle} and fetches as soon as the server announces new mail; {@code afterRound} runs after each round
     * (the caller processes what was stored).
     */
    int fetch(long mailboxId, Duration patience, Duration idle, Runnable afterRound) {
        // Short, and renewed by a heartbeat while this fetch lives (also while it waits on the server), so a fetch
        // whose node died is taken over within about one lease.
        Duration lease = settings.fetchLease();
        long giveUp = System.nanoTime() + patience.toNanos();
        String owner;
        while ((owner = mailboxes.lease(mailboxId, lease)) == null) {
            if (System.nanoTime() - giveUp > 0) {
                return 0;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }
        java.util.concurrent.atomic.AtomicBoolean lost = new java.util.concurrent.atomic.AtomicBoolean();
        String holder = owner;
        long beat = Math.max(200, lease.toMillis() / 3);
        ScheduledFuture<?> heartbeat = waker.scheduleAtFixedRate(
                () -> {
                    try {
                        if (!mailboxes.renew(mailboxId, holder, lease)) {
                            lost.set(true);
                        }
                    } catch (RuntimeException e) {
                        log.warn("Mailbox {}: the fetch lease could not be renewed: {}", mailboxId, e.getMessage());
                    }
                },
                beat,
                beat,
                TimeUnit.MILLISECONDS);
        try {
            return fetchLeased(mailboxId, idle, afterRound, lost);
        } finally {
            heartbeat.cancel(false);
            mailboxes.release(mailboxId, owner);
        }
    }

    private int fetchLeased(
            long mailboxId, Duration idle, Runnable afterRound, java.util.concurrent.atomic.AtomicBoolean lost) {
        Account account;
        try {
            account = mailboxes.account(mailboxId);
        } catch (RuntimeException e) {
            mailboxes.failed(mailboxId, MailServers.describe(e));
            return 0;
        }
        if (!account.active()) {
            return 0;
        }
        int stored = 0;
        try (Store store = servers.openImap(account.imap())) {
            Folder folder = store.getFolder(account.folder());
            if (!folder.exists()) {
                throw new MessagingException("the folder \"" + account.folder() + "\" does not exist");
            }
            folder.open(Folder.READ_WRITE);
            try {
                UIDFolder uids = (UIDFolder) folder;
                long validity = uids.getUIDValidity();
                long lastUid =
                        account.uidValidity() != null && account.uidValidity() == validity ? account.lastUid() : 0;
                if (lastUid == 0 && account.uidValidity() != null && account.uidValidity() != validity) {
                    log.info("Mailbox {}: UIDVALIDITY changed, reading the folder again", mailboxId);
                }
                long[] cursor = {lastUid};
                markStoredSeen(folder, uids, lastUid);
                Folder target = moveTarget(store, account);
                if (target != null && lastUid > 0) {
                    // Stored before a crash, or before the move failed: moved now.
                    move(folder, folder.getMessages(), uids, lastUid, target);
                }
                stored += drain(mailboxId, folder, validity, cursor, target);
                mailboxes.fetched(mailboxId);
                afterRound.run();
                if (!idle.isZero() && store instanceof IMAPStore imap && imap.hasCapability("IDLE")) {
                    stored += idle(mailboxId, (IMAPFolder) folder, validity, cursor, idle, afterRound, lost, target);
                }
            } finally {
                folder.close(false);
            }
        } catch (MessagingException | IOException | RuntimeException e) {
            String error = MailServers.describe(e);
            log.warn("Fetching mailbox {} ({}) failed: {}", mailboxId, account.fromAddress(), error);
            mailboxes.failed(mailboxId, error);
        }
        return stored;
    }

    /**
     * One UID listing per round (not per batch: listing a large folder is what costs), then the messages in
     * batches, each stored and committed before the next; again until nothing is new. Moves {@code cursor[0]}.
     */
    private int drain(long mailboxId, Folder folder, long validity, long[] cursor, Folder target)
            throws MessagingException, IOException {
        UIDFolder uids = (UIDFolder) folder;
        int stored = 0;
        List<Message> fresh;
        while (!(fresh = newMessages(folder, uids, cursor[0])).isEmpty()) {
            for (int from = 0; from < fresh.size(); from += settings.fetchBatch()) {
                List<Message> batch = fresh.subList(from, Math.min(fresh.size(), from + settings.fetchBatch()));
                // The whole batch's messages in one IMAP command, instead of a round trip per message.
                prefetch(folder, batch);
                List<Fetched> fetched = new ArrayList<>();
                for (Message m : batch) {
                    fetched.add(read(uids.getUID(m), m));
                }
                long last = fetched.get(fetched.size() - 1).uid();
                Integer count = transactions.execute(tx -> {
                    int n = inbound.store(mailboxId, validity, fetched);
                    mailboxes.moveCursor(mailboxId, validity, last);
                    return n;
                });
                stored += count == null ? 0 : count;
                cursor[0] = last;
                // After the commit: the server may now forget about them as far as we are concerned.
                folder.setFlags(batch.toArray(Message[]::new), new Flags(Flags.Flag.SEEN), true);
                if (target != null) {
                    move(folder, batch.toArray(Message[]::new), uids, last, target);
                }
            }
        }
        return stored;
    }

    /**
     * IMAP IDLE: the server tells us when mail arrives, so it is in the inbox within seconds instead of at the next
     * poll. A NOOP from a timer ends each IDLE before the read timeout would, and shutdown ends it at once.
     * At most {@code maxIdling} mailboxes idle per node, so idling never takes every scheduler thread.
     */
    private int idle(
            long mailboxId,
            IMAPFolder folder,
            long validity,
            long[] cursor,
            Duration budget,
            Runnable afterRound,
            java.util.concurrent.atomic.AtomicBoolean lost,
            Folder target)
            throws MessagingException, IOException {
        if (!idlers.tryAcquire()) {
            return 0;
        }
        idling.add(folder);
        int stored = 0;
        try {
            long end = System.nanoTime() + budget.toNanos();
            long slice = Math.max(1000, settings.readTimeout().toMillis() / 2);
            // A lost lease means another fetch has the mailbox now: leave it to that one.
            while (!stopping && !lost.get() && System.nanoTime() - end < 0) {
                long wait = Math.min(slice, Math.max(1, (end - System.nanoTime()) / 1_000_000));
                ScheduledFuture<?> wake = waker.schedule(() -> interrupt(folder), wait, TimeUnit.MILLISECONDS);
                try {
                    folder.idle(true);
                } finally {
                    wake.cancel(false);
                }
                int n = drain(mailboxId, folder, validity, cursor, target);
                if (n > 0) {
                    stored += n;
                    afterRound.run();
                }
            }
        } finally {
            idling.remove(folder);
            idlers.release();
        }
        return stored;
    }

    /**
     * Stored mail the server still shows unread (a crash came between the commit and the flags, or the flags
     * failed) is flagged now, so every stored mail ends up \\Seen.
     */
    private static void markStoredSeen(Folder folder, UIDFolder uids, long lastUid) throws MessagingException {
        if (lastUid == 0) {
            return;
        }
        Message[] unseen = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
        if (unseen.length == 0) {
            return;
        }
        FetchProfile uid = new FetchProfile();
        uid.add(UIDFolder.FetchProfileItem.UID);
        folder.fetch(unseen, uid);
        List<Message> stored = new ArrayList<>();
        for (Message m : unseen) {
            if (uids.getUID(m) <= lastUid) {
                stored.add(m);
            }
        }
        if (!stored.isEmpty()) {
            folder.setFlags(stored.toArray(Message[]::new), new Flags(Flags.Flag.SEEN), true);
        }
    }

    /** The folder imported mail moves to, created when missing; null when the mailbox keeps its mail. */
    private static Folder moveTarget(Store store, Account account) throws MessagingException {
        if (account.moveToFolder() == null || account.moveToFolder().equals(account.folder())) {
            return null;
        }
        Folder target = store.getFolder(account.moveToFolder());
        if (!target.exists() && !target.create(Folder.HOLDS_MESSAGES)) {
            throw new MessagingException("the folder \"" + account.moveToFolder() + "\" could not be created");
        }
        return target;
    }

    /**
     * Moves the stored ones among {@code messages} (UID up to {@code lastUid}), with IMAP MOVE where the server has
     * it, else by copying, flagging deleted and expunging. Only stored mail ever moves: the cursor is committed.
     */
    private static void move(Folder folder, Message[] messages, UIDFolder uids, long lastUid, Folder target)
            throws MessagingException {
        if (messages.length == 0) {
            return;
        }
        FetchProfile uid = new FetchProfile();
        uid.add(UIDFolder.FetchProfileItem.UID);
        folder.fetch(messages, uid);
        List<Message> stored = new ArrayList<>();
        for (Message m : messages) {
            if (!m.isExpunged() && uids.getUID(m) <= lastUid) {
                stored.add(m);
            }
        }
        if (stored.isEmpty()) {
            return;
        }
        Message[] moving = stored.toArray(Message[]::new);
        if (folder instanceof IMAPFolder imap && ((IMAPStore) imap.getStore()).hasCapability("MOVE")) {
            imap.moveMessages(moving, target);
        } else {
            folder.copyMessages(moving, target);
            folder.setFlags(moving, new Flags(Flags.Flag.DELETED), true);
            folder.expunge();
        }
    }

    /** Any command on the folder ends a running IDLE. */
    private static void interrupt(IMAPFolder folder) {
        try {
            folder.getMessageCount();
        } catch (MessagingException | RuntimeException e) {
            // the connection is gone; the idling thread sees it too
        }
    }

    /** True while a fetch of this node holds the mailbox in IMAP IDLE (for tests and diagnostics). */
    boolean idling() {
        return !idling.isEmpty();
    }

    @EventListener(ContextClosedEvent.class)
    void stopIdling() {
        stopping = true;
        idling.forEach(MailFetcher::interrupt);
        waker.shutdownNow();
    }

    private List<Message> newMessages(Folder folder, UIDFolder uids, long lastUid) throws MessagingException {
        // getMessagesByUID(n, MAXUID) returns the last message even when n is above every UID: filter again.
        Message[] candidates = uids.getMessagesByUID(lastUid + 1, UIDFolder.MAXUID);
        // Sizes for the whole listing in one command: each command costs a pass over the folder on some servers.
        FetchProfile sizes = new FetchProfile();
        sizes.add(FetchProfile.Item.SIZE);
        folder.fetch(candidates, sizes);
        List<Message> fresh = new ArrayList<>();
        for (Message m : candidates) {
            if (m != null && uids.getUID(m) > lastUid) {
                fresh.add(m);
            }
        }
        fresh.sort(Comparator.comparingLong(m -> {
            try {
                return uids.getUID(m);
            } catch (MessagingException e) {
                return Long.MAX_VALUE;
            }
        }));
        return fresh;
    }

    private void prefetch(Folder folder, List<Message> batch) throws MessagingException {
        List<Message> small = new ArrayList<>();
        for (Message m : batch) {
            if (m.getSize() <= settings.maxMessageBytes()) {
                small.add(m);
            }
        }
        FetchProfile whole = new FetchProfile();
        whole.add(IMAPFolder.FetchProfileItem.MESSAGE);
        folder.fetch(small.toArray(Message[]::new), whole);
    }

    private Fetched read(long uid, Message m) throws MessagingException, IOException {
        long size = Math.max(0, m.getSize());
        boolean oversized = size > settings.maxMessageBytes();
        byte[] raw;
        if (oversized) {
            // Keep the headers (who, what, when) so an admin sees it; the body stays on the server.
            StringBuilder headers = new StringBuilder();
            var all = ((MimeMessage) m).getAllHeaderLines();
            while (all.hasMoreElements()) {
                headers.append(all.nextElement()).append("\r\n");
            }
            raw = headers.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
        } else {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(size + 1024, Integer.MAX_VALUE));
            m.writeTo(out);
            raw = out.toByteArray();
        }
        return new Fetched(uid, dedupeKey(raw), raw, size, oversized);
    }

    /** Only the same bytes are the same mail: generators reuse Message-IDs for different mails. */
    static String dedupeKey(byte[] raw) {
        return "sha256:" + sha256(raw);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
