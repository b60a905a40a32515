package dev.kontor.accounts;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Admins manage everything and see every client; supervisors and agents see the clients granted to them. */
public enum Role {
    ADMIN,
    SUPERVISOR,
    AGENT;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromKey(String key) {
        return Arrays.stream(values()).filter(r -> r.key().equals(key)).findFirst();
    }
}
