package dev.salesagent.agents.graph;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Per-run settings. Immutable; build with {@link #builder()}.
 *
 * <ul>
 *   <li>{@code threadId}: the conversation whose checkpoints the run reads and writes; default a
 *       random UUID;</li>
 *   <li>{@code tenant}/{@code user}/{@code feature}: set as the {@code AiContext} of every node;</li>
 *   <li>{@code recursionLimit}: max super-steps, default 100;</li>
 *   <li>{@code maxCost}: USD hard limit for the run's model calls; the run stops with
 *       {@link RunResult.Status#BUDGET_EXCEEDED} before a call would pass it; default none;</li>
 *   <li>{@code executor}: where parallel nodes run; default the graph's bounded pool;</li>
 *   <li>{@code listeners}: receive every {@link GraphEvent}.</li>
 * </ul>
 */
public final class RunConfig {

    /** Default recursion limit, in super-steps. */
    public static final int DEFAULT_RECURSION_LIMIT = 100;

    private final String threadId;
    private final String tenant;
    private final String user;
    private final String feature;
    private final int recursionLimit;
    private final BigDecimal maxCost;
    private final Executor executor;
    private final List<GraphListener> listeners;

    private RunConfig(Builder b) {
        this.threadId = b.threadId == null ? GraphRun.newId() : b.threadId;
        this.tenant = b.tenant;
        this.user = b.user;
        this.feature = b.feature;
        this.recursionLimit = b.recursionLimit;
        this.maxCost = b.maxCost;
        this.executor = b.executor;
        this.listeners = List.copyOf(b.listeners);
    }

    /** A config with a fresh random thread id and every default. */
    public static RunConfig defaults() {
        return builder().build();
    }

    /** A config for {@code threadId} with every other default. */
    public static RunConfig forThread(String threadId) {
        return builder().threadId(threadId).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder pre-filled with this config. */
    public Builder toBuilder() {
        Builder b = new Builder().threadId(threadId).tenant(tenant).user(user).feature(feature)
                .recursionLimit(recursionLimit).maxCost(maxCost).executor(executor);
        listeners.forEach(b::listener);
        return b;
    }

    /** The thread id (never null). */
    public String threadId() {
        return threadId;
    }

    /** Tenant, or null to keep the caller's. */
    public String tenant() {
        return tenant;
    }

    /** User, or null to keep the caller's. */
    public String user() {
        return user;
    }

    /** Feature, or null to keep the caller's. */
    public String feature() {
        return feature;
    }

    /** Max super-steps per run; default {@value #DEFAULT_RECURSION_LIMIT}. */
    public int recursionLimit() {
        return recursionLimit;
    }

    /** Hard cost limit in USD, or null for none. */
    public BigDecimal maxCost() {
        return maxCost;
    }

    /** The executor for parallel nodes, or null for the graph's default pool. */
    public Executor executor() {
        return executor;
    }

    /** Listeners of this run, in registration order. */
    public List<GraphListener> listeners() {
        return listeners;
    }

    /** Builds a {@link RunConfig}. */
    public static final class Builder {
        private String threadId;
        private String tenant;
        private String user;
        private String feature;
        private int recursionLimit = DEFAULT_RECURSION_LIMIT;
        private BigDecimal maxCost;
        private Executor executor;
        private final List<GraphListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /** The conversation to read and write checkpoints under; default a random id. */
        public Builder threadId(String threadId) {
            this.threadId = threadId;
            return this;
        }

        /** Tenant for the nodes' {@code AiContext}; default the caller's current tenant. */
        public Builder tenant(String tenant) {
            this.tenant = tenant;
            return this;
        }

        /** End user for the nodes' {@code AiContext}; default the caller's current user. */
        public Builder user(String user) {
            this.user = user;
            return this;
        }

        /** Feature for the nodes' {@code AiContext} (routing, caching, billing); default the caller's. */
        public Builder feature(String feature) {
            this.feature = feature;
            return this;
        }

        /** @throws IllegalArgumentException if below 1 */
        public Builder recursionLimit(int limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("recursionLimit must be >= 1 but was " + limit);
            }
            this.recursionLimit = limit;
            return this;
        }

        /** USD; null for none. @throws IllegalArgumentException if negative */
        public Builder maxCost(BigDecimal usd) {
            if (usd != null && usd.signum() < 0) {
                throw new IllegalArgumentException("maxCost must be >= 0 USD but was " + usd);
            }
            this.maxCost = usd;
            return this;
        }

        /** Where parallel nodes run; default the graph's bounded daemon pool. */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        /** Adds a listener for this run's events. */
        public Builder listener(GraphListener listener) {
            this.listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        public RunConfig build() {
            return new RunConfig(this);
        }
    }
}
