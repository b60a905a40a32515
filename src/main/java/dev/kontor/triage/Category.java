package dev.kontor.triage;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a customer writes about; {@link #key()} is the value in the API. */
public enum Category {
    CANCELLATION,
    WHERE_IS_MY_ORDER,
    RETURN,
    REFUND,
    DAMAGED_OR_DEFECTIVE,
    INVOICE,
    QUOTE,
    PRODUCT_QUESTION,
    ADDRESS_CHANGE,
    OTHER;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Category> fromKey(String key) {
        return Arrays.stream(values()).filter(c -> c.key().equals(key)).findFirst();
    }
}
