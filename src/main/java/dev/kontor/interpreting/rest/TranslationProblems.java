package dev.kontor.interpreting.rest;

import dev.kontor.translation.ProtectedTextChanged;
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
 * A translation that did not come back, as an RFC 9457 problem naming the provider and whether trying again may
 * help: 503 for an outage, rate limit or quota, 422 when the provider refused or damaged protected text, 409 when
 * no provider is configured for the language.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class TranslationProblems {

    @ExceptionHandler(TranslationFailed.class)
    ProblemDetail failed(TranslationFailed e) {
        HttpStatus status = e instanceof TranslationNotConfigured
                ? HttpStatus.CONFLICT
                : e.retryable() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.UNPROCESSABLE_CONTENT;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setTitle(e instanceof TranslationNotConfigured ? "Translation not configured" : "Translation failed");
        problem.setProperty("provider", e.provider());
        problem.setProperty("retryable", e.retryable());
        e.retryAfter().ifPresent(d -> problem.setProperty("retryAfterSeconds", d.toSeconds()));
        if (e instanceof ProtectedTextChanged p) {
            problem.setProperty("damaged", p.damaged());
        }
        return problem;
    }
}
