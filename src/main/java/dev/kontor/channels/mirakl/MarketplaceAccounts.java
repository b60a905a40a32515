package dev.kontor.channels.mirakl;

import static dev.kontor.channels.db.Tables.MARKETPLACE_ACCOUNT;
import static dev.kontor.channels.db.Tables.MARKETPLACE_THREAD;

import dev.kontor.channels.MarketplaceAccountView;
import dev.kontor.channels.MarketplaceCommands.CreateMarketplaceAccount;
import dev.kontor.channels.MarketplaceCommands.UpdateMarketplaceAccount;
import dev.kontor.channels.crypto.CredentialCipher;
import dev.kontor.channels.db.tables.records.MarketplaceAccountRecord;
import dev.kontor.shared.NotFound;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/** Marketplace account rows: settings with the encrypted key, the poll cursor, the lease and the health. */
@Component
public class MarketplaceAccounts {

    private final DSLContext db;
    private final CredentialCipher cipher;
    private final Clock clock;

    MarketplaceAccounts(DSLContext db, CredentialCipher cipher, Clock clock) {
        this.db = db;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** An account with its key decrypted, for calling the marketplace. */
    record Account(
            long id,
            long channelId,
            long clientId,
            long storeId,
            String name,
            String operatorName,
            MiraklClient.Target target,
            boolean copyOperator,
            int pollSeconds,
            boolean paused,
            String alert,
            Instant cursor,
            Instant orderCursor) {}

    public MarketplaceAccountView insert(long channelId, long clientId, CreateMarketplaceAccount c) {
        MarketplaceAccountRecord r = db.newRecord(MARKETPLACE_ACCOUNT);
        r.setChannelId(channelId);
        r.setClientId(clientId);
        r.setStoreId(c.storeId());
        r.setKind("mirakl");
        r.setName(c.name().strip());
        r.setOperatorName(c.operatorName().strip());
        r.setBaseUrl(c.baseUrl().strip());
        r.setApiKey(cipher.encrypt(c.apiKey().strip()));
        r.setShopId(c.shopId());
        r.setCopyOperator(c.copiesOperator());
        r.setPollSeconds(c.pollInterval());
        r.setPaused(false);
        r.setConsecutiveFailures(0);
        r.setCreatedAt(clock.instant());
        r.store();
        return view(r);
    }

    public MarketplaceAccountView update(long id, UpdateMarketplaceAccount c) {
        MarketplaceAccountRecord r = lockRow(id);
        boolean newTarget = !r.getBaseUrl().equals(c.baseUrl().strip());
        r.setName(c.name().strip());
        r.setOperatorName(c.operatorName().strip());
        r.setBaseUrl(c.baseUrl().strip());
        if (c.apiKey() != null && !c.apiKey().isBlank()) {
            r.setApiKey(cipher.encrypt(c.apiKey().strip()));
            newTarget = true;
        }
        r.setShopId(c.shopId());
        r.setCopyOperator(c.copiesOperator());
        r.setPollSeconds(c.pollInterval());
        if (newTarget) {
            // A new key or instance deserves a try at once.
            r.setAlert(null);
            r.setBlockedUntil(null);
            r.setConsecutiveFailures(0);
            r.setLastPollAt(null);
        }
        r.store();
        return view(r);
    }

    public void pause(long id, boolean paused) {
        MarketplaceAccountRecord r = lockRow(id);
        r.setPaused(paused);
        if (!paused) {
            r.setBlockedUntil(null);
            r.setLastPollAt(null);
        }
        r.store();
    }

    /** Asks for a poll at the next dispatch. */
    public void pollSoon(long id) {
        db.update(MARKETPLACE_ACCOUNT)
                .setNull(MARKETPLACE_ACCOUNT.LAST_POLL_AT)
                .setNull(MARKETPLACE_ACCOUNT.BLOCKED_UNTIL)
                .where(MARKETPLACE_ACCOUNT.ID.eq(id))
                .execute();
    }

    public List<MarketplaceAccountView> all() {
        Map<Long, Integer> threads = threadCounts();
        return db.selectFrom(MARKETPLACE_ACCOUNT)
                .orderBy(MARKETPLACE_ACCOUNT.NAME, MARKETPLACE_ACCOUNT.ID)
                .fetch(r -> view(r, threads.getOrDefault(r.getId(), 0)));
    }

    public Optional<MarketplaceAccountView> find(long id) {
        return db.selectFrom(MARKETPLACE_ACCOUNT)
                .where(MARKETPLACE_ACCOUNT.ID.eq(id))
                .fetchOptional(this::view);
    }

    Account account(long id) {
        return db.selectFrom(MARKETPLACE_ACCOUNT)
                .where(MARKETPLACE_ACCOUNT.ID.eq(id))
                .fetchOptional(this::account)
                .orElseThrow(() -> new NotFound("marketplace account " + id));
    }

    Optional<Account> accountOfChannel(long channelId) {
        return db.selectFrom(MARKETPLACE_ACCOUNT)
                .where(MARKETPLACE_ACCOUNT.CHANNEL_ID.eq(channelId))
                .fetchOptional(this::account);
    }

    boolean servesChannel(long channelId) {
        return db.fetchExists(MARKETPLACE_ACCOUNT, MARKETPLACE_ACCOUNT.CHANNEL_ID.eq(channelId));
    }

    /**
     * Accounts to poll now: not paused, key not refused, and either their interval passed or, after a failure,
     * the wait the marketplace asked for (or the backoff) is over.
     */
    List<Long> due(Instant now) {
        var intervalPassed = MARKETPLACE_ACCOUNT
                .LAST_POLL_AT
                .isNull()
                .or(MARKETPLACE_ACCOUNT.LAST_POLL_AT.le(DSL.field(
                        "{0} - make_interval(secs => {1})",
                        Instant.class, DSL.val(now), MARKETPLACE_ACCOUNT.POLL_SECONDS)));
        return db.select(MARKETPLACE_ACCOUNT.ID)
                .from(MARKETPLACE_ACCOUNT)
                .where(MARKETPLACE_ACCOUNT.PAUSED.isFalse())
                .and(MARKETPLACE_ACCOUNT.ALERT.isNull())
                .and(MARKETPLACE_ACCOUNT.POLL_LEASE_UNTIL.isNull().or(MARKETPLACE_ACCOUNT.POLL_LEASE_UNTIL.le(now)))
                .and(MARKETPLACE_ACCOUNT
                        .BLOCKED_UNTIL
                        .le(now)
                        .or(MARKETPLACE_ACCOUNT.BLOCKED_UNTIL.isNull().and(intervalPassed)))
                .orderBy(MARKETPLACE_ACCOUNT.LAST_POLL_AT.asc().nullsFirst())
                .fetch(MARKETPLACE_ACCOUNT.ID);
    }

    /** Takes the poll lease; false when another thread or node holds it. Commits at once (own statement). */
    boolean lease(long id, Duration duration) {
        Instant now = clock.instant();
        return db.update(MARKETPLACE_ACCOUNT)
                        .set(MARKETPLACE_ACCOUNT.POLL_LEASE_UNTIL, now.plus(duration))
                        .set(MARKETPLACE_ACCOUNT.LAST_POLL_AT, now)
                        .where(MARKETPLACE_ACCOUNT.ID.eq(id))
                        .and(MARKETPLACE_ACCOUNT
                                .POLL_LEASE_UNTIL
                                .isNull()
                                .or(MARKETPLACE_ACCOUNT.POLL_LEASE_UNTIL.le(now)))
                        .execute()
                == 1;
    }

    /** A complete poll: the cursor moves to the newest thread update seen, and the account is healthy again. */
    void succeeded(long id, Instant newCursor) {
        db.update(MARKETPLACE_ACCOUNT)
                .set(MARKETPLACE_ACCOUNT.CURSOR_UPDATED_SINCE, newCursor)
                .set(MARKETPLACE_ACCOUNT.LAST_SUCCESS_AT, clock.instant())
                .setNull(MARKETPLACE_ACCOUNT.LAST_ERROR)
                .setNull(MARKETPLACE_ACCOUNT.LAST_ERROR_AT)
                .set(MARKETPLACE_ACCOUNT.CONSECUTIVE_FAILURES, 0)
                .setNull(MARKETPLACE_ACCOUNT.BLOCKED_UNTIL)
                .setNull(MARKETPLACE_ACCOUNT.POLL_LEASE_UNTIL)
                .where(MARKETPLACE_ACCOUNT.ID.eq(id))
                .execute();
    }

    /** A failed poll: the error is shown to admins; {@code alert} stops polling, {@code until} delays the next. */
    void failed(long id, String error, String alert, Instant until) {
        db.update(MARKETPLACE_ACCOUNT)
                .set(MARKETPLACE_ACCOUNT.LAST_ERROR, error)
                .set(MARKETPLACE_ACCOUNT.LAST_ERROR_AT, clock.instant())
                .set(MARKETPLACE_ACCOUNT.CONSECUTIVE_FAILURES, MARKETPLACE_ACCOUNT.CONSECUTIVE_FAILURES.plus(1))
                .set(MARKETPLACE_ACCOUNT.ALERT, alert)
                .set(MARKETPLACE_ACCOUNT.BLOCKED_UNTIL, until)
                .setNull(MARKETPLACE_ACCOUNT.POLL_LEASE_UNTIL)
                .where(MARKETPLACE_ACCOUNT.ID.eq(id))
                .execute();
    }

    /** Why the marketplace should not be called now (key refused, or asked to wait), if so. */
    Optional<String> unavailable(long id) {
        return db.select(MARKETPLACE_ACCOUNT.ALERT, MARKETPLACE_ACCOUNT.BLOCKED_UNTIL, MARKETPLACE_ACCOUNT.LAST_ERROR)
                .from(MARKETPLACE_ACCOUNT)
                .where(MARKETPLACE_ACCOUNT.ID.eq(id))
                .fetchOptional()
                .flatMap(r -> {
                    if (r.value1() != null) {
                        return Optional.of("the marketplace refuses the API key: " + r.value3());
                    }
                    if (r.value2() != null && r.value2().isAfter(clock.instant())) {
                        return Optional.of("the marketplace is not called before " + r.value2() + ": " + r.value3());
                    }
                    return Optional.empty();
                });
    }

    /** Orders updated up to this instant have been read. */
    void orderCursorMoved(long id, Instant cursor) {
        db.update(MARKETPLACE_ACCOUNT)
                .set(MARKETPLACE_ACCOUNT.ORDER_CURSOR, cursor)
                .where(MARKETPLACE_ACCOUNT.ID.eq(id))
                .execute();
    }

    int failures(long id) {
        return db.select(MARKETPLACE_ACCOUNT.CONSECUTIVE_FAILURES)
                .from(MARKETPLACE_ACCOUNT)
                .where(MARKETPLACE_ACCOUNT.ID.eq(id))
                .fetchSingle(MARKETPLACE_ACCOUNT.CONSECUTIVE_FAILURES);
    }

    private MarketplaceAccountRecord lockRow(long id) {
        return db.selectFrom(MARKETPLACE_ACCOUNT)
                .where(MARKETPLACE_ACCOUNT.ID.eq(id))
                .forUpdate()
                .fetchOptional()
                .orElseThrow(() -> new NotFound("marketplace account " + id));
    }

    private Map<Long, Integer> threadCounts() {
        return db.select(MARKETPLACE_THREAD.ACCOUNT_ID, DSL.count())
                .from(MARKETPLACE_THREAD)
                .groupBy(MARKETPLACE_THREAD.ACCOUNT_ID)
                .fetchMap(MARKETPLACE_THREAD.ACCOUNT_ID, r -> r.value2());
    }

    private Account account(MarketplaceAccountRecord r) {
        return new Account(
                r.getId(),
                r.getChannelId(),
                r.getClientId(),
                r.getStoreId(),
                r.getName(),
                r.getOperatorName(),
                new MiraklClient.Target(r.getBaseUrl(), cipher.decrypt(r.getApiKey()), r.getShopId()),
                r.getCopyOperator(),
                r.getPollSeconds(),
                r.getPaused(),
                r.getAlert(),
                r.getCursorUpdatedSince(),
                r.getOrderCursor());
    }

    private MarketplaceAccountView view(MarketplaceAccountRecord r) {
        int threads = db.fetchCount(MARKETPLACE_THREAD, MARKETPLACE_THREAD.ACCOUNT_ID.eq(r.getId()));
        return view(r, threads);
    }

    private static MarketplaceAccountView view(MarketplaceAccountRecord r, int threads) {
        return new MarketplaceAccountView(
                r.getId(),
                r.getChannelId(),
                r.getClientId(),
                r.getStoreId(),
                r.getKind(),
                r.getName(),
                r.getOperatorName(),
                r.getBaseUrl(),
                r.getShopId(),
                r.getCopyOperator(),
                r.getPollSeconds(),
                r.getPaused(),
                r.getCursorUpdatedSince(),
                r.getLastPollAt(),
                r.getLastSuccessAt(),
                r.getLastError(),
                r.getLastErrorAt(),
                r.getConsecutiveFailures(),
                r.getAlert(),
                r.getBlockedUntil(),
                threads);
    }
}
