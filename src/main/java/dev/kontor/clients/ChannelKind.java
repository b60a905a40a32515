package dev.kontor.clients;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How customers reach a store. Every store has one {@link #API} channel, created with it. */
public enum ChannelKind {
    API,
    WEB_FORM,
    EMAIL,
    CHAT,
    MIRAKL,
    AMAZON,
    EBAY,
    SHOPIFY,
    BIGCOMMERCE;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ChannelKind> fromKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key().equals(key)).findFirst();
    }
}
