package dev.kontor.shared;

import java.util.Locale;
import java.util.regex.Pattern;

/** An ISO 639-1 language code such as {@code de}. */
public record LanguageCode(String value) {

    private static final Pattern SHAPE = Pattern.compile("^[a-z]{2}$");

    public LanguageCode {
        if (value == null
                || !SHAPE.matcher(value.strip().toLowerCase(Locale.ROOT)).matches()) {
            throw new IllegalArgumentException("not a two-letter language code");
        }
        value = value.strip().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value;
    }
}
