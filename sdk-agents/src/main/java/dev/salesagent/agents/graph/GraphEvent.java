package dev.salesagent.agents.graph;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What happens during a run, in order: {@link RunStarted}, then per super-step {@link NodeStarted} /
 * {@link ModelToken} / {@link NodeCompleted} for each node and {@link CheckpointSaved}, and exactly one
 * terminal event: {@link RunCompleted}, {@link Interrupted} or {@link RunFailed}. The node, token and
 * checkpoint events of a subgraph are passed through to the parent run's stream and listeners (with the
 * subgraph run's own {@code runId}).
 */
public sealed interface GraphEvent {

    /** {@return the run's id} */
    String runId();

    /** Emitted once when the run starts (also for resume and fork). */
    record RunStarted(String runId, String threadId, Instant at) implements GraphEvent {
    }

    /** A node's task started in super-step {@code step}. */
    record NodeStarted(String runId, int step, String node) implements GraphEvent {
    }

    /** A chunk of model output streamed by a node via {@link NodeContext#emitToken}. */
    record ModelToken(String runId, int step, String node, String token) implements GraphEvent {
    }

    /** A node published {@code payload} with {@link NodeContext#write(Object)} (LangGraph's custom stream writer). */
    record Custom(String runId, int step, String node, Object payload) implements GraphEvent {
    }

    /** A node finished; {@code update} is what it returned (applied after the step). */
    record NodeCompleted(String runId, int step, String node, Duration duration, Update update) implements GraphEvent {
    }

    /** The state after super-step {@code step} was checkpointed. */
    record CheckpointSaved(String runId, int step, String checkpointId) implements GraphEvent {
    }

    /** Terminal: the run finished at END. */
    record RunCompleted(String runId, RunResult result) implements GraphEvent {
    }

    /** Terminal: the run paused for a human; {@code interrupts} say where and why. */
    record Interrupted(String runId, List<RunResult.Interrupt> interrupts, RunResult result) implements GraphEvent {
    }

    /** Terminal: the run failed or its budget was exhausted; see {@code result.error()}. */
    record RunFailed(String runId, RunResult result) implements GraphEvent {
    }
}
