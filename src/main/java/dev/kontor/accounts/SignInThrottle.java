package dev.kontor.accounts;

import static dev.kontor.accounts.db.Tables.SIGN_IN_THROTTLE;

import dev.kontor.audit.AuditKind;
import dev.kontor.audit.AuditLog;
import dev.kontor.shared.NotFound;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record3;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts failed sign-ins per account and per source address, and failed API tokens per address, in PostgreSQL so
 * every node sees the same counts. An account is the e-mail as typed: a made-up address is counted and locked
 * exactly like a real one, so neither the messages nor the timing say whether a user exists.
 */
@Service
@Transactional
public class SignInThrottle {

    public enum Kind {
        ACCOUNT,
        ADDRESS,
        TOKEN;

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Kind fromKey(String key) {
            return valueOf(key.toUpperCase(Locale.ROOT));
        }
    }

    /** A current lock: what is locked, after how many failures, until when. */
    public record SignInLock(long id, Kind kind, String key, int failures, Instant lockedUntil) {}

    private static final int MAX_KEY = 320;

    private final DSLContext db;
    private final Clock clock;
    private final SignInSettings settings;
    private final AccountManagement accounts;
    private final AuditLog audit;

    SignInThrottle(DSLContext db, Clock clock, SignInSettings settings, AccountManagement accounts, AuditLog audit) {
        this.db = db;
        this.clock = clock;
        this.settings = settings;
        this.accounts = accounts;
        this.audit = audit;
    }

    /** When the account or the address is locked, the later of their lock ends. */
    @Transactional(readOnly = true)
    public Optional<Instant> signInLockedUntil(String email, String address) {
        return lockedUntil(SIGN_IN_THROTTLE
                .KIND
                .eq(Kind.ACCOUNT.key())
                .and(SIGN_IN_THROTTLE.KEY.eq(accountKey(email)))
                .or(SIGN_IN_THROTTLE.KIND.eq(Kind.ADDRESS.key()).and(SIGN_IN_THROTTLE.KEY.eq(key(address)))));
    }

    /** Counts a failed sign-in against the account and the address; true when it locked either. */
    public boolean signInFailed(String email, String address) {
        return signInFailed(email, address, "as " + accountKey(email));
    }

    /** As {@link #signInFailed(String, String)}, saying what failed in the audit log. */
    public boolean signInFailed(String email, String address, String what) {
        Long userId = userId(email);
        audit.record(AuditKind.SIGN_IN_FAILED, null, userId, what);
        boolean account = failed(Kind.ACCOUNT, accountKey(email), settings.maxAccountFailures(), settings.lockout());
        boolean source = failed(Kind.ADDRESS, key(address), settings.maxAddressFailures(), settings.lockout());
        if (account) {
            audit.record(AuditKind.LOCKED_OUT, null, userId, "account " + accountKey(email));
        }
        if (source) {
            audit.record(AuditKind.LOCKED_OUT, null, null, "sign-in from address " + key(address));
        }
        return account || source;
    }

    /** A successful sign-in forgets the account's failures (not the address's: anyone could sign in there). */
    public void signedIn(String email) {
        signedIn(email, "with password");
    }

    /** As {@link #signedIn(String)}, saying how in the audit log (e.g. with a second factor). */
    public void signedIn(String email, String how) {
        Long userId = userId(email);
        audit.record(AuditKind.SIGNED_IN, userId, userId, how);
        db.deleteFrom(SIGN_IN_THROTTLE)
                .where(SIGN_IN_THROTTLE.KIND.eq(Kind.ACCOUNT.key()))
                .and(SIGN_IN_THROTTLE.KEY.eq(accountKey(email)))
                .execute();
    }

    @Transactional(readOnly = true)
    public Optional<Instant> tokenLockedUntil(String address) {
        return lockedUntil(SIGN_IN_THROTTLE.KIND.eq(Kind.TOKEN.key()).and(SIGN_IN_THROTTLE.KEY.eq(key(address))));
    }

    /** Counts a request with an unknown API token; true when it locked the address out of the API. */
    public boolean tokenFailed(String address) {
        boolean locked = failed(Kind.TOKEN, key(address), settings.maxTokenFailures(), settings.tokenLockout());
        if (locked) {
            audit.record(AuditKind.LOCKED_OUT, null, null, "API tokens from address " + key(address));
        }
        return locked;
    }

    /** Every lock in force now, newest first. */
    @Transactional(readOnly = true)
    public List<SignInLock> locks() {
        return db.selectFrom(SIGN_IN_THROTTLE)
                .where(SIGN_IN_THROTTLE.LOCKED_UNTIL.gt(clock.instant()))
                .orderBy(SIGN_IN_THROTTLE.LOCKED_UNTIL.desc(), SIGN_IN_THROTTLE.ID.desc())
                .limit(500)
                .fetch(r -> new SignInLock(
                        r.getId(), Kind.fromKey(r.getKind()), r.getKey(), r.getFailures(), r.getLockedUntil()));
    }

    /** The lock in force on a user's account, if any. */
    @Transactional(readOnly = true)
    public Optional<SignInLock> lockOf(long userId) {
        String email = accountKey(accounts.user(userId).email());
        return locks().stream()
                .filter(l -> l.kind() == Kind.ACCOUNT && l.key().equals(email))
                .findFirst();
    }

    /** Lifts a lock and forgets its failures; the answer says what was unlocked. */
    public SignInLock unlock(long lockId) {
        var row = db.deleteFrom(SIGN_IN_THROTTLE)
                .where(SIGN_IN_THROTTLE.ID.eq(lockId))
                .returning()
                .fetchOptional()
                .orElseThrow(() -> new NotFound("sign-in lock " + lockId));
        audit.record(
                AuditKind.UNLOCKED,
                row.getKind().equals(Kind.ACCOUNT.key()) ? userId(row.getKey()) : null,
                row.getKind() + " " + row.getKey());
        return new SignInLock(
                row.getId(), Kind.fromKey(row.getKind()), row.getKey(), row.getFailures(), row.getLockedUntil());
    }

    /** Lifts the lock on a user's account and forgets its failures; true when there was one. */
    public boolean unlockUser(long userId) {
        String email = accountKey(accounts.user(userId).email());
        boolean unlocked = db.deleteFrom(SIGN_IN_THROTTLE)
                        .where(SIGN_IN_THROTTLE.KIND.eq(Kind.ACCOUNT.key()))
                        .and(SIGN_IN_THROTTLE.KEY.eq(email))
                        .execute()
                > 0;
        if (unlocked) {
            audit.record(AuditKind.UNLOCKED, userId, "account " + email);
        }
        return unlocked;
    }

    /** Drops counts nobody needs any more: outside the window and not locked. */
    public int forgetStale() {
        Instant now = clock.instant();
        Instant windowStart = now.minus(settings.window());
        return db.deleteFrom(SIGN_IN_THROTTLE)
                .where(SIGN_IN_THROTTLE.LAST_FAILURE_AT.lt(windowStart))
                .and(SIGN_IN_THROTTLE.LOCKED_UNTIL.isNull().or(SIGN_IN_THROTTLE.LOCKED_UNTIL.le(now)))
                .execute();
    }

    private Optional<Instant> lockedUntil(org.jooq.Condition which) {
        return db.select(org.jooq.impl.DSL.max(SIGN_IN_THROTTLE.LOCKED_UNTIL))
                .from(SIGN_IN_THROTTLE)
                .where(which)
                .and(SIGN_IN_THROTTLE.LOCKED_UNTIL.gt(clock.instant()))
                .fetchOptional(0, Instant.class);
    }

    /**
     * One atomic upsert counts the failure (starting afresh when the window or an earlier lock has passed); the
     * row stays locked to the end of the transaction, so concurrent failures on several nodes count one by one.
     */
    private boolean failed(Kind kind, String key, int max, java.time.Duration lockout) {
        Instant now = clock.instant();
        Instant windowStart = now.minus(settings.window());
        var t = SIGN_IN_THROTTLE;
        var expired = t.FIRST_FAILURE_AT.lt(windowStart).or(t.LOCKED_UNTIL.le(now));
        Record3<Long, Integer, Instant> row = db.insertInto(t)
                .set(t.KIND, kind.key())
                .set(t.KEY, key)
                .set(t.FAILURES, 1)
                .set(t.FIRST_FAILURE_AT, now)
                .set(t.LAST_FAILURE_AT, now)
                .onConflict(t.KIND, t.KEY)
                .doUpdate()
                .set(
                        t.FAILURES,
                        org.jooq
                                .impl
                                .DSL
                                .when(expired, org.jooq.impl.DSL.inline(1))
                                .otherwise(t.FAILURES.plus(1)))
                .set(
                        t.FIRST_FAILURE_AT,
                        org.jooq
                                .impl
                                .DSL
                                .when(expired, org.jooq.impl.DSL.val(now, t.FIRST_FAILURE_AT))
                                .otherwise(t.FIRST_FAILURE_AT))
                .set(
                        t.LOCKED_UNTIL,
                        org.jooq
                                .impl
                                .DSL
                                .when(t.LOCKED_UNTIL.le(now), org.jooq.impl.DSL.castNull(t.LOCKED_UNTIL))
                                .otherwise(t.LOCKED_UNTIL))
                .set(t.LAST_FAILURE_AT, now)
                .returningResult(t.ID, t.FAILURES, t.LOCKED_UNTIL)
                .fetchOne();
        if (row.value2() >= max && row.value3() == null) {
            db.update(t)
                    .set(t.LOCKED_UNTIL, now.plus(lockout))
                    .where(t.ID.eq(row.value1()))
                    .execute();
            return true;
        }
        return false;
    }

    private Long userId(String email) {
        if (email == null || email.isBlank() || email.length() > MAX_KEY) {
            return null;
        }
        return accounts.userByEmail(email).map(UserView::id).orElse(null);
    }

    private static String accountKey(String email) {
        return key(email == null ? "" : email.strip().toLowerCase(Locale.ROOT));
    }

    private static String key(String value) {
        if (value == null || value.isEmpty()) {
            return "-";
        }
        return value.length() > MAX_KEY ? value.substring(0, MAX_KEY) : value;
    }
}
