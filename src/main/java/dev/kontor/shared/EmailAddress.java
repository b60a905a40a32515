package dev.kontor.shared;

import java.util.Locale;
import java.util.regex.Pattern;

/** A syntactically valid e-mail address, lower-cased so that identities compare equal. */
public record EmailAddress(String value) {

    private static final Pattern SHAPE = Pattern.compile("^[^@\\s<>\"(),;:]+@[^@\\s<>\"(),;:]+\\.[^@\\s<>\"(),;:]+$");

    public EmailAddress {
        if (value == null
                || value.length() > 254
                || !SHAPE.matcher(value.strip()).matches()) {
            throw new IllegalArgumentException("not a valid e-mail address");
        }
        value = value.strip().toLowerCase(Locale.ROOT);
    }

    public static boolean isValid(String value) {
        return value != null
                && value.length() <= 254
                && SHAPE.matcher(value.strip()).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
