package dev.kontor.platform;

import dev.kontor.shared.FieldError;
import dev.kontor.shared.Text;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Says which field of a request was wrong and why, for the failures that happen before validation runs: a body
 * Jackson could not map, a parameter that does not convert. "Not valid JSON" is kept for bodies that are not JSON.
 */
final class InputErrors {

    private InputErrors() {}

    /** The field a mapping failure belongs to, or null when the body is not JSON at all. */
    static FieldError unreadable(HttpMessageNotReadableException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TextInput.InvalidUtf8 utf8) {
                return new FieldError(
                        utf8.field.isEmpty() ? "body" : utf8.field,
                        "is not valid UTF-8 (byte " + utf8.offset + " of the body)");
            }
            if (t instanceof DatabindException d && !d.getPath().isEmpty()) {
                return new FieldError(path(d), reason(d));
            }
            if (t instanceof StreamReadException s
                    && s.getOriginalMessage() != null
                    && s.getOriginalMessage().startsWith("Invalid UTF-")
                    && s.processor() != null) {
                String field = TextInput.path(s.processor().streamReadContext());
                return new FieldError(field.isEmpty() ? "body" : field, "is not valid UTF-8");
            }
        }
        return null;
    }

    private static final Pattern UNDECODABLE =
            Pattern.compile("Character decoding failed\\. Parameter \\[([^\\]]{1,200})\\]");

    /** The parameter the server could not decode as UTF-8, named from the server's message; null if none. */
    static FieldError undecodable(RuntimeException e) {
        Matcher m = UNDECODABLE.matcher(String.valueOf(e.getMessage()));
        if (!m.find()) {
            return null;
        }
        String name = Text.clean(m.group(1));
        return new FieldError(name, "is not valid UTF-8");
    }

    /** The detail for a body that is not JSON: where it broke, without echoing the input. */
    static String notJson(HttpMessageNotReadableException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JacksonException j
                    && j.getLocation() != null
                    && j.getLocation().getLineNr() > 0) {
                return "The request body is not valid JSON (line "
                        + j.getLocation().getLineNr() + ", column "
                        + j.getLocation().getColumnNr() + ")";
            }
        }
        if (e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")) {
            return "A JSON request body is required";
        }
        return "The request body is not valid JSON";
    }

    private static String reason(DatabindException d) {
        if (d instanceof TextInput.UnstorableText) {
            return d.getOriginalMessage();
        }
        if (d instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        String original = d.getOriginalMessage() == null ? "" : d.getOriginalMessage();
        if (original.startsWith("Cannot map `null` into type")
                || original.startsWith("Missing required creator property")
                || original.startsWith("Null value for creator property")) {
            return "is required";
        }
        if (d instanceof MismatchedInputException m && m.getTargetType() != null) {
            Class<?> type = m.getTargetType();
            if (type.isEnum()) {
                return "must be one of "
                        + Arrays.stream(type.getEnumConstants())
                                .map(c -> c.toString())
                                .collect(Collectors.joining(", "));
            }
            if (isWhole(type)) {
                return "must be a whole number";
            }
            if (type == Boolean.class || type == boolean.class) {
                return "must be true or false";
            }
            if (d instanceof InvalidFormatException) {
                return "is not " + describe(type);
            }
            return "must be " + describe(type);
        }
        return "has an invalid value";
    }

    /** Why a request parameter or path variable did not convert. */
    static String mismatch(TypeMismatchException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof TextInput.UnstorableTextArgument u) {
                return u.getMessage();
            }
        }
        Class<?> type = e.getRequiredType();
        if (type == null) {
            return "has an invalid value";
        }
        if (type.isEnum()) {
            return "must be one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(Object::toString)
                            .collect(Collectors.joining(", "));
        }
        if (isWhole(type)) {
            return "must be a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        return "is not " + describe(type);
    }

    /** The message of a form or query field that did not bind (a conversion failure, not a constraint). */
    static String bindingFailure(org.springframework.validation.FieldError f) {
        return f.contains(TypeMismatchException.class)
                ? mismatch(f.unwrap(TypeMismatchException.class))
                : "has an invalid value";
    }

    private static boolean isWhole(Class<?> type) {
        return type == Long.class
                || type == long.class
                || type == Integer.class
                || type == int.class
                || type == Short.class
                || type == short.class;
    }

    private static String describe(Class<?> type) {
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (type == String.class) {
            return "a text";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "a date or time (ISO 8601)";
        }
        return "an object";
    }

    private static String path(DatabindException d) {
        StringBuilder out = new StringBuilder();
        for (JacksonException.Reference r : d.getPath()) {
            if (r.getPropertyName() != null) {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(r.getPropertyName());
            } else if (r.getIndex() >= 0) {
                out.append('[').append(r.getIndex()).append(']');
            }
        }
        return out.toString();
    }
}
