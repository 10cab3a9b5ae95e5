package dev.salesagent.agents.graph;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Retry and timeout of one node. Immutable; {@link #defaults()} is one attempt and no timeout.
 *
 * <pre>{@code
 * NodePolicy.builder().maxAttempts(3).backoff(Duration.ofMillis(200), 2.0).retryOn(IOException.class)
 *         .timeout(Duration.ofSeconds(30)).build()
 * }</pre>
 */
public final class NodePolicy {

    private static final NodePolicy DEFAULTS = builder().build();

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final double backoffMultiplier;
    private final Predicate<Throwable> retryOn;
    private final Duration timeout;

    private NodePolicy(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.backoffMultiplier = b.backoffMultiplier;
        this.retryOn = b.retryOn;
        this.timeout = b.timeout;
    }

    /** {@return the default policy: one attempt, no timeout} */
    public static NodePolicy defaults() {
        return DEFAULTS;
    }

    /** {@return a new builder with every default (one attempt, no timeout)} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return total attempts including the first; default 1} */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** {@return wait before the second attempt; default 0} Multiplied by {@link #backoffMultiplier()} per retry. */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /** {@return backoff growth per retry; default 2.0} */
    public double backoffMultiplier() {
        return backoffMultiplier;
    }

    /**
     * {@return whether a failure is retried} The default (LangGraph's {@code default_retry_on}) retries every
     * {@link Exception} except {@link GraphException}s and the programming errors a new attempt cannot fix:
     * {@link IllegalArgumentException}, {@link IllegalStateException}, {@link NullPointerException},
     * {@link ClassCastException}, {@link ArithmeticException}, {@link IndexOutOfBoundsException},
     * {@link java.util.NoSuchElementException} and {@link UnsupportedOperationException} (LangGraph's
     * {@code ValueError}, {@code RuntimeError}, {@code TypeError}, {@code ArithmeticError}, {@code LookupError}).
     * I/O failures ({@link java.io.IOException}, {@link java.io.UncheckedIOException}) and other exceptions are retried.
     *
     * @param t the failure of an attempt
     */
    public boolean retries(Throwable t) {
        return retryOn.test(t);
    }

    /** {@return wall-clock limit for the node including retries, or null for none (default)} */
    public Duration timeout() {
        return timeout;
    }

    private static boolean defaultRetryOn(Throwable t) {
        return t instanceof Exception && !(t instanceof GraphException || t instanceof IllegalArgumentException
                || t instanceof IllegalStateException || t instanceof NullPointerException || t instanceof ClassCastException
                || t instanceof ArithmeticException || t instanceof IndexOutOfBoundsException
                || t instanceof java.util.NoSuchElementException || t instanceof UnsupportedOperationException);
    }

    Duration backoffBefore(int attempt) {
        if (initialBackoff.isZero() || attempt <= 1) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) (initialBackoff.toNanos() * Math.pow(backoffMultiplier, attempt - 2)));
    }

    /** Builds a {@link NodePolicy}. */
    public static final class Builder {
        private int maxAttempts = 1;
        private Duration initialBackoff = Duration.ZERO;
        private double backoffMultiplier = 2.0;
        private Predicate<Throwable> retryOn = NodePolicy::defaultRetryOn;
        private Duration timeout;

        private Builder() {
        }

        /**
         * Total attempts including the first; default 1 (no retry).
         *
         * @param attempts the number of attempts, at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code attempts < 1}
         */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be >= 1 but was " + attempts);
            }
            this.maxAttempts = attempts;
            return this;
        }

        /**
         * Exponential backoff between attempts; default no wait, multiplier 2.0.
         *
         * @param initial the wait before the second attempt, zero or positive
         * @param multiplier the growth of the wait per further retry, at least 1.0
         * @return this builder
         * @throws IllegalArgumentException if the backoff is negative or the multiplier below 1
         */
        public Builder backoff(Duration initial, double multiplier) {
            Objects.requireNonNull(initial, "initial");
            if (initial.isNegative() || multiplier < 1.0) {
                throw new IllegalArgumentException("backoff must be >= 0 and multiplier >= 1 but were "
                        + initial + ", " + multiplier);
            }
            this.initialBackoff = initial;
            this.backoffMultiplier = multiplier;
            return this;
        }

        /**
         * Retries only failures that are instances of one of {@code types}.
         *
         * @param types failure classes (subclasses match too)
         * @return this builder
         */
        @SafeVarargs
        public final Builder retryOn(Class<? extends Throwable>... types) {
            List<Class<? extends Throwable>> list = List.of(types);
            this.retryOn = t -> list.stream().anyMatch(c -> c.isInstance(t));
            return this;
        }

        /**
         * Retries failures matching {@code predicate}.
         *
         * @param predicate true for a failure that should be retried
         * @return this builder
         */
        public Builder retryOn(Predicate<Throwable> predicate) {
            this.retryOn = Objects.requireNonNull(predicate, "predicate");
            return this;
        }

        /**
         * Wall-clock limit for the node including retries; a node that passes it fails with
         * {@link NodeTimeoutException}. Default none.
         *
         * @param timeout the limit, positive, or null for none
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder timeout(Duration timeout) {
            if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
                throw new IllegalArgumentException("timeout must be positive but was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** {@return the immutable policy} */
        public NodePolicy build() {
            return new NodePolicy(this);
        }
    }
}
