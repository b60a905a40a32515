package dev.kontor.shared;

import java.util.List;

/**
 * A business rule rejected a command's input (an unknown store key, a duplicate e-mail). Mapped to 422 with the
 * field named, and to a field error on forms.
 */
public class InvalidInput extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidInput(List<FieldError> errors) {
        super(
                errors.isEmpty()
                        ? "invalid input"
                        : errors.get(0).field() + ": " + errors.get(0).message());
        this.errors = List.copyOf(errors);
    }

    public static InvalidInput of(String field, String message) {
        return new InvalidInput(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
