package dev.kontor.web.admin;

import dev.kontor.shared.FieldError;
import dev.kontor.shared.InvalidInput;
import java.util.function.Supplier;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;

/**
 * The one way admin forms are handled: invalid input (from Bean Validation or from the module's business
 * rules) re-renders the page with field errors and the typed values; success redirects (post/redirect/get).
 */
final class AdminForms {

    private AdminForms() {}

    static String submit(BindingResult errors, Runnable action, String success, Supplier<String> page) {
        if (errors.hasErrors()) {
            return page.get();
        }
        try {
            action.run();
        } catch (InvalidInput e) {
            for (FieldError error : e.errors()) {
                if (errors.getTarget() != null && hasField(errors, error.field())) {
                    errors.rejectValue(error.field(), "invalid", error.message());
                } else {
                    errors.reject("invalid", error.field() + ": " + error.message());
                }
            }
            return page.get();
        }
        return success;
    }

    /** Marks the model so the page shows the errors of a form that is not the page's main one. */
    static Model rejected(Model model, BindingResult errors) {
        model.addAttribute(
                "formErrors",
                errors.getAllErrors().stream()
                        .map(e -> e instanceof org.springframework.validation.FieldError f
                                ? f.getField() + ": " + f.getDefaultMessage()
                                : e.getDefaultMessage())
                        .toList());
        return model;
    }

    private static boolean hasField(BindingResult errors, String field) {
        try {
            return errors.getFieldType(field) != null;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
