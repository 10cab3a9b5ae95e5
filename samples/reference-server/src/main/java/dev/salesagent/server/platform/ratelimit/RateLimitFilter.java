package dev.salesagent.server.platform.ratelimit;

import dev.salesagent.server.platform.security.PlatformAuthentication;
import dev.salesagent.server.platform.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies {@link RateLimiter} to every {@code /api/} request after authentication (so the bucket is the user's;
 * anonymous calls such as log-in use the client address). Sets {@code RateLimit-Limit}, {@code RateLimit-Remaining}
 * and {@code RateLimit-Reset} (seconds) on every answer, and on refusal answers 429 with {@code Retry-After}
 * (seconds, rounded up) and a problem detail.
 */
public class RateLimitFilter extends OncePerRequestFilter {

    private final RateLimiter limiter;
    private final Problems problems;

    /** Creates the filter. */
    public RateLimitFilter(RateLimiter limiter, Problems problems) {
        this.limiter = limiter;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !limiter.enabled() || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String subject = PlatformAuthentication.current().map(u -> "u:" + u.id())
                .orElseGet(() -> "ip:" + request.getRemoteAddr());
        RateLimiter.Decision d = limiter.consume(subject, request.getRequestURI());
        response.setHeader("RateLimit-Limit", Long.toString(d.limit()));
        response.setHeader("RateLimit-Remaining", Long.toString(d.remaining()));
        response.setHeader("RateLimit-Reset", Long.toString(seconds(d.reset().toNanos())));
        response.setHeader("RateLimit-Policy", d.limit() + ";w=" + periodSeconds(d) + ";name=\"" + d.limitClass() + "\"");
        if (!d.allowed()) {
            long retry = Math.max(1, seconds(d.retryAfter().toNanos()));
            response.setHeader("Retry-After", Long.toString(retry));
            ProblemDetail problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests",
                    "Rate limit of the '" + d.limitClass() + "' class reached; retry in " + retry + " s");
            problem.setProperty("limit_class", d.limitClass());
            problems.write(request, response, problem);
            return;
        }
        chain.doFilter(request, response);
    }

    private long periodSeconds(RateLimiter.Decision d) {
        return seconds(limiter.period(d.limitClass()).toNanos());
    }

    private static long seconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
