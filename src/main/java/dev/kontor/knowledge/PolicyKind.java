package dev.kontor.knowledge;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What policy an article states, if any; drafts quote policy articles as the client's rules. */
public enum PolicyKind {
    NONE,
    RETURNS,
    REFUNDS,
    SHIPPING,
    WARRANTY,
    CANCELLATIONS;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<PolicyKind> fromKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key().equals(key)).findFirst();
    }
}
