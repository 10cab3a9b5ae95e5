package dev.salesagent.server.agentplatform.license;

import dev.salesagent.server.platform.web.Problems;
import java.time.Clock;
import java.time.Duration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * 429 {@code run-quota-exceeded} (RFC 9457) with {@code limit}, {@code period} and {@code resets_at}, and a
 * {@code Retry-After} header in seconds until the reset (RFC 9110 section 10.2.3).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class LicenseProblems {

    private final Clock clock;

    LicenseProblems(Clock clock) {
        this.clock = clock;
    }

    @ExceptionHandler(RunQuotaExceededException.class)
    ResponseEntity<ProblemDetail> quota(RunQuotaExceededException e) {
        ProblemDetail problem = Problems.of(e.status(), e.code(), e.title(), e.getMessage());
        problem.setProperty("limit", e.limit());
        problem.setProperty("period", e.period().toString());
        problem.setProperty("resets_at", e.resetsAt().toString());
        long seconds = Math.max(1, Duration.between(clock.instant(), e.resetsAt()).toSeconds());
        return ResponseEntity.status(e.status()).header(HttpHeaders.RETRY_AFTER, Long.toString(seconds)).body(problem);
    }
}
