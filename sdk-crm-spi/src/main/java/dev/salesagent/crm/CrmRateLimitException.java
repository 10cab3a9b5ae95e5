package dev.salesagent.crm;

import java.time.Duration;
import java.util.Optional;

/**
 * The CRM refused the call because a rate limit was hit (HTTP 429, or a vendor-specific signal).
 *
 * <p>{@link #retryAfter()} is the wait the vendor asked for ({@code Retry-After} in seconds or as an
 * HTTP date, or a vendor header), if any. {@link #quotaExhausted()} is {@code true} for daily or
 * other long-window quotas where retrying within the same run is pointless; only then is the
 * exception not {@linkplain #retryable() retryable}.
 */
public class CrmRateLimitException extends CrmException {

    /** The wait the vendor asked for, or {@code null} when it gave none. */
    private final Duration retryAfter;
    /** Whether a daily or other long-window quota is exhausted. */
    private final boolean quotaExhausted;

    /**
     * @param message what was refused, in words for a log (the vendor details are appended by {@link #getMessage()})
     * @param details what the vendor said (provider, HTTP status, vendor code, request id); {@code null} means none
     *     known
     * @param retryAfter     the wait the vendor asked for, or {@code null} when it gave none
     * @param quotaExhausted {@code true} when a daily/long-window quota is exhausted
     */
    public CrmRateLimitException(String message, ErrorDetails details, Duration retryAfter, boolean quotaExhausted) {
        super(message, details);
        this.retryAfter = retryAfter;
        this.quotaExhausted = quotaExhausted;
    }

    /** {@return the wait the vendor asked for before the next attempt, if it said} */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * {@code true} when a daily or other long-window quota is exhausted.
     *
     * @return {@code true} when a daily or other long-window quota is exhausted, so retrying in this run is pointless
     */
    public boolean quotaExhausted() {
        return quotaExhausted;
    }

    /** {@code true} unless the {@linkplain #quotaExhausted() quota is exhausted}. */
    @Override
    public boolean retryable() {
        return !quotaExhausted;
    }

    @Override
    public String getMessage() {
        String m = super.getMessage();
        if (retryAfter != null) {
            m += " (retry after " + retryAfter + ")";
        }
        return quotaExhausted ? m + " (quota exhausted)" : m;
    }
}
