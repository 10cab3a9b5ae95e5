package dev.salesagent.agents.graph;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
 *   <li>{@code listeners}: receive every {@link GraphEvent};</li>
 *   <li>{@code interruptBefore}/{@code interruptAfter}: node names (or {@link CompileConfig#ALL_NODES}) this run
 *       pauses before/after, in addition to the graph's compiled ones (LangGraph's {@code interrupt_before} and
 *       {@code interrupt_after} of {@code invoke}/{@code stream}); they apply to this graph, not its subgraphs;
 *       default none;</li>
 *   <li>{@code checkpointId}: the thread's checkpoint a run starts or resumes from instead of the latest
 *       (LangGraph's {@code configurable.checkpoint_id}: time travel; the new checkpoints branch off it); default
 *       the latest.</li>
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
    private final Set<String> interruptBefore;
    private final Set<String> interruptAfter;
    private final String checkpointId;

    private RunConfig(Builder b) {
        this.threadId = b.threadId == null ? GraphRun.newId() : b.threadId;
        this.tenant = b.tenant;
        this.user = b.user;
        this.feature = b.feature;
        this.recursionLimit = b.recursionLimit;
        this.maxCost = b.maxCost;
        this.executor = b.executor;
        this.listeners = List.copyOf(b.listeners);
        this.interruptBefore = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(b.interruptBefore));
        this.interruptAfter = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(b.interruptAfter));
        this.checkpointId = b.checkpointId;
    }

    /** {@return a config with a fresh random thread id and every default} */
    public static RunConfig defaults() {
        return builder().build();
    }

    /**
     * {@return a config for {@code threadId} with every other default}
     *
     * @param threadId the conversation id whose checkpoints the run reads and writes
     */
    public static RunConfig forThread(String threadId) {
        return builder().threadId(threadId).build();
    }

    /** {@return a new builder with every default} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a new builder pre-filled with this config} */
    public Builder toBuilder() {
        Builder b = new Builder().subgraphThreadId(threadId).tenant(tenant).user(user).feature(feature)
                .recursionLimit(recursionLimit).maxCost(maxCost).executor(executor)
                .interruptBefore(interruptBefore).interruptAfter(interruptAfter).checkpointId(checkpointId);
        listeners.forEach(b::listener);
        return b;
    }

    /** {@return the thread id (never null)} */
    public String threadId() {
        return threadId;
    }

    /** {@return tenant, or null to keep the caller's} */
    public String tenant() {
        return tenant;
    }

    /** {@return user, or null to keep the caller's} */
    public String user() {
        return user;
    }

    /** {@return feature, or null to keep the caller's} */
    public String feature() {
        return feature;
    }

    /** {@return max super-steps per run; default {@value #DEFAULT_RECURSION_LIMIT}} */
    public int recursionLimit() {
        return recursionLimit;
    }

    /** {@return hard cost limit in USD, or null for none} */
    public BigDecimal maxCost() {
        return maxCost;
    }

    /** {@return the executor for parallel nodes, or null for the graph's default pool} */
    public Executor executor() {
        return executor;
    }

    /** {@return listeners of this run, in registration order} */
    public List<GraphListener> listeners() {
        return listeners;
    }

    /** {@return node names this run pauses before, beyond the compiled ones ({@code "*"}: every node); default empty} */
    public Set<String> interruptBefore() {
        return interruptBefore;
    }

    /** {@return node names this run pauses after, beyond the compiled ones ({@code "*"}: every node); default empty} */
    public Set<String> interruptAfter() {
        return interruptAfter;
    }

    /** {@return the checkpoint id the run starts or resumes from, or null for the thread's latest} */
    public String checkpointId() {
        return checkpointId;
    }

    boolean interruptsBefore(String node) {
        return !interruptBefore.isEmpty() && (interruptBefore.contains(node)
                || interruptBefore.contains(CompileConfig.ALL_NODES));
    }

    boolean interruptsAfter(String node) {
        return !interruptAfter.isEmpty() && (interruptAfter.contains(node)
                || interruptAfter.contains(CompileConfig.ALL_NODES));
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
        private final Set<String> interruptBefore = new LinkedHashSet<>();
        private final Set<String> interruptAfter = new LinkedHashSet<>();
        private String checkpointId;

        private Builder() {
        }

        /**
         * The conversation to read and write checkpoints under; default a random id.
         *
         * @param threadId the conversation id, or null for a random UUID
         * @return this builder
         * @throws IllegalArgumentException if the id contains {@link Checkpointer#NS_SEPARATOR}
         */
        public Builder threadId(String threadId) {
            if (threadId != null && threadId.contains(Checkpointer.NS_SEPARATOR)) {
                throw new IllegalArgumentException("A thread id must not contain U+001F (Checkpointer.NS_SEPARATOR, which "
                        + "separates subgraph namespaces) but was '" + threadId.replace(Checkpointer.NS_SEPARATOR, "\\u001F") + "'");
            }
            this.threadId = threadId;
            return this;
        }

        /** A subgraph run's thread id ({@link Checkpointer#subgraphThreadId}), which contains the separator. */
        Builder subgraphThreadId(String threadId) {
            this.threadId = threadId;
            return this;
        }

        /**
         * Tenant for the nodes' {@code AiContext}; default the caller's current tenant.
         *
         * @param tenant the tenant id, or null to keep the caller's
         * @return this builder
         */
        public Builder tenant(String tenant) {
            this.tenant = tenant;
            return this;
        }

        /**
         * End user for the nodes' {@code AiContext}; default the caller's current user.
         *
         * @param user the end user id, or null to keep the caller's
         * @return this builder
         */
        public Builder user(String user) {
            this.user = user;
            return this;
        }

        /**
         * Feature for the nodes' {@code AiContext} (routing, caching, billing); default the caller's.
         *
         * @param feature the feature name, or null to keep the caller's
         * @return this builder
         */
        public Builder feature(String feature) {
            this.feature = feature;
            return this;
        }

        /**
         * Max super-steps per run; default {@value RunConfig#DEFAULT_RECURSION_LIMIT}.
         *
         * @param limit the maximum number of super-steps, at least 1
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder recursionLimit(int limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("recursionLimit must be >= 1 but was " + limit);
            }
            this.recursionLimit = limit;
            return this;
        }

        /**
         * Hard cost limit for the run's model calls; the run stops with
         * {@link RunResult.Status#BUDGET_EXCEEDED} before a call would pass it. Default none.
         *
         * @param usd the limit in USD, or null for none
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder maxCost(BigDecimal usd) {
            if (usd != null && usd.signum() < 0) {
                throw new IllegalArgumentException("maxCost must be >= 0 USD but was " + usd);
            }
            this.maxCost = usd;
            return this;
        }

        /**
         * Where parallel nodes run; default the graph's bounded daemon pool.
         *
         * @param executor the executor, or null for the graph's pool
         * @return this builder
         */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        /**
         * Adds a listener for this run's events.
         *
         * @param listener the listener, not null
         * @return this builder
         */
        public Builder listener(GraphListener listener) {
            this.listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Adds nodes this run pauses before (status {@link RunResult.Status#INTERRUPTED}, one
         * {@link RunResult.Interrupt.When#BEFORE} interrupt per node), beyond the graph's compiled ones. A resume
         * continues past the pause it ends, as for compiled interrupts. Unknown names never match.
         *
         * @param nodes node names, or {@link CompileConfig#ALL_NODES} for every node
         * @return this builder
         * @throws NullPointerException if {@code nodes} or one of them is null
         */
        public Builder interruptBefore(Collection<String> nodes) {
            nodes.forEach(n -> this.interruptBefore.add(Objects.requireNonNull(n, "node")));
            return this;
        }

        /**
         * Adds nodes this run pauses after (once the step that ran them is saved), beyond the graph's compiled ones.
         *
         * @param nodes node names, or {@link CompileConfig#ALL_NODES} for every node
         * @return this builder
         * @throws NullPointerException if {@code nodes} or one of them is null
         */
        public Builder interruptAfter(Collection<String> nodes) {
            nodes.forEach(n -> this.interruptAfter.add(Objects.requireNonNull(n, "node")));
            return this;
        }

        /**
         * Starts or resumes the run from this checkpoint of the thread instead of its latest (time travel): a start
         * applies its input to that checkpoint's state, a resume continues that checkpoint's next tasks; either way
         * the new checkpoints are children of it, and the history after it stays as it was. Default the latest.
         *
         * @param checkpointId a checkpoint id of the run's thread (see {@link CompiledGraph#history}), or null for the
         *                     latest; a run whose thread has no such checkpoint fails with a {@link GraphException}
         * @return this builder
         */
        public Builder checkpointId(String checkpointId) {
            this.checkpointId = checkpointId;
            return this;
        }

        /** {@return the immutable config} */
        public RunConfig build() {
            return new RunConfig(this);
        }
    }
}
