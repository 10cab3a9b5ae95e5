package dev.salesagent.crm.http;

import java.time.Duration;
import java.util.Optional;

/**
 * Reads a vendor's rate-limit headers into a wait before the next attempt, used when a retryable
 * failure carries no {@code Retry-After} (e.g. HubSpot {@code X-HubSpot-RateLimit-Interval-Milliseconds}
 * with {@code X-HubSpot-RateLimit-Remaining: 0}). The client waits the longer of this hint and its backoff.
 */
@FunctionalInterface
public interface RateLimitHeaders {

    /**
     * {@return the wait the vendor's headers ask for, or empty}
     *
     * @param response a non-2xx response
     */
    Optional<Duration> retryAfter(CrmResponse response);

    /** {@return a reader that reads nothing: never asks for a wait} */
    static RateLimitHeaders none() {
        return response -> Optional.empty();
    }
}
