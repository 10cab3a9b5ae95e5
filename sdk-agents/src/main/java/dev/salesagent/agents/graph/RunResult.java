package dev.salesagent.agents.graph;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The outcome of {@link CompiledGraph#invoke}, {@link CompiledGraph#resume} or
 * {@link CompiledGraph#fork}. Runs never throw for node failures; check {@link #status()} or call
 * {@link #orThrow()}.
 *
 * @param status       how the run ended
 * @param state        the last consistent state (after the last completed super-step)
 * @param steps        every node execution of this run, in step order then task order
 * @param runId        this run's id
 * @param threadId     the thread the run belongs to
 * @param checkpointId the last checkpoint saved, or null without a checkpointer
 * @param interrupts   why the run paused (non-empty only when {@code INTERRUPTED})
 * @param error        the failure when {@code FAILED} or {@code BUDGET_EXCEEDED}, else null
 * @param inputTokens  input tokens of the model calls made inside the run
 * @param outputTokens output tokens of the model calls made inside the run
 * @param costUsd      cost of those calls, USD (unpriced calls count as zero)
 */
public record RunResult(Status status, AgentState state, List<Step> steps, String runId, String threadId,
                        String checkpointId, List<Interrupt> interrupts, Throwable error,
                        long inputTokens, long outputTokens, BigDecimal costUsd) {

    /** How a run ended. */
    public enum Status {
        /** The run reached {@link StateGraph#END} or had nothing left to schedule. */
        COMPLETED,
        /** The run paused at an interrupt; resume it with {@link CompiledGraph#resume}. */
        INTERRUPTED,
        /** A node failed after its retries, or the recursion limit was reached; see {@link #error()}. */
        FAILED,
        /** The run's {@link RunConfig#maxCost()} would have been passed; see {@link #error()}. */
        BUDGET_EXCEEDED
    }

    /**
     * One node execution.
     *
     * @param step        super-step number
     * @param node        node name
     * @param duration    wall time including retries
     * @param keysWritten names of the keys its update wrote
     */
    public record Step(int step, String node, Duration duration, Set<String> keysWritten) {
    }

    /**
     * Why a run paused.
     *
     * @param node    the node that interrupted, or that an interrupt-before/after applies to
     * @param when    {@code BEFORE}, {@code AFTER} or {@code IN_NODE}
     * @param payload the payload passed to {@link NodeContext#interrupt}, null for before/after
     * @param id      for {@code IN_NODE}: a stable id, the key of a resume map
     *                ({@code Command.resume(Map.of(id, value))}); null for before/after (LangGraph's static
     *                breakpoints carry no interrupt either)
     */
    public record Interrupt(String node, When when, Object payload, String id) {
        /** Where the interrupt happened. */
        public enum When {
            /** Before the node ran ({@code interruptBefore}). */
            BEFORE,
            /** After the node ran ({@code interruptAfter}). */
            AFTER,
            /** Inside the node, by {@link NodeContext#interrupt}. */
            IN_NODE
        }

        /**
         * An interrupt without an id (before/after).
         *
         * @param node the node the interrupt applies to
         * @param when {@code BEFORE} or {@code AFTER}
         * @param payload the payload, normally null for before/after
         */
        public Interrupt(String node, When when, Object payload) {
            this(node, when, payload, null);
        }
    }

    /**
     * Canonical constructor; the components are as described on the record.
     *
     * @param status how the run ended
     * @param state the last consistent state (after the last completed super-step)
     * @param steps every node execution of this run, in step order then task order
     * @param runId this run's id
     * @param threadId the thread the run belongs to
     * @param checkpointId the last checkpoint saved, or null without a checkpointer
     * @param interrupts why the run paused (non-empty only when {@code INTERRUPTED})
     * @param error the failure when {@code FAILED} or {@code BUDGET_EXCEEDED}, else null
     * @param inputTokens input tokens of the model calls made inside the run
     * @param outputTokens output tokens of the model calls made inside the run
     * @param costUsd cost of those calls, USD (unpriced calls count as zero)
     */
    public RunResult {
        steps = List.copyOf(steps);
        interrupts = List.copyOf(interrupts);
    }

    /**
     * {@return the value of {@code key} in the final state}
     *
     * @param <T> the key's value type
     * @param key the key to read
     */
    public <T> T get(Key<T> key) {
        return state.get(key);
    }

    /** {@return the failure when the run ended {@code FAILED} or {@code BUDGET_EXCEEDED}, else empty} */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(error);
    }

    /**
     * This result if the run completed or was interrupted.
     *
     * @return this result
     * @throws GraphException the failure ({@link NodeExecutionException}, {@link GraphRecursionException},
     *                        ...) or the {@code BudgetExceededException} when the run did not finish
     */
    public RunResult orThrow() {
        if (error == null) {
            return this;
        }
        if (error instanceof RuntimeException re) {
            throw re;
        }
        throw new GraphException("Run " + runId + " failed", error);
    }
}
