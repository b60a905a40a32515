package dev.kontor.accounts;

import static dev.kontor.accounts.db.Tables.RECOVERY_CODE;
import static dev.kontor.accounts.db.Tables.TWO_FACTOR;

import dev.kontor.audit.AuditKind;
import dev.kontor.audit.AuditLog;
import dev.kontor.shared.InvalidInput;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.jooq.DSLContext;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Optional TOTP second factor for every user, mandatory for admins when {@link TwoFactorSettings} says so: set
 * up with an authenticator app (otpauth URI), confirmed with a first code, then asked for after the password.
 * Ten one-time recovery codes are shown once and kept only hashed.
 */
@Service
@Transactional
public class TwoFactorManagement {

    /** Session attribute while the password is right but the second factor is still owed: the e-mail typed. */
    public static final String PENDING = "kontor.twoFactor.pending";

    /** Session attribute of an admin who must set up a second factor before doing anything else. */
    public static final String ENROL = "kontor.twoFactor.enrol";

    static final int RECOVERY_CODES = 10;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

    /** What the user sees of their second factor. */
    public record Status(boolean enabled, boolean settingUp, int recoveryCodesLeft, boolean required) {}

    /** A secret being set up: the text to type, and the URI an authenticator app reads (as QR code or link). */
    public record Enrolment(String secret, String otpauthUri) {}

    private final DSLContext db;
    private final Clock clock;
    private final TwoFactorCipher cipher;
    private final TwoFactorSettings settings;
    private final PasswordEncoder passwords;
    private final AccountManagement accounts;
    private final AuditLog audit;
    private final SignInThrottle throttle;

    TwoFactorManagement(
            DSLContext db,
            Clock clock,
            TwoFactorCipher cipher,
            TwoFactorSettings settings,
            PasswordEncoder passwords,
            AccountManagement accounts,
            AuditLog audit,
            SignInThrottle throttle) {
        this.db = db;
        this.clock = clock;
        this.cipher = cipher;
        this.settings = settings;
        this.passwords = passwords;
        this.accounts = accounts;
        this.audit = audit;
        this.throttle = throttle;
    }

    @Transactional(readOnly = true)
    public Status status(long userId) {
        var row = db.selectFrom(TWO_FACTOR).where(TWO_FACTOR.USER_ID.eq(userId)).fetchOne();
        int left = db.fetchCount(RECOVERY_CODE, RECOVERY_CODE.USER_ID.eq(userId).and(RECOVERY_CODE.USED_AT.isNull()));
        boolean enabled = row != null && row.getConfirmedAt() != null;
        return new Status(enabled, row != null && !enabled, enabled ? left : 0, required(userId));
    }

    @Transactional(readOnly = true)
    public boolean enabled(long userId) {
        return db.fetchExists(TWO_FACTOR, TWO_FACTOR.USER_ID.eq(userId).and(TWO_FACTOR.CONFIRMED_AT.isNotNull()));
    }

    /** True when this user must set up a second factor before working (an admin, with the setting on). */
    @Transactional(readOnly = true)
    public boolean mustEnrol(long userId) {
        return required(userId) && !enabled(userId);
    }

    /** Starts (or starts again) setting up: a fresh secret, not yet asked for at sign-in. */
    public Enrolment start(long userId) {
        if (enabled(userId)) {
            throw InvalidInput.of("code", "two-factor sign-in is already on; turn it off first");
        }
        byte[] secret = new byte[20];
        RANDOM.nextBytes(secret);
        db.deleteFrom(TWO_FACTOR).where(TWO_FACTOR.USER_ID.eq(userId)).execute();
        db.insertInto(TWO_FACTOR)
                .set(TWO_FACTOR.USER_ID, userId)
                .set(TWO_FACTOR.SECRET_ENCRYPTED, cipher.encrypt(secret))
                .set(TWO_FACTOR.CREATED_AT, clock.instant())
                .execute();
        return enrolment(userId, secret);
    }

    /** The secret being set up, again (the page was reloaded); empty when none is being set up. */
    @Transactional(readOnly = true)
    public java.util.Optional<Enrolment> enrolment(long userId) {
        return db.selectFrom(TWO_FACTOR)
                .where(TWO_FACTOR.USER_ID.eq(userId).and(TWO_FACTOR.CONFIRMED_AT.isNull()))
                .fetchOptional()
                .map(r -> enrolment(userId, cipher.decrypt(r.getSecretEncrypted())));
    }

    /** Confirms setting up with a first code from the app; answers the recovery codes, shown this once. */
    public List<String> confirm(long userId, String code) {
        var row = db.selectFrom(TWO_FACTOR)
                .where(TWO_FACTOR.USER_ID.eq(userId).and(TWO_FACTOR.CONFIRMED_AT.isNull()))
                .forUpdate()
                .fetchOptional()
                .orElseThrow(() -> InvalidInput.of("code", "start setting up two-factor sign-in first"));
        OptionalLong step = Totp.verify(cipher.decrypt(row.getSecretEncrypted()), code, clock.instant(), 0);
        if (step.isEmpty()) {
            throw InvalidInput.of("code", "is not the app's current code");
        }
        row.setConfirmedAt(clock.instant());
        row.setLastStep(step.getAsLong());
        row.store();
        audit.record(AuditKind.TWO_FACTOR_ENABLED, userId, "");
        return newRecoveryCodes(userId);
    }

    /**
     * Checks a second factor at sign-in: a current app code (each accepted once) or an unused recovery code
     * (then used up).
     */
    public boolean verify(long userId, String code) {
        var row = db.selectFrom(TWO_FACTOR)
                .where(TWO_FACTOR.USER_ID.eq(userId).and(TWO_FACTOR.CONFIRMED_AT.isNotNull()))
                .forUpdate()
                .fetchOne();
        if (row == null || code == null || code.length() > 64) {
            return false;
        }
        OptionalLong step =
                Totp.verify(cipher.decrypt(row.getSecretEncrypted()), code, clock.instant(), row.getLastStep());
        if (step.isPresent()) {
            row.setLastStep(step.getAsLong());
            row.store();
            return true;
        }
        String recovery = code.strip().toLowerCase(java.util.Locale.ROOT);
        if (!recovery.matches("[a-z0-9]{5}-[a-z0-9]{5}")) {
            return false;
        }
        for (var candidate : db.selectFrom(RECOVERY_CODE)
                .where(RECOVERY_CODE.USER_ID.eq(userId).and(RECOVERY_CODE.USED_AT.isNull()))
                .fetch()) {
            if (passwords.matches(recovery, candidate.getCodeHash())) {
                candidate.setUsedAt(clock.instant());
                candidate.store();
                audit.record(AuditKind.RECOVERY_CODE_USED, userId, userId, "");
                return true;
            }
        }
        return false;
    }

    public enum Outcome {
        PASSED,
        WRONG,
        LOCKED
    }

    /**
     * The second step of signing in: a right code signs in (recorded); a wrong one counts as a failed sign-in of
     * the account, so codes cannot be guessed faster than passwords; a locked account or address is refused
     * before the code is checked.
     */
    public Outcome signIn(long userId, String email, String address, String code) {
        if (throttle.signInLockedUntil(email, address).isPresent()) {
            return Outcome.LOCKED;
        }
        if (verify(userId, code)) {
            throttle.signedIn(email, "with password and second factor");
            return Outcome.PASSED;
        }
        return throttle.signInFailed(email, address, "second factor of " + email) ? Outcome.LOCKED : Outcome.WRONG;
    }

    /** Turns the second factor off; the user proves it with a current code or a recovery code. */
    public void disable(long userId, String code) {
        if (required(userId)) {
            throw InvalidInput.of("code", "admins must keep two-factor sign-in here");
        }
        if (!verify(userId, code)) {
            throw InvalidInput.of("code", "is not a current code or an unused recovery code");
        }
        remove(userId, "by the user");
    }

    /** New recovery codes (the old ones stop working), proven with a current code; shown this once. */
    public List<String> replaceRecoveryCodes(long userId, String code) {
        if (!verify(userId, code)) {
            throw InvalidInput.of("code", "is not a current code or an unused recovery code");
        }
        return newRecoveryCodes(userId);
    }

    /** An admin turns a user's second factor off (a lost phone); the user can set it up again. */
    public boolean reset(long userId) {
        accounts.user(userId);
        boolean had = db.fetchExists(TWO_FACTOR, TWO_FACTOR.USER_ID.eq(userId));
        if (had) {
            remove(userId, "reset by an admin");
        }
        return had;
    }

    private void remove(long userId, String how) {
        db.deleteFrom(TWO_FACTOR).where(TWO_FACTOR.USER_ID.eq(userId)).execute();
        db.deleteFrom(RECOVERY_CODE).where(RECOVERY_CODE.USER_ID.eq(userId)).execute();
        audit.record(AuditKind.TWO_FACTOR_DISABLED, userId, how);
    }

    private List<String> newRecoveryCodes(long userId) {
        db.deleteFrom(RECOVERY_CODE).where(RECOVERY_CODE.USER_ID.eq(userId)).execute();
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            StringBuilder code = new StringBuilder();
            for (int c = 0; c < 10; c++) {
                if (c == 5) {
                    code.append('-');
                }
                code.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
            }
            codes.add(code.toString());
            db.insertInto(RECOVERY_CODE)
                    .set(RECOVERY_CODE.USER_ID, userId)
                    .set(RECOVERY_CODE.CODE_HASH, passwords.encode(code.toString()))
                    .execute();
        }
        return codes;
    }

    private boolean required(long userId) {
        return settings.requiredForAdmins() && accounts.user(userId).role() == Role.ADMIN;
    }

    private Enrolment enrolment(long userId, byte[] secret) {
        String account = accounts.user(userId).email();
        String issuer = settings.issuer();
        String secretText = Totp.base32(secret);
        String uri = "otpauth://totp/" + encode(issuer) + ":" + encode(account) + "?secret=" + secretText + "&issuer="
                + encode(issuer) + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP_SECONDS;
        return new Enrolment(secretText, uri);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
