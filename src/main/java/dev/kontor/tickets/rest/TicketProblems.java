package dev.kontor.tickets.rest;

import dev.kontor.tickets.TicketErrors.IllegalStatusChange;
import dev.kontor.tickets.TicketErrors.TicketClosed;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The ticket module's errors as RFC 9457 problems: a state conflict is 409 and says which move was refused. */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class TicketProblems {

    @ExceptionHandler(IllegalStatusChange.class)
    ProblemDetail illegalStatus(IllegalStatusChange e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Status change not allowed");
        problem.setProperty("from", e.from().key());
        problem.setProperty("to", e.to().key());
        return problem;
    }

    @ExceptionHandler(TicketClosed.class)
    ProblemDetail closed(TicketClosed e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Ticket closed");
        return problem;
    }
}
