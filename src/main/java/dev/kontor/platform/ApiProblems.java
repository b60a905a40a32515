package dev.kontor.platform;

import dev.kontor.shared.FieldError;
import dev.kontor.shared.InvalidInput;
import dev.kontor.shared.NotFound;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * RFC 9457 answers for the errors every module shares: invalid input names its fields, missing or forbidden
 * things are 404, and anything unexpected gets a correlation id (logged with the cause) instead of internals.
 * Module-specific errors are mapped by each module's own advice, which runs first.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiProblems {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ProblemDetail invalidBody(MethodArgumentNotValidException e) {
        return invalid(fieldErrors(e));
    }

    @ExceptionHandler(BindException.class)
    ProblemDetail invalidParameters(BindException e) {
        return invalid(fieldErrors(e));
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ProblemDetail invalidArguments(HandlerMethodValidationException e) {
        List<FieldError> errors = e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream()
                        .map(err -> new FieldError(r.getMethodParameter().getParameterName(), err.getDefaultMessage())))
                .toList();
        return invalid(errors);
    }

    @ExceptionHandler(InvalidInput.class)
    ProblemDetail invalidInput(InvalidInput e) {
        ProblemDetail problem = invalid(e.errors());
        problem.setStatus(HttpStatus.UNPROCESSABLE_CONTENT);
        return problem;
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        return invalid(List.of(new FieldError(e.getName(), InputErrors.mismatch(e))));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ProblemDetail missingParameter(MissingServletRequestParameterException e) {
        return invalid(List.of(new FieldError(e.getParameterName(), "is required")));
    }

    /** The server could not decode a query or form parameter (bytes that are not UTF-8, too many parameters). */
    @ExceptionHandler(InvalidParameterException.class)
    ProblemDetail undecodableParameter(InvalidParameterException e) {
        FieldError field = InputErrors.undecodable(e);
        if (field != null) {
            return invalid(List.of(field));
        }
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request's parameters cannot be read");
        problem.setTitle("Invalid input");
        return problem;
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RequestTooLarge tooLarge) {
                return tooLarge(tooLarge);
            }
        }
        FieldError field = InputErrors.unreadable(e);
        if (field != null) {
            return invalid(List.of(field));
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, InputErrors.notJson(e));
        problem.setTitle("Unreadable request body");
        return problem;
    }

    @ExceptionHandler(NotFound.class)
    ProblemDetail notFound(NotFound e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Not found");
        return problem;
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ProblemDetail noResource(NoResourceFoundException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such endpoint");
        problem.setTitle("Not found");
        return problem;
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ProblemDetail method(HttpRequestMethodNotSupportedException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.METHOD_NOT_ALLOWED, e.getMessage());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ProblemDetail mediaType(HttpMediaTypeNotSupportedException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE, e.getMessage());
    }

    @ExceptionHandler({MaxUploadSizeExceededException.class, RequestTooLarge.class})
    ProblemDetail tooLarge(Exception e) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, "The request body is over the limit");
        problem.setTitle("Request too large");
        return problem;
    }

    @ExceptionHandler(org.springframework.security.core.AuthenticationException.class)
    ProblemDetail unauthenticated(Exception e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, "Not signed in");
        problem.setTitle("Unauthorized");
        return problem;
    }

    @ExceptionHandler(org.springframework.security.access.AccessDeniedException.class)
    ProblemDetail forbidden(Exception e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "Your role does not allow this");
        problem.setTitle("Forbidden");
        return problem;
    }

    /** The browser went away (a closed tab ends its live stream): nothing to answer and nothing wrong. */
    @ExceptionHandler(org.springframework.web.context.request.async.AsyncRequestNotUsableException.class)
    void clientGone(Exception e) {
        log.debug("The client went away: {}", e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        String correlation = UUID.randomUUID().toString();
        log.error("Unexpected error {}", correlation, e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side. Correlation id: " + correlation);
        problem.setTitle("Internal error");
        problem.setProperty("correlationId", correlation);
        return problem;
    }

    static ProblemDetail invalid(List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST,
                errors.stream()
                        .map(e -> e.field() + ": " + e.message())
                        .reduce((a, b) -> a + "; " + b)
                        .orElse(""));
        problem.setTitle("Invalid input");
        problem.setType(URI.create("urn:kontor:problem:invalid-input"));
        problem.setProperty(
                "errors",
                errors.stream()
                        .map(e -> Map.of("field", e.field(), "message", e.message()))
                        .toList());
        return problem;
    }

    private static List<FieldError> fieldErrors(BindException e) {
        List<FieldError> errors = new java.util.ArrayList<>();
        e.getFieldErrors()
                .forEach(f -> errors.add(new FieldError(
                        f.getField(), f.isBindingFailure() ? InputErrors.bindingFailure(f) : f.getDefaultMessage())));
        e.getGlobalErrors().forEach(g -> errors.add(new FieldError(g.getObjectName(), g.getDefaultMessage())));
        return errors;
    }
}
