package dev.kontor.tickets;

import java.util.Locale;

/** Inbound from the customer, outbound to the customer, or an internal note the customer never sees. */
public enum MessageKind {
    INBOUND,
    OUTBOUND,
    NOTE;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MessageKind fromKey(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }
}
