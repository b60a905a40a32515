package dev.kontor.knowledge;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Who may read an article: agents serving its client only, or anyone at its public page. */
public enum Visibility {
    INTERNAL,
    PUBLIC;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Visibility> fromKey(String key) {
        return Arrays.stream(values()).filter(v -> v.key().equals(key)).findFirst();
    }
}
