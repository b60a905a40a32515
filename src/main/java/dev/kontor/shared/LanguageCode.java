package dev.kontor.shared;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** An ISO 639-1 language code such as {@code de}: two letters that name a language ({@code zz} does not). */
public record LanguageCode(String value) {

    private static final Pattern SHAPE = Pattern.compile("^[a-z]{2}$");
    private static final Set<String> KNOWN = Set.of(Locale.getISOLanguages());

    public LanguageCode {
        if (value == null || !isKnown(value.strip().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("not a known two-letter language code");
        }
        value = value.strip().toLowerCase(Locale.ROOT);
    }

    /** Whether this is exactly a known ISO 639-1 code in lower case. */
    public static boolean isKnown(String code) {
        return code != null && SHAPE.matcher(code).matches() && KNOWN.contains(code);
    }

    /** Bean Validation for a language code given as text; null is valid (use @NotNull to require one). */
    @Documented
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE_USE, ElementType.RECORD_COMPONENT})
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = Known.Check.class)
    public @interface Known {
        String message() default "{kontor.validation.language}";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        final class Check implements ConstraintValidator<Known, String> {
            @Override
            public boolean isValid(String value, ConstraintValidatorContext context) {
                return value == null || isKnown(value);
            }
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
