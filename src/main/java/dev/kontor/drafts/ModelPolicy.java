package dev.kontor.drafts;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a client allows for drafts of its tickets: any model the install has, only a local one (its data never leaves
 * the house), or none (always the template).
 */
public enum ModelPolicy {
    ALLOWED,
    LOCAL_ONLY,
    NEVER;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ModelPolicy> fromKey(String key) {
        return Arrays.stream(values()).filter(p -> p.key().equals(key)).findFirst();
    }

    /** Whether a model at {@code location} may see this client's tickets. */
    public boolean permits(DraftSettings.Location location) {
        return switch (this) {
            case ALLOWED -> true;
            case LOCAL_ONLY -> location == DraftSettings.Location.LOCAL;
            case NEVER -> false;
        };
    }
}
