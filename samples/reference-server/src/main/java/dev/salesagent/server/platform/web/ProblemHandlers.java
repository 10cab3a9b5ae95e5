package dev.salesagent.server.platform.web;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Maps every exception that reaches Spring MVC to an RFC 9457 problem detail: {@link PlatformException}s with their
 * own status and type, validation failures with an {@code errors} list of {@code {field, message}}, Spring MVC's own
 * errors (415, 405, 406, 400 for unreadable JSON) through {@link ResponseEntityExceptionHandler}, and anything else as
 * a 500 without internals (the stack trace is logged, never sent).
 */
@RestControllerAdvice
class ProblemHandlers extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandlers.class);

    @ExceptionHandler(PlatformException.class)
    ResponseEntity<ProblemDetail> platform(PlatformException e) {
        return ResponseEntity.status(e.status()).body(Problems.of(e.status(), e.code(), e.title(), e.getMessage()));
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
    ResponseEntity<ProblemDetail> denied(RuntimeException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Problems.of(HttpStatus.FORBIDDEN, "forbidden",
                "Forbidden", "Your role does not allow this action"));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "validation", "Invalid request",
                "Parameter '" + e.getName() + "' has an invalid value");
        problem.setProperty("errors", List.of(Map.of("field", e.getName(), "message", "invalid value")));
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unhandled error", e);
        return ResponseEntity.internalServerError().body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal",
                "Internal error", "The server could not complete the request; quote the request id to support"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(ProblemHandlers::fieldError).toList();
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "validation", "Invalid request",
                errors.size() + " field(s) are invalid");
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().headers(headers).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(err -> Map.of(
                        "field", r.getMethodParameter().getParameterName() == null ? "parameter"
                                : r.getMethodParameter().getParameterName(),
                        "message", String.valueOf(err.getDefaultMessage()))))
                .toList();
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "validation", "Invalid request",
                errors.size() + " parameter(s) are invalid");
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().headers(headers).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (RequestSizeLimitFilter.isTooLarge(ex)) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(RequestSizeLimitFilter.problem());
        }
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed request body",
                "The request body is not valid JSON for this endpoint");
        Map<String, String> field = fieldError(ex);
        if (field != null) {
            problem.setDetail("The request body does not fit this endpoint: " + field.get("message"));
            problem.setProperty("errors", List.of(field));
        }
        return ResponseEntity.badRequest().body(problem);
    }

    /**
     * The JSON field that could not be bound, when the body is JSON but does not fit: an unknown field where an
     * endpoint refuses them (with the fields it knows), or a value missing or of the wrong type, named by its path
     * ({@code lead.employees}, {@code lines[2].quantity}); null when the body is not JSON at all.
     */
    static Map<String, String> fieldError(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof tools.jackson.databind.exc.UnrecognizedPropertyException u) {
                List<String> known = u.getKnownPropertyIds() == null ? List.of()
                        : u.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
                return Map.of("field", path(u), "message", "unknown field '" + u.getPropertyName() + "'"
                        + (known.isEmpty() ? "" : "; expected one of " + String.join(", ", known)));
            }
            if (t instanceof tools.jackson.databind.exc.MismatchedInputException m && !m.getPath().isEmpty()) {
                String target = m.getTargetType() == null ? "the expected type"
                        : m.getTargetType().getSimpleName().toLowerCase(java.util.Locale.ROOT);
                return Map.of("field", path(m), "message", "'" + path(m) + "' is missing or not a valid " + target);
            }
        }
        return null;
    }

    private static String path(tools.jackson.core.JacksonException e) {
        StringBuilder b = new StringBuilder();
        for (tools.jackson.core.JacksonException.Reference r : e.getPath()) {
            if (r.getPropertyName() != null) {
                b.append(b.isEmpty() ? "" : ".").append(r.getPropertyName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
            WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            HttpStatus status = HttpStatus.valueOf(statusCode.value());
            ProblemDetail ours = Problems.of(status, status.name().toLowerCase().replace('_', '-'),
                    status.getReasonPhrase(), problem.getDetail());
            return new ResponseEntity<>(ours, headers, statusCode);
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private static Map<String, String> fieldError(FieldError error) {
        return Map.of("field", snake(error.getField()),
                "message", error.getDefaultMessage() == null ? "invalid" : error.getDefaultMessage());
    }

    /** JSON names are snake_case: report the field as the client wrote it. */
    static String snake(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }
}
