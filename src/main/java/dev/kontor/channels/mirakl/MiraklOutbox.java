package dev.kontor.channels.mirakl;

import static dev.kontor.channels.db.Tables.MARKETPLACE_OUTBOUND;
import static dev.kontor.channels.db.Tables.MARKETPLACE_THREAD;

import dev.kontor.channels.ReplyDelivery;
import dev.kontor.channels.db.tables.records.MarketplaceOutboundRecord;
import dev.kontor.channels.mirakl.MarketplaceAccounts.Account;
import dev.kontor.channels.mirakl.MiraklFailure.Kind;
import dev.kontor.channels.runtime.Retries;
import dev.kontor.shared.ClientScope;
import dev.kontor.tickets.MessageView;
import dev.kontor.tickets.TicketEvents.ReplyPosted;
import dev.kontor.tickets.TicketQueries;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Replies to marketplace tickets go out with M12 through an outbox: queued in the transaction after the reply
 * (a Modulith listener, so it survives a crash), sent by one node at a time per reply, retried with growing delays
 * (a 429's Retry-After is honoured), failed at once when the marketplace refuses the message itself. Mirakl's id
 * of the sent message is kept, so the next poll recognises it.
 */
@Component
class MiraklOutbox {

    private static final Logger log = LoggerFactory.getLogger(MiraklOutbox.class);

    private final DSLContext db;
    private final MarketplaceAccounts accounts;
    private final MiraklClient client;
    private final TicketQueries tickets;
    private final MiraklSettings settings;
    private final TransactionTemplate transactions;
    private final Clock clock;

    MiraklOutbox(
            DSLContext db,
            MarketplaceAccounts accounts,
            MiraklClient client,
            TicketQueries tickets,
            MiraklSettings settings,
            TransactionTemplate transactions,
            Clock clock) {
        this.db = db;
        this.accounts = accounts;
        this.client = client;
        this.tickets = tickets;
        this.settings = settings;
        this.transactions = transactions;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(ReplyPosted reply) {
        accounts.accountOfChannel(reply.channelId()).ifPresent(account -> queue(account, reply));
    }

    private void queue(Account account, ReplyPosted reply) {
        String threadId = db.select(MARKETPLACE_THREAD.THREAD_ID)
                .from(MARKETPLACE_THREAD)
                .where(MARKETPLACE_THREAD
                        .ACCOUNT_ID
                        .eq(account.id())
                        .and(MARKETPLACE_THREAD.TICKET_ID.eq(reply.ticketId())))
                .orderBy(MARKETPLACE_THREAD.DATE_UPDATED.desc())
                .limit(1)
                .fetchOne(MARKETPLACE_THREAD.THREAD_ID);
        Instant now = clock.instant();
        db.insertInto(MARKETPLACE_OUTBOUND)
                .set(MARKETPLACE_OUTBOUND.ACCOUNT_ID, account.id())
                .set(MARKETPLACE_OUTBOUND.TICKET_ID, reply.ticketId())
                .set(MARKETPLACE_OUTBOUND.MESSAGE_ID, reply.messageId())
                .set(MARKETPLACE_OUTBOUND.THREAD_ID, threadId == null ? "" : threadId)
                .set(MARKETPLACE_OUTBOUND.STATUS, threadId == null ? "failed" : "queued")
                .set(
                        MARKETPLACE_OUTBOUND.LAST_ERROR,
                        threadId == null ? "no marketplace conversation for this ticket" : null)
                .set(MARKETPLACE_OUTBOUND.NEXT_ATTEMPT_AT, now)
                .set(MARKETPLACE_OUTBOUND.CREATED_AT, now)
                .onConflictDoNothing()
                .execute();
    }

    /** Sends what is due, each in its own transaction holding the row, so two nodes never send the same reply. */
    int sendDue() {
        return Retries.drain(
                transactions,
                100,
                () -> db.selectFrom(MARKETPLACE_OUTBOUND)
                        .where(MARKETPLACE_OUTBOUND
                                .STATUS
                                .eq("queued")
                                .and(MARKETPLACE_OUTBOUND.NEXT_ATTEMPT_AT.le(clock.instant())))
                        .orderBy(MARKETPLACE_OUTBOUND.NEXT_ATTEMPT_AT)
                        .limit(1)
                        .forUpdate()
                        .skipLocked()
                        .fetchOne(),
                this::attempt);
    }

    /** Puts a waiting or failed reply at the front of the queue ("send again" on the ticket page). */
    boolean retry(long messageId) {
        return db.update(MARKETPLACE_OUTBOUND)
                        .set(MARKETPLACE_OUTBOUND.STATUS, "queued")
                        .set(MARKETPLACE_OUTBOUND.NEXT_ATTEMPT_AT, clock.instant())
                        .set(MARKETPLACE_OUTBOUND.ATTEMPTS, 0)
                        .where(MARKETPLACE_OUTBOUND
                                .MESSAGE_ID
                                .eq(messageId)
                                .and(MARKETPLACE_OUTBOUND.STATUS.in("queued", "failed")))
                        .and(MARKETPLACE_OUTBOUND.THREAD_ID.ne(""))
                        .execute()
                == 1;
    }

    private void attempt(MarketplaceOutboundRecord out) {
        out.setAttempts(out.getAttempts() + 1);
        try {
            Account account = accounts.account(out.getAccountId());
            MessageView reply = tickets.message(out.getMessageId());
            String body = reply.bodyText().strip();
            if (body.length() < 3) {
                throw new MiraklFailure(
                        Kind.REJECTED, 0, "Mirakl needs a message of at least 3 characters", null, null);
            }
            List<Map<String, String>> to = new ArrayList<>();
            String customer = db.select(MARKETPLACE_THREAD.CUSTOMER_PARTICIPANT_ID)
                    .from(MARKETPLACE_THREAD)
                    .where(MARKETPLACE_THREAD
                            .ACCOUNT_ID
                            .eq(account.id())
                            .and(MARKETPLACE_THREAD.THREAD_ID.eq(out.getThreadId())))
                    .fetchOne(MARKETPLACE_THREAD.CUSTOMER_PARTICIPANT_ID);
            if (customer != null) {
                Map<String, String> c = new LinkedHashMap<>();
                c.put("type", "CUSTOMER");
                c.put("id", customer);
                to.add(c);
            }
            if (account.copyOperator() || customer == null) {
                to.add(Map.of("type", "OPERATOR"));
            }
            List<MiraklClient.File> files = reply.attachments().stream()
                    .map(a -> {
                        var content = tickets.attachment(a.id(), ClientScope.everything());
                        return new MiraklClient.File(content.filename(), content.content());
                    })
                    .toList();
            MiraklApi.Posted posted = client.reply(account.target(), out.getThreadId(), body, to, files);
            out.setStatus("sent");
            out.setRemoteMessageId(posted.messageId());
            out.setSentAt(clock.instant());
            out.setLastError(null);
        } catch (MiraklFailure f) {
            out.setLastError(f.getMessage());
            if (f.kind() == Kind.REJECTED || out.getAttempts() >= settings.maxSendAttempts()) {
                out.setStatus("failed");
                log.warn("Reply {} not delivered to the marketplace: {}", out.getMessageId(), f.getMessage());
            } else {
                Duration wait = f.kind() == Kind.RATE_LIMITED ? f.retryAfter() : delay(out.getAttempts());
                out.setNextAttemptAt(clock.instant().plus(wait));
            }
        } catch (RuntimeException e) {
            out.setLastError(MiraklClient.describe(e));
            if (out.getAttempts() >= settings.maxSendAttempts()) {
                out.setStatus("failed");
            } else {
                out.setNextAttemptAt(clock.instant().plus(delay(out.getAttempts())));
            }
        }
        out.store();
    }

    /** 30 s, 1 min, 2 min, … up to an hour between attempts. */
    Duration delay(int attempts) {
        return Retries.delay(attempts, settings.firstRetryDelay(), settings.maxRetryDelay());
    }

    Map<Long, ReplyDelivery> deliveries(Collection<Long> messageIds) {
        return db.selectFrom(MARKETPLACE_OUTBOUND)
                .where(MARKETPLACE_OUTBOUND.MESSAGE_ID.in(messageIds))
                .fetchMap(
                        MARKETPLACE_OUTBOUND.MESSAGE_ID,
                        r -> new ReplyDelivery(
                                r.getMessageId(),
                                ReplyDelivery.State.valueOf(r.getStatus().toUpperCase(Locale.ROOT)),
                                r.getAttempts(),
                                r.getLastError(),
                                r.getSentAt(),
                                "queued".equals(r.getStatus()) ? r.getNextAttemptAt() : null));
    }
}
