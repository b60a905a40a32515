package dev.kontor.tickets;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

public enum Priority {
    LOW,
    NORMAL,
    HIGH,
    URGENT;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Priority> fromKey(String key) {
        return Arrays.stream(values()).filter(p -> p.key().equals(key)).findFirst();
    }
}
