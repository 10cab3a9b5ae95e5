package dev.salesagent.agents.graph;

import dev.salesagent.common.retry.Sleeper;
import io.micrometer.observation.ObservationRegistry;

import java.time.Clock;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Compile-time options: where checkpoints go, where to pause for humans, and observability.
 * Immutable; {@link #defaults()} has no checkpointer, no interrupts, a no-op observation registry,
 * the system UTC clock, real time ({@link GraphTimer#system()}) for node timeouts and retry backoff, and a graph-owned
 * bounded pool.
 */
public final class CompileConfig {

    private final Checkpointer checkpointer;
    private final Set<String> interruptBefore;
    private final Set<String> interruptAfter;
    private final ObservationRegistry observationRegistry;
    private final String name;
    private final int defaultParallelism;
    private final int defaultQueueCapacity;
    private final Executor executor;
    private final Clock clock;
    private final Sleeper sleeper;
    private final GraphTimer timer;
    private final boolean statefulSubgraph;
    private final boolean checkpointerDisabled;

    /** Names every node in {@link Builder#interruptBefore} / {@link Builder#interruptAfter} (LangGraph's {@code "*"}). */
    public static final String ALL_NODES = "*";

    private CompileConfig(Builder b) {
        this.defaultQueueCapacity = b.defaultQueueCapacity;
        this.executor = b.executor;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.timer = b.timer;
        this.statefulSubgraph = b.statefulSubgraph;
        this.checkpointerDisabled = b.checkpointerDisabled;
        this.checkpointer = b.checkpointer;
        this.interruptBefore = Set.copyOf(b.interruptBefore);
        this.interruptAfter = Set.copyOf(b.interruptAfter);
        this.observationRegistry = b.observationRegistry;
        this.name = b.name;
        this.defaultParallelism = b.defaultParallelism;
    }

    /** {@return a config with every default: no checkpointer, no interrupts, no-op observations} */
    public static CompileConfig defaults() {
        return builder().build();
    }

    /** {@return a new builder with every default} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return where checkpoints are saved, or null (no persistence, no interrupt/resume)} */
    public Checkpointer checkpointer() {
        return checkpointer;
    }

    /** {@return nodes to pause before (human in the loop)} */
    public Set<String> interruptBefore() {
        return interruptBefore;
    }

    /** {@return nodes to pause after} */
    public Set<String> interruptAfter() {
        return interruptAfter;
    }

    /** {@return registry for the {@code salesagent.graph.run} and {@code salesagent.graph.node} observations; default no-op} */
    public ObservationRegistry observationRegistry() {
        return observationRegistry;
    }

    /** {@return the graph's name, used in observations and Mermaid; default {@code graph}} */
    public String name() {
        return name;
    }

    /** {@return threads of the graph-owned pool used when neither the run nor this config gives an executor; default 2 x CPUs, at least 4} */
    public int defaultParallelism() {
        return defaultParallelism;
    }

    /**
     * Queue capacity (tasks) of the graph-owned pool; default 256. When it is full the coordinator runs
     * an untimed task itself and gives a timed task a thread of its own, so its timeout still applies.
     *
     * @return the queue capacity, in tasks
     */
    public int defaultQueueCapacity() {
        return defaultQueueCapacity;
    }

    /**
     * The executor for parallel nodes of every run that gives none in its {@link RunConfig}, or null
     * for a bounded pool owned by the compiled graph (released by {@link CompiledGraph#close()}).
     * An executor given here is never shut down by the graph.
     *
     * @return the shared executor, or null for the graph-owned pool
     */
    public Executor executor() {
        return executor;
    }

    /** {@return the clock for checkpoint and event timestamps; default {@link Clock#systemUTC()}} */
    public Clock clock() {
        return clock;
    }

    /**
     * {@return waits between a node's retry attempts: the {@link #timer()} unless {@link Builder#sleeper} set another;
     * default real time}
     */
    public Sleeper sleeper() {
        return sleeper;
    }

    /** {@return the time source of node timeouts (and, unless a sleeper is set, of retry backoff); default {@link GraphTimer#system()}} */
    public GraphTimer timer() {
        return timer;
    }

    /**
     * {@return whether this graph, used as a subgraph, keeps its state per parent thread (LangGraph's
     * {@code compile(checkpointer=True)}); default false: each invocation starts from an empty state}
     */
    public boolean statefulSubgraph() {
        return statefulSubgraph;
    }

    /**
     * {@return whether this graph never persists when it runs as a subgraph (LangGraph's
     * {@code compile(checkpointer=False)}); default false}
     */
    public boolean checkpointerDisabled() {
        return checkpointerDisabled;
    }

    boolean interruptsBefore(String node) {
        return !interruptBefore.isEmpty() && (interruptBefore.contains(node) || interruptBefore.contains(ALL_NODES));
    }

    boolean interruptsAfter(String node) {
        return !interruptAfter.isEmpty() && (interruptAfter.contains(node) || interruptAfter.contains(ALL_NODES));
    }

    /** Builds a {@link CompileConfig}. */
    public static final class Builder {
        private Checkpointer checkpointer;
        private final Set<String> interruptBefore = new LinkedHashSet<>();
        private final Set<String> interruptAfter = new LinkedHashSet<>();
        private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;
        private String name = "graph";
        private int defaultParallelism = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        private int defaultQueueCapacity = 256;
        private Executor executor;
        private Clock clock = Clock.systemUTC();
        private GraphTimer timer = GraphTimer.system();
        private Sleeper sleeper = timer;
        private boolean statefulSubgraph;
        private boolean checkpointerDisabled;

        private Builder() {
        }

        /**
         * Where checkpoints go; needed for interrupts, resume and time travel. Default none.
         *
         * @param checkpointer the store for checkpoints, or null for none
         * @return this builder
         */
        public Builder checkpointer(Checkpointer checkpointer) {
            this.checkpointer = checkpointer;
            return this;
        }

        /**
         * Pause before these nodes run (requires a checkpointer); {@value CompileConfig#ALL_NODES} for every node.
         *
         * @param nodes node names, or {@value CompileConfig#ALL_NODES}
         * @return this builder
         */
        public Builder interruptBefore(String... nodes) {
            this.interruptBefore.addAll(List.of(nodes));
            return this;
        }

        /**
         * Pause after these nodes ran (requires a checkpointer); {@value CompileConfig#ALL_NODES} for every node.
         *
         * @param nodes node names, or {@value CompileConfig#ALL_NODES}
         * @return this builder
         */
        public Builder interruptAfter(String... nodes) {
            this.interruptAfter.addAll(List.of(nodes));
            return this;
        }

        /**
         * Registry for run and node observations (bridges to OpenTelemetry tracing).
         *
         * @param registry the Micrometer observation registry, not null
         * @return this builder
         */
        public Builder observationRegistry(ObservationRegistry registry) {
            this.observationRegistry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * The graph's name in observations and Mermaid; default {@code graph}.
         *
         * @param name the graph's name, not null
         * @return this builder
         */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Threads of the graph-owned pool used when neither the run nor this config gives an
         * executor; default 2 x CPUs, at least 4.
         *
         * @param threads the pool size, at least 1
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder defaultParallelism(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("defaultParallelism must be >= 1 but was " + threads);
            }
            this.defaultParallelism = threads;
            return this;
        }

        /**
         * Queue capacity of the graph-owned pool; default 256. When it is full the coordinator runs an
         * untimed task itself and gives a timed task a thread of its own.
         *
         * @param tasks the queue capacity in tasks, at least 1
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder defaultQueueCapacity(int tasks) {
            if (tasks < 1) {
                throw new IllegalArgumentException("defaultQueueCapacity must be >= 1 but was " + tasks);
            }
            this.defaultQueueCapacity = tasks;
            return this;
        }

        /**
         * The executor for parallel nodes when a run gives none; never shut down by the graph. Default: a graph-owned bounded pool.
         *
         * @param executor the executor, or null for the graph-owned pool
         * @return this builder
         */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        /**
         * Clock for checkpoint and event timestamps; default {@link Clock#systemUTC()}.
         *
         * @param clock the clock for timestamps
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Waits between retry attempts (inject a recording sleeper in tests), instead of the {@link #timer(GraphTimer)};
         * node timeouts stay on the timer. Default: the timer, real time.
         *
         * @param sleeper the sleeper used for retry backoff
         * @return this builder
         */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * The time source of node timeouts and of the waits between retry attempts (it replaces any
         * {@link #sleeper(Sleeper)} set before); default {@link GraphTimer#system()}, real time. A
         * {@link ManualGraphTimer} makes both virtual, so tests of timeouts and backoff do not wait.
         *
         * @param timer the time source, not null
         * @return this builder
         */
        public Builder timer(GraphTimer timer) {
            this.timer = Objects.requireNonNull(timer, "timer");
            this.sleeper = timer;
            return this;
        }

        /**
         * Whether this graph, when it runs as a subgraph (a node of a parent graph, or invoked inside a parent's node),
         * keeps its state per parent thread, as LangGraph's {@code compile(checkpointer=True)}: its checkpoints live
         * under the parent's thread in the stable namespace {@code node} (not {@code node:taskId}), so each call
         * continues from the state the previous call of the same parent thread left, and the subgraph's history is
         * kept until the parent thread is deleted. Needs a checkpointer on the parent (or on this graph). Default
         * false: every invocation starts from an empty state in a namespace of its own.
         *
         * @param stateful true to keep the subgraph's state between calls of the parent thread
         * @return this builder
         */
        public Builder statefulSubgraph(boolean stateful) {
            this.statefulSubgraph = stateful;
            return this;
        }

        /**
         * Whether this graph, when it runs as a subgraph (a node of a parent graph, or invoked inside a parent's node),
         * never persists, even under a parent with a checkpointer: LangGraph's {@code compile(checkpointer=False)}. Each
         * call starts afresh from its input and nothing is saved under the parent's thread. An
         * {@link NodeContext#interrupt} inside it behaves as in a graph without a checkpointer: the subgraph run ends
         * interrupted and the parent pauses with one interrupt for the task (the subgraph's first, under the parent's
         * interrupt id); on resume the parent's node runs again, the subgraph restarts from its input, and its first
         * {@code interrupt()} returns the resume value (LangGraph's null resume). Default false (LangGraph's
         * {@code checkpointer=None}: the subgraph's checkpoints live per invocation under the parent's thread).
         *
         * @param disabled true to never persist this graph as a subgraph
         * @return this builder
         */
        public Builder checkpointerDisabled(boolean disabled) {
            this.checkpointerDisabled = disabled;
            return this;
        }

        /**
         * {@return the immutable config}
         *
         * @throws IllegalArgumentException if both {@link #statefulSubgraph(boolean)} and
         *                                  {@link #checkpointerDisabled(boolean)} are set, or a checkpointer is set
         *                                  together with {@code checkpointerDisabled}
         */
        public CompileConfig build() {
            if (statefulSubgraph && checkpointerDisabled) {
                throw new IllegalArgumentException("statefulSubgraph(true) (checkpointer=True) and checkpointerDisabled(true) "
                        + "(checkpointer=False) exclude each other");
            }
            if (checkpointer != null && checkpointerDisabled) {
                throw new IllegalArgumentException("checkpointerDisabled(true) (checkpointer=False) cannot be combined with a checkpointer");
            }
            return new CompileConfig(this);
        }
    }
}
