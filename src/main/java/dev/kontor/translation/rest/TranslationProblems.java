package dev.kontor.translation.rest;

import dev.kontor.translation.ProtectedTextChanged;
import dev.kontor.translation.TranslationCapReached;
import dev.kontor.translation.TranslationFailed;
import dev.kontor.translation.TranslationNotConfigured;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A translation that did not come back, on any endpoint (the translation API, a ticket's translations, a reply with
 * {@code translateTo}), as a problem that names the error and the provider and says whether trying again may help:
 * 409 when no provider covers the language, 429 over the client's monthly cap, 503 for an outage, rate limit or
 * quota, 422 when the provider refused the text or damaged protected parts.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class TranslationProblems {

    @ExceptionHandler(TranslationFailed.class)
    ProblemDetail failed(TranslationFailed e) {
        HttpStatus status = e instanceof TranslationNotConfigured
                ? HttpStatus.CONFLICT
                : e instanceof TranslationCapReached
                        ? HttpStatus.TOO_MANY_REQUESTS
                        : e.retryable() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.UNPROCESSABLE_CONTENT;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setTitle(e instanceof TranslationNotConfigured ? "Translation not configured" : "Translation failed");
        problem.setProperty("error", e.getClass().getSimpleName());
        problem.setProperty("provider", e.provider());
        problem.setProperty("retryable", e.retryable());
        e.retryAfter().ifPresent(d -> problem.setProperty("retryAfterSeconds", d.toSeconds()));
        if (e instanceof ProtectedTextChanged p) {
            problem.setProperty("damaged", p.damaged());
        }
        return problem;
    }
}
