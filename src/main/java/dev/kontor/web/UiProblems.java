package dev.kontor.web;

import dev.kontor.shared.FieldError;
import dev.kontor.shared.NotFound;
import dev.kontor.shared.Text;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Error pages for the UI: not found (or not yours) is 404; anything unexpected shows a correlation id. */
@ControllerAdvice(annotations = Controller.class)
class UiProblems {

    private static final Logger log = LoggerFactory.getLogger(UiProblems.class);

    /** How Tomcat names a parameter it could not decode. */
    private static final Pattern UNDECODABLE =
            Pattern.compile("Character decoding failed\\. Parameter \\[([^\\]]{1,200})\\]");

    private final MessageSource messages;

    UiProblems(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(NotFound.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound() {
        return "error/404";
    }

    @ExceptionHandler(dev.kontor.tickets.TicketErrors.IllegalStatusChange.class)
    @ResponseStatus(HttpStatus.CONFLICT)
    String conflict(Model model, RuntimeException e) {
        model.addAttribute("messageKey", "error.statusChange");
        return "error/conflict";
    }

    @ExceptionHandler(dev.kontor.tickets.TicketErrors.TicketClosed.class)
    @ResponseStatus(HttpStatus.CONFLICT)
    String closed(Model model) {
        model.addAttribute("messageKey", "error.ticketClosed");
        return "error/conflict";
    }

    @ExceptionHandler(dev.kontor.shared.InvalidInput.class)
    @ResponseStatus(HttpStatus.UNPROCESSABLE_CONTENT)
    String invalid(Model model, dev.kontor.shared.InvalidInput e) {
        model.addAttribute("errors", e.errors());
        return "error/invalid";
    }

    @ExceptionHandler(org.springframework.web.servlet.resource.NoResourceFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String noResource() {
        return "error/404";
    }

    /** A path variable or parameter that does not convert (an id that is not a number, a NUL in a text). */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String typeMismatch(Model model, MethodArgumentTypeMismatchException e, Locale locale) {
        model.addAttribute("errors", List.of(new FieldError(e.getName(), mismatch(e, locale))));
        return "error/invalid";
    }

    /** A form field or query parameter the server could not decode (bytes that are not UTF-8). */
    @ExceptionHandler(InvalidParameterException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String undecodable(Model model, InvalidParameterException e, Locale locale) {
        Matcher m = UNDECODABLE.matcher(String.valueOf(e.getMessage()));
        String field = m.find() ? Text.clean(m.group(1)) : "?";
        model.addAttribute(
                "errors", List.of(new FieldError(field, messages.getMessage("error.input.unstorable", null, locale))));
        return "error/invalid";
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String missing(Model model, MissingServletRequestParameterException e, Locale locale) {
        model.addAttribute(
                "errors",
                List.of(new FieldError(
                        e.getParameterName(), messages.getMessage("error.input.required", null, locale))));
        return "error/invalid";
    }

    private String mismatch(MethodArgumentTypeMismatchException e, Locale locale) {
        if (e.getCause() != null && Text.problem(String.valueOf(e.getValue())) != null) {
            return messages.getMessage("error.input.unstorable", null, locale);
        }
        Class<?> type = e.getRequiredType();
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return messages.getMessage("error.input.wholeNumber", null, locale);
        }
        if (type != null && type.isEnum()) {
            return messages.getMessage(
                    "error.input.oneOf",
                    new Object[] {
                        Arrays.stream(type.getEnumConstants())
                                .map(Object::toString)
                                .collect(Collectors.joining(", "))
                    },
                    locale);
        }
        return messages.getMessage("error.input.invalid", null, locale);
    }

    @ExceptionHandler(Exception.class)
    String unexpected(Model model, Exception e, HttpServletResponse response) throws Exception {
        if (e instanceof org.springframework.security.access.AccessDeniedException
                || e instanceof org.springframework.security.core.AuthenticationException) {
            throw e;
        }
        if (e instanceof ErrorResponse known && known.getStatusCode().value() < 500) {
            // Spring's own request errors (wrong method, unsupported type, too large) keep their 4xx status.
            response.setStatus(known.getStatusCode().value());
            model.addAttribute("errors", List.of());
            return known.getStatusCode().value() == 404 ? "error/404" : "error/invalid";
        }
        String correlation = UUID.randomUUID().toString();
        log.error("Unexpected error {}", correlation, e);
        response.setStatus(HttpStatus.INTERNAL_SERVER_ERROR.value());
        model.addAttribute("correlationId", correlation);
        return "error/500";
    }
}
