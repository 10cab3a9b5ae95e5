package dev.salesagent.crm.http;

import java.time.Duration;
import java.util.Objects;

/**
 * When and how {@link CrmHttpClient} repeats a failed attempt (Resilience4j {@code Retry} underneath).
 *
 * <p>Only retryable failures are repeated: HTTP 429 (unless the quota is exhausted), 5xx/408, I/O
 * errors. 429 and connection failures prove the request was not processed and are always retried;
 * other failures only when the request is idempotent or carries an idempotency key. The wait is
 * exponential ({@code initialBackoff * multiplier^(n-1)}, capped at {@code maxBackoff}, randomised by
 * ±{@code jitter}), or the server's {@code Retry-After}/vendor hint if longer. A server asking for
 * more than {@code maxRetryAfter} is not retried: the {@code CrmRateLimitException} reaches the caller.
 */
public final class RetryPolicy {

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final double multiplier;
    private final Duration maxBackoff;
    private final double jitter;
    private final Duration maxRetryAfter;

    private RetryPolicy(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.multiplier = b.multiplier;
        this.maxBackoff = b.maxBackoff;
        this.jitter = b.jitter;
        this.maxRetryAfter = b.maxRetryAfter;
    }

    /**
     * {@return the default policy: 4 attempts, 500 ms initial backoff, multiplier 2, max backoff 30 s, jitter 0.2, max
     *    Retry-After 60 s}
     */
    public static RetryPolicy defaults() {
        return builder().build();
    }

    /** {@return a policy of one attempt only (no retry)} */
    public static RetryPolicy none() {
        return builder().maxAttempts(1).build();
    }

    /** {@return a builder starting from {@link #defaults()}} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return total attempts including the first (default 4)} */
    public int maxAttempts() { return maxAttempts; }
    /** {@return wait before the second attempt (default 500 ms)} */
    public Duration initialBackoff() { return initialBackoff; }
    /** {@return growth per attempt (default 2.0)} */
    public double multiplier() { return multiplier; }
    /** {@return upper bound of the computed backoff (default 30 s)} */
    public Duration maxBackoff() { return maxBackoff; }
    /** {@return randomisation factor in [0, 1) (default 0.2); 0 makes waits deterministic} */
    public double jitter() { return jitter; }
    /** {@return longest server-requested wait that is still honoured by waiting (default 60 s)} */
    public Duration maxRetryAfter() { return maxRetryAfter; }

    @Override
    public String toString() {
        return "RetryPolicy[maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", multiplier="
                + multiplier + ", maxBackoff=" + maxBackoff + ", jitter=" + jitter + ", maxRetryAfter=" + maxRetryAfter + "]";
    }

    /** Builder of {@link RetryPolicy}; validates on {@link #build()}. */
    public static final class Builder {
        private int maxAttempts = 4;
        private Duration initialBackoff = Duration.ofMillis(500);
        private double multiplier = 2.0;
        private Duration maxBackoff = Duration.ofSeconds(30);
        private double jitter = 0.2;
        private Duration maxRetryAfter = Duration.ofSeconds(60);

        private Builder() {
        }

        /**
         * Sets {@code maxAttempts}.
         *
         * @param maxAttempts total attempts including the first, at least 1
         * @return this builder
         */
        public Builder maxAttempts(int maxAttempts) { this.maxAttempts = maxAttempts; return this; }
        /**
         * Sets {@code initialBackoff}.
         *
         * @param d wait before the second attempt
         * @return this builder
         */
        public Builder initialBackoff(Duration d) { this.initialBackoff = Objects.requireNonNull(d); return this; }
        /**
         * Sets {@code multiplier}.
         *
         * @param multiplier growth of the wait per attempt, at least 1
         * @return this builder
         */
        public Builder multiplier(double multiplier) { this.multiplier = multiplier; return this; }
        /**
         * Sets {@code maxBackoff}.
         *
         * @param d upper bound of the computed wait
         * @return this builder
         */
        public Builder maxBackoff(Duration d) { this.maxBackoff = Objects.requireNonNull(d); return this; }
        /**
         * Sets {@code jitter}.
         *
         * @param jitter randomisation factor in [0, 1); 0 makes waits deterministic
         * @return this builder
         */
        public Builder jitter(double jitter) { this.jitter = jitter; return this; }
        /**
         * Sets {@code maxRetryAfter}.
         *
         * @param d the longest server-requested wait still honoured by waiting; longer ones fail at once
         * @return this builder
         */
        public Builder maxRetryAfter(Duration d) { this.maxRetryAfter = Objects.requireNonNull(d); return this; }

        /**
         * @return the policy
         * @throws IllegalArgumentException naming the bad value
         */
        public RetryPolicy build() {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1 but was " + maxAttempts);
            }
            if (initialBackoff.isNegative() || initialBackoff.isZero()) {
                throw new IllegalArgumentException("initialBackoff must be positive but was " + initialBackoff);
            }
            if (multiplier < 1.0) {
                throw new IllegalArgumentException("multiplier must be at least 1.0 but was " + multiplier);
            }
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("maxBackoff " + maxBackoff + " is below initialBackoff " + initialBackoff);
            }
            if (jitter < 0 || jitter >= 1) {
                throw new IllegalArgumentException("jitter must be in [0, 1) but was " + jitter);
            }
            if (maxRetryAfter.isNegative()) {
                throw new IllegalArgumentException("maxRetryAfter must not be negative but was " + maxRetryAfter);
            }
            return new RetryPolicy(this);
        }
    }
}
