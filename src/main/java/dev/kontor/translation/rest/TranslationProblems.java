package dev.kontor.translation.rest;

import dev.kontor.translation.TranslationCapReached;
import dev.kontor.translation.TranslationFailed;
import dev.kontor.translation.TranslationNotConfigured;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A failed translation as a problem that names the error, so a caller can tell a cap from an outage. */
@RestControllerAdvice(assignableTypes = TranslationRestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class TranslationProblems {

    @ExceptionHandler(TranslationFailed.class)
    ProblemDetail failed(TranslationFailed e) {
        HttpStatus status = e instanceof TranslationNotConfigured
                ? HttpStatus.CONFLICT
                : e instanceof TranslationCapReached
                        ? HttpStatus.TOO_MANY_REQUESTS
                        : e.retryable() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_GATEWAY;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setTitle("Translation failed");
        problem.setProperty("error", e.getClass().getSimpleName());
        problem.setProperty("provider", e.provider());
        problem.setProperty("retryable", e.retryable());
        return problem;
    }
}
