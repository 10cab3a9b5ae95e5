package dev.salesagent.agents.graph;

import io.micrometer.observation.ObservationRegistry;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Compile-time options: where checkpoints go, where to pause for humans, and observability.
 * Immutable; {@link #defaults()} has no checkpointer, no interrupts and a no-op observation registry.
 */
public final class CompileConfig {

    private final Checkpointer checkpointer;
    private final Set<String> interruptBefore;
    private final Set<String> interruptAfter;
    private final ObservationRegistry observationRegistry;
    private final String name;
    private final int defaultParallelism;

    private CompileConfig(Builder b) {
        this.checkpointer = b.checkpointer;
        this.interruptBefore = Set.copyOf(b.interruptBefore);
        this.interruptAfter = Set.copyOf(b.interruptAfter);
        this.observationRegistry = b.observationRegistry;
        this.name = b.name;
        this.defaultParallelism = b.defaultParallelism;
    }

    public static CompileConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Where checkpoints are saved, or null (no persistence, no interrupt/resume). */
    public Checkpointer checkpointer() {
        return checkpointer;
    }

    /** Nodes to pause before (human in the loop). */
    public Set<String> interruptBefore() {
        return interruptBefore;
    }

    /** Nodes to pause after. */
    public Set<String> interruptAfter() {
        return interruptAfter;
    }

    /** Registry for the {@code salesagent.graph.run} and {@code salesagent.graph.node} observations; default no-op. */
    public ObservationRegistry observationRegistry() {
        return observationRegistry;
    }

    /** The graph's name, used in observations and Mermaid; default {@code graph}. */
    public String name() {
        return name;
    }

    /** Threads of the default executor when a run gives none; default 2 x CPUs, at least 4. */
    public int defaultParallelism() {
        return defaultParallelism;
    }

    /** Builds a {@link CompileConfig}. */
    public static final class Builder {
        private Checkpointer checkpointer;
        private final Set<String> interruptBefore = new LinkedHashSet<>();
        private final Set<String> interruptAfter = new LinkedHashSet<>();
        private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;
        private String name = "graph";
        private int defaultParallelism = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

        private Builder() {
        }

        /** Where checkpoints go; needed for interrupts, resume and time travel. Default none. */
        public Builder checkpointer(Checkpointer checkpointer) {
            this.checkpointer = checkpointer;
            return this;
        }

        /** Pause before these nodes run (requires a checkpointer). */
        public Builder interruptBefore(String... nodes) {
            this.interruptBefore.addAll(List.of(nodes));
            return this;
        }

        /** Pause after these nodes ran (requires a checkpointer). */
        public Builder interruptAfter(String... nodes) {
            this.interruptAfter.addAll(List.of(nodes));
            return this;
        }

        /** Registry for run and node observations (bridges to OpenTelemetry tracing). */
        public Builder observationRegistry(ObservationRegistry registry) {
            this.observationRegistry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** The graph's name in observations and Mermaid; default {@code graph}. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** @throws IllegalArgumentException if below 1 */
        public Builder defaultParallelism(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("defaultParallelism must be >= 1 but was " + threads);
            }
            this.defaultParallelism = threads;
            return this;
        }

        public CompileConfig build() {
            return new CompileConfig(this);
        }
    }
}
