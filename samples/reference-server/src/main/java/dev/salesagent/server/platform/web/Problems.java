package dev.salesagent.server.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds and writes RFC 9457 problem details ({@code application/problem+json}) — also from servlet filters and the
 * security layer, which run before Spring MVC's exception handlers. Every problem carries the request id.
 */
@Component
public class Problems {

    /** Prefix of every problem {@code type} this server defines. */
    public static final String TYPE_PREFIX = "urn:salesagent:problem:";

    private final JsonMapper json;

    /** Creates the writer over the application's JSON mapper. */
    public Problems(JsonMapper json) {
        this.json = json;
    }

    /** The {@code type} URI for a code. */
    public static URI type(String code) {
        return URI.create(TYPE_PREFIX + code);
    }

    /** A problem with our type URI, title and the current request id. */
    public static ProblemDetail of(HttpStatus status, String code, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(code));
        problem.setTitle(title);
        String requestId = MDC.get(RequestIdFilter.MDC_KEY);
        if (requestId != null) {
            problem.setProperty("request_id", requestId);
        }
        return problem;
    }

    /**
     * Writes a problem as the response.
     *
     * @throws IOException if the response cannot be written
     */
    public void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem) throws IOException {
        if (problem.getInstance() == null) {
            problem.setInstance(URI.create(request.getRequestURI()));
        }
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
