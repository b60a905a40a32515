package dev.kontor.rules.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What makes event rules run. Time rules run on {@link #TIME}, from the aging scan. */
public enum Trigger {
    TICKET_CREATED,
    MESSAGE_RECEIVED,
    AGENT_REPLIED,
    STATUS_CHANGED,
    TAG_ADDED,
    SLA_WARNING,
    SLA_BREACHED,
    ORDER_STATE_CHANGED,
    TIME;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Trigger> fromKey(String key) {
        return Arrays.stream(values())
                .filter(t -> t != TIME && t.key().equals(key))
                .findFirst();
    }
}
