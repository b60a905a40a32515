package dev.kontor.audit;

import java.util.Locale;
import java.util.Optional;

/** What an audit entry records. */
public enum AuditKind {
    SIGNED_IN,
    SIGN_IN_FAILED,
    LOCKED_OUT,
    UNLOCKED,
    USER_CREATED,
    USER_CHANGED,
    PASSWORD_SET,
    TEAM_CHANGED,
    ACCESS_GRANTED,
    ACCESS_REVOKED,
    TOKEN_CREATED,
    TOKEN_REVOKED,
    TWO_FACTOR_ENABLED,
    TWO_FACTOR_DISABLED,
    RECOVERY_CODE_USED,
    SETTINGS_CHANGED,
    EXPORTED,
    /** Entries older than the retention were deleted (the count and the cut-off in the detail). */
    PRUNED;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AuditKind> fromKey(String key) {
        for (AuditKind kind : values()) {
            if (kind.key().equals(key)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
