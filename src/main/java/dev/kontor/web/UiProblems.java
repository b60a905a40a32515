package dev.kontor.web;

import dev.kontor.shared.NotFound;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/** Error pages for the UI: not found (or not yours) is 404; anything unexpected shows a correlation id. */
@ControllerAdvice(annotations = Controller.class)
class UiProblems {

    private static final Logger log = LoggerFactory.getLogger(UiProblems.class);

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

    @ExceptionHandler(Exception.class)
    @ResponseStatus(HttpStatus.INTERNAL_SERVER_ERROR)
    String unexpected(Model model, Exception e) throws Exception {
        if (e instanceof org.springframework.security.access.AccessDeniedException
                || e instanceof org.springframework.security.core.AuthenticationException) {
            throw e;
        }
        String correlation = UUID.randomUUID().toString();
        log.error("Unexpected error {}", correlation, e);
        model.addAttribute("correlationId", correlation);
        return "error/500";
    }
}
