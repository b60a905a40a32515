package dev.kontor.orders.rest;

import dev.kontor.orders.OrderErrors.OrderActionNotAllowed;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The order module's errors as RFC 9457 problems: an action the order's state does not allow is 409. */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class OrderProblems {

    @ExceptionHandler(OrderActionNotAllowed.class)
    ProblemDetail notAllowed(OrderActionNotAllowed e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Order action not allowed");
        return problem;
    }
}
