package dev.kontor.channels.mirakl;

import static dev.kontor.channels.db.Tables.MARKETPLACE_OUTBOUND;
import static dev.kontor.channels.db.Tables.MARKETPLACE_THREAD;

import dev.kontor.channels.ChannelAdapter.PollOutcome;
import dev.kontor.channels.db.tables.records.MarketplaceThreadRecord;
import dev.kontor.channels.mirakl.MarketplaceAccounts.Account;
import dev.kontor.channels.mirakl.MiraklApi.MThread;
import dev.kontor.channels.mirakl.MiraklApi.Message;
import dev.kontor.channels.mirakl.MiraklApi.Participant;
import dev.kontor.channels.mirakl.MiraklApi.ThreadPage;
import dev.kontor.channels.mirakl.MiraklFailure.Kind;
import dev.kontor.channels.runtime.Retries;
import dev.kontor.customers.CustomerManagement;
import dev.kontor.orders.OrderManagement;
import dev.kontor.tickets.IngestResult;
import dev.kontor.tickets.TicketCommands.IngestMessage;
import dev.kontor.tickets.TicketCommands.NewAttachment;
import dev.kontor.tickets.TicketCommands.RecordChannelReply;
import dev.kontor.tickets.TicketManagement;
import dev.kontor.tickets.TicketSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Brings a Mirakl account's threads into the inbox. A poll reads M11 from the cursor (less a safety margin) page
 * by page, skips threads whose update time it has already read, fetches the orders of changed threads in one OR11
 * call per page, and stores each changed thread in its own transaction: new customer and operator messages onto
 * the thread's ticket, seller messages written in Mirakl's back office as recorded replies, and Mirakl's "reply
 * needed since". The cursor moves only after a complete poll; a crash or failure midway re-reads from the old
 * cursor, and messages already stored are recognised by their Mirakl id.
 */
@Component
class MiraklPoller {

    private static final Logger log = LoggerFactory.getLogger(MiraklPoller.class);

    private final MarketplaceAccounts accounts;
    private final MiraklClient client;
    private final TicketManagement tickets;
    private final CustomerManagement customers;
    private final OrderManagement orders;
    private final MiraklSettings settings;
    private final TicketSettings ticketSettings;
    private final DSLContext db;
    private final TransactionTemplate transactions;
    private final Clock clock;

    MiraklPoller(
            MarketplaceAccounts accounts,
            MiraklClient client,
            TicketManagement tickets,
            CustomerManagement customers,
            OrderManagement orders,
            MiraklSettings settings,
            TicketSettings ticketSettings,
            DSLContext db,
            TransactionTemplate transactions,
            Clock clock) {
        this.accounts = accounts;
        this.client = client;
        this.tickets = tickets;
        this.customers = customers;
        this.orders = orders;
        this.settings = settings;
        this.ticketSettings = ticketSettings;
        this.db = db;
        this.transactions = transactions;
        this.clock = clock;
    }

    PollOutcome poll(long accountId) {
        if (!accounts.lease(accountId, settings.pollLease())) {
            return new PollOutcome(0, 0, null); // another thread or node is polling it
        }
        Account account = accounts.account(accountId);
        Instant since = account.cursor() == null ? null : account.cursor().minus(settings.pollMargin());
        Instant newest = account.cursor();
        int conversations = 0;
        int messages = 0;
        try {
            String token = null;
            do {
                ThreadPage page = client.threads(account.target(), since, token, settings.pageLimit());
                List<MThread> changed = changedThreads(account, page.data() == null ? List.of() : page.data());
                fetchOrders(account, changed);
                for (MThread thread : changed) {
                    messages += store(account, complete(account, thread));
                    conversations++;
                }
                for (MThread thread : page.data() == null ? List.<MThread>of() : page.data()) {
                    if (newest == null || thread.dateUpdated().isAfter(newest)) {
                        newest = thread.dateUpdated();
                    }
                }
                token = page.nextPageToken();
            } while (token != null && !token.isBlank());
            syncOrders(account);
            accounts.succeeded(accountId, newest);
            return new PollOutcome(conversations, messages, null);
        } catch (MiraklFailure f) {
            fail(accountId, f);
            return new PollOutcome(conversations, messages, f.getMessage());
        } catch (RuntimeException e) {
            log.warn("Polling marketplace account {} failed", accountId, e);
            accounts.failed(
                    accountId,
                    MiraklClient.describe(e),
                    null,
                    clock.instant().plus(backoff(accounts.failures(accountId) + 1)));
            return new PollOutcome(conversations, messages, MiraklClient.describe(e));
        }
    }

    /**
     * Orders change without a message (shipped, cancelled by the operator): OR11 by update time, for the orders
     * Kontor already holds (tickets are about them), so a cancellation request shows the real state. The first
     * poll only starts the cursor.
     */
    private void syncOrders(Account account) {
        Instant startedAt = clock.instant();
        if (account.orderCursor() == null) {
            accounts.orderCursorMoved(account.id(), startedAt);
            return;
        }
        Instant newest = account.orderCursor();
        int offset = 0;
        while (offset < 10_000) {
            MiraklApi.OrderPage page = client.ordersUpdatedSince(
                    account.target(), account.orderCursor().minus(settings.pollMargin()), offset);
            List<MiraklApi.Order> found = page.orders() == null ? List.of() : page.orders();
            for (MiraklApi.Order order : found) {
                if (orders.find(account.channelId(), order.orderId()).isPresent()) {
                    orders.record(account.clientId(), account.channelId(), MiraklOrders.toOrderData(order));
                }
                if (order.lastUpdatedDate() != null && order.lastUpdatedDate().isAfter(newest)) {
                    newest = order.lastUpdatedDate();
                }
            }
            offset += found.size();
            if (found.isEmpty() || page.totalCount() == null || offset >= page.totalCount()) {
                break;
            }
        }
        accounts.orderCursorMoved(account.id(), newest);
    }

    private void fail(long accountId, MiraklFailure f) {
        Instant now = clock.instant();
        switch (f.kind()) {
            case UNAUTHORIZED -> accounts.failed(accountId, f.getMessage(), "auth", null);
            case RATE_LIMITED -> accounts.failed(accountId, f.getMessage(), null, now.plus(f.retryAfter()));
            default ->
                accounts.failed(accountId, f.getMessage(), null, now.plus(backoff(accounts.failures(accountId) + 1)));
        }
        log.info("Marketplace account {}: {}", accountId, f.getMessage());
    }

    /** 1 min, 2 min, 4 min … up to 30 min after consecutive failures. */
    Duration backoff(int failures) {
        return Retries.delay(failures, settings.firstBackoff(), settings.maxBackoff());
    }

    /** The threads whose update time differs from the one last read (new threads included). */
    private List<MThread> changedThreads(Account account, List<MThread> threads) {
        if (threads.isEmpty()) {
            return List.of();
        }
        Map<String, Instant> known = db.select(MARKETPLACE_THREAD.THREAD_ID, MARKETPLACE_THREAD.DATE_UPDATED)
                .from(MARKETPLACE_THREAD)
                .where(MARKETPLACE_THREAD.ACCOUNT_ID.eq(account.id()))
                .and(MARKETPLACE_THREAD.THREAD_ID.in(
                        threads.stream().map(MThread::id).toList()))
                .fetchMap(MARKETPLACE_THREAD.THREAD_ID, MARKETPLACE_THREAD.DATE_UPDATED);
        return threads.stream()
                .filter(t -> !t.dateUpdated().equals(known.get(t.id())))
                .toList();
    }

    /** One OR11 call for the orders of a page's changed threads, stored before the tickets refer to them. */
    private void fetchOrders(Account account, List<MThread> threads) {
        Set<String> ids = new LinkedHashSet<>();
        threads.stream().map(MThread::orderId).filter(id -> id != null).forEach(ids::add);
        if (ids.isEmpty()) {
            return;
        }
        try {
            for (MiraklApi.Order order : client.orders(account.target(), List.copyOf(ids))) {
                orders.record(account.clientId(), account.channelId(), MiraklOrders.toOrderData(order));
            }
        } catch (MiraklFailure f) {
            if (f.kind() == Kind.UNAUTHORIZED || f.kind() == Kind.RATE_LIMITED) {
                throw f;
            }
            // The messages matter more than the order panel: the ticket refreshes its order later.
            log.info("Orders of marketplace account {} not fetched: {}", account.id(), f.getMessage());
        }
    }

    /** M11 gives the last 100 messages of a thread; a longer thread is read whole with M10. */
    private MThread complete(Account account, MThread thread) {
        int total = thread.metadata() == null || thread.metadata().totalCount() == null
                ? 0
                : thread.metadata().totalCount();
        int present = thread.messages() == null ? 0 : thread.messages().size();
        return total > present || thread.messages() == null ? client.thread(account.target(), thread.id()) : thread;
    }

    /** Stores one thread's new messages; returns how many were new. */
    private int store(Account account, MThread thread) {
        MarketplaceThreadRecord known = db.selectFrom(MARKETPLACE_THREAD)
                .where(MARKETPLACE_THREAD.ACCOUNT_ID.eq(account.id()).and(MARKETPLACE_THREAD.THREAD_ID.eq(thread.id())))
                .fetchOne();
        Instant seenUntil = known == null ? null : known.getMessagesUntil();
        List<Message> fresh = thread.messages().stream()
                .filter(m -> seenUntil == null || !m.dateCreated().isBefore(seenUntil))
                .sorted(Comparator.comparing(Message::dateCreated))
                .toList();
        // Downloads happen before the transaction: a slow marketplace must not hold a database connection.
        Map<String, List<NewAttachment>> files = new HashMap<>();
        Map<String, String> skippedFiles = new HashMap<>();
        for (Message m : fresh) {
            if (m.attachments() == null || m.attachments().isEmpty() || isShop(m)) {
                continue;
            }
            List<NewAttachment> list = new ArrayList<>();
            StringBuilder skipped = new StringBuilder();
            for (MiraklApi.Attachment a : m.attachments()) {
                if (a.size() > ticketSettings.maxAttachmentBytes()
                        || list.size() >= ticketSettings.maxAttachmentsPerMessage()) {
                    skipped.append("\n[")
                            .append(a.name())
                            .append(", ")
                            .append(a.size())
                            .append(" bytes: not imported, over the limit; open it on the marketplace]");
                    continue;
                }
                byte[] content = client.download(account.target(), a.id());
                list.add(new NewAttachment(a.name(), contentType(a.name()), content));
            }
            files.put(m.id(), list);
            skippedFiles.put(m.id(), skipped.toString());
        }
        Integer stored = transactions.execute(tx -> storeInTransaction(account, thread, fresh, files, skippedFiles));
        return stored == null ? 0 : stored;
    }

    private int storeInTransaction(
            Account account,
            MThread thread,
            List<Message> fresh,
            Map<String, List<NewAttachment>> files,
            Map<String, String> skippedFiles) {
        db.insertInto(MARKETPLACE_THREAD)
                .set(MARKETPLACE_THREAD.ACCOUNT_ID, account.id())
                .set(MARKETPLACE_THREAD.THREAD_ID, thread.id())
                .set(MARKETPLACE_THREAD.DATE_UPDATED, Instant.EPOCH)
                .onConflictDoNothing()
                .execute();
        MarketplaceThreadRecord row = db.selectFrom(MARKETPLACE_THREAD)
                .where(MARKETPLACE_THREAD.ACCOUNT_ID.eq(account.id()).and(MARKETPLACE_THREAD.THREAD_ID.eq(thread.id())))
                .forUpdate()
                .fetchSingle();
        Participant customerParticipant = thread.customer();
        String orderId = thread.orderId();
        long customerId = customerParticipant != null
                ? customers
                        .resolve(
                                account.clientId(),
                                "mirakl",
                                account.id() + ":" + customerParticipant.id(),
                                customerParticipant.displayName())
                        .id()
                : customers
                        .resolve(account.clientId(), "mirakl", account.id() + ":operator", account.operatorName())
                        .id();
        Long ticketId = row.getTicketId();
        Set<String> ourMessages = ticketId == null ? Set.of() : sentByKontor(account.id(), fresh);
        List<Message> shopBeforeTicket = new ArrayList<>();
        Instant messagesUntil = row.getMessagesUntil();
        int stored = 0;
        String subject = thread.topic() == null ? null : thread.topic().value();
        for (Message m : fresh) {
            if (isShop(m)) {
                if (ourMessages.contains(m.id())) {
                    continue;
                }
                if (ticketId == null) {
                    shopBeforeTicket.add(m);
                } else if (record(account, ticketId, m)) {
                    stored++;
                }
            } else {
                String author = m.from() == null ? "" : m.from().displayName();
                if ("OPERATOR_USER".equals(m.from() == null ? null : m.from().type())) {
                    author = (author == null || author.isBlank() ? account.operatorName() : author) + " ("
                            + account.operatorName() + ")";
                }
                String body = (m.body() == null ? "" : m.body()) + skippedFiles.getOrDefault(m.id(), "");
                IngestResult result = tickets.ingest(new IngestMessage(
                        account.clientId(),
                        account.storeId(),
                        account.channelId(),
                        customerId,
                        author,
                        subject == null || subject.isBlank() ? orderId : subject,
                        body.isBlank() ? "(" + m.id() + ")" : body,
                        null,
                        m.id(),
                        ticketId,
                        m.dateCreated(),
                        files.getOrDefault(m.id(), List.of()),
                        orderId == null ? List.of() : List.of(orderId)));
                if (!result.duplicate()) {
                    stored++;
                }
                if (ticketId == null || result.ticketCreated()) {
                    ticketId = result.ticketId();
                    for (Message earlier : shopBeforeTicket) {
                        if (record(account, ticketId, earlier)) {
                            stored++;
                        }
                    }
                    shopBeforeTicket.clear();
                }
            }
            if (messagesUntil == null || m.dateCreated().isAfter(messagesUntil)) {
                messagesUntil = m.dateCreated();
            }
        }
        if (ticketId != null) {
            tickets.channelAttention(ticketId, replyNeededSince(thread), noReplyNeeded(thread));
        }
        row.setTicketId(ticketId);
        row.setOrderId(orderId);
        row.setCustomerParticipantId(customerParticipant == null ? null : customerParticipant.id());
        row.setDateUpdated(thread.dateUpdated());
        row.setMessagesUntil(shopBeforeTicket.isEmpty() ? messagesUntil : row.getMessagesUntil());
        row.store();
        return stored;
    }

    private boolean record(Account account, long ticketId, Message m) {
        String author = (m.from() == null || m.from().displayName() == null
                        ? account.name()
                        : m.from().displayName()) + " (" + account.operatorName() + ")";
        return tickets.recordChannelReply(new RecordChannelReply(
                        ticketId,
                        account.channelId(),
                        m.id(),
                        author,
                        m.body() == null || m.body().isBlank() ? "(" + m.id() + ")" : m.body(),
                        m.dateCreated()))
                .isPresent();
    }

    /** Messages of the shop that Kontor itself sent (their Mirakl ids came back from M12). */
    private Set<String> sentByKontor(long accountId, List<Message> messages) {
        List<String> ids =
                messages.stream().filter(MiraklPoller::isShop).map(Message::id).toList();
        if (ids.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(db.select(MARKETPLACE_OUTBOUND.REMOTE_MESSAGE_ID)
                .from(MARKETPLACE_OUTBOUND)
                .where(MARKETPLACE_OUTBOUND
                        .ACCOUNT_ID
                        .eq(accountId)
                        .and(MARKETPLACE_OUTBOUND.REMOTE_MESSAGE_ID.in(ids)))
                .fetch(MARKETPLACE_OUTBOUND.REMOTE_MESSAGE_ID));
    }

    private static Instant replyNeededSince(MThread thread) {
        return thread.metadata() == null ? null : thread.metadata().shopReplyNeededSince();
    }

    /** Marked "no reply needed" after the latest message of the customer or operator. */
    private static boolean noReplyNeeded(MThread thread) {
        if (thread.noStoreReplyNeeded() == null || thread.noStoreReplyNeeded().isEmpty()) {
            return false;
        }
        Instant lastIncoming = thread.messages().stream()
                .filter(m -> !isShop(m))
                .map(Message::dateCreated)
                .max(Comparator.naturalOrder())
                .orElse(Instant.EPOCH);
        return thread.noStoreReplyNeeded().stream()
                .anyMatch(n -> n.date() != null && !n.date().isBefore(lastIncoming));
    }

    static boolean isShop(Message m) {
        return m.from() != null && "SHOP_USER".equals(m.from().type());
    }

    private static String contentType(String name) {
        String guessed = java.net.URLConnection.guessContentTypeFromName(name == null ? "" : name);
        return guessed == null ? "application/octet-stream" : guessed;
    }
}
