package dev.salesagent.agents.graph;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The state of a thread after one super-step, as stored by a {@link Checkpointer}.
 *
 * @param id            unique id
 * @param threadId      the thread it belongs to
 * @param parentId      the previous checkpoint of this branch of history, or null for the first
 * @param step          super-step number as LangGraph numbers it: -1 for a new thread's input checkpoint (whose one
 *                      task is {@code __start__} carrying the input), 0 for the step that applied the input, then
 *                      1, 2, ... for the nodes' steps; a later input continues from the latest step + 1
 * @param createdAt     when it was saved
 * @param state         the full state (rebuilt from snapshot + deltas by stores that keep deltas)
 * @param writes        the delta from the parent: every write applied in this step, in order
 * @param next          the tasks of the next super-step; empty when the run reached END
 * @param joins         for each join node, the source nodes that already finished
 * @param metadata      {@code source} (input|loop|update|fork), {@code writers}, {@code costUsd},
 *                      {@code inputTokens}, {@code outputTokens} so far
 * @param pendingWrites what tasks of the (unfinished) next step already produced
 */
public record Checkpoint(String id, String threadId, String parentId, int step, Instant createdAt,
                         AgentState state, Update writes, List<Task> next, Map<String, List<String>> joins,
                         Map<String, Object> metadata, List<PendingWrite> pendingWrites) {

    /**
     * A task of the next super-step.
     *
     * @param node  node to run
     * @param input a {@link Send}'s private input, else empty
     */
    public record Task(String node, Update input) {
        /**
         * Canonical constructor; the components are as described on the record.
         *
         * @param node node to run
         * @param input a {@link Send}'s private input, else empty
         */
        public Task {
            input = input == null ? Update.empty() : input;
        }
    }

    /**
     * Canonical constructor; the components are as described on the record.
     *
     * @param id unique id
     * @param threadId the thread it belongs to
     * @param parentId the previous checkpoint of this branch of history, or null for the first
     * @param step super-step number: -1 for a new thread's input checkpoint, 0 for the step that applied the input, then 1, 2, ...
     * @param createdAt when it was saved
     * @param state the full state (rebuilt from snapshot + deltas by stores that keep deltas)
     * @param writes the delta from the parent: every write applied in this step, in order
     * @param next the tasks of the next super-step; empty when the run reached END
     * @param joins for each join node, the source nodes that already finished
     * @param metadata {@code source} (input|loop|update|fork), {@code writers}, {@code costUsd}, {@code inputTokens}, {@code outputTokens} so far
     * @param pendingWrites what tasks of the (unfinished) next step already produced
     */
    public Checkpoint {
        next = List.copyOf(next);
        joins = Map.copyOf(joins);
        metadata = Map.copyOf(metadata);
        pendingWrites = List.copyOf(pendingWrites);
    }

    /**
     * {@return a copy with other pending writes}
     *
     * @param writes the pending writes of the unfinished next step, replacing the current ones
     */
    public Checkpoint withPendingWrites(List<PendingWrite> writes) {
        return new Checkpoint(id, threadId, parentId, step, createdAt, state, this.writes, next, joins, metadata, writes);
    }

    /**
     * The interrupts pending in the unfinished next step (LangGraph's {@code StateSnapshot.interrupts}),
     * each with its {@link RunResult.Interrupt#id() id} for a resume map.
     *
     * @return the pending interrupts in task order; empty when none
     */
    public List<RunResult.Interrupt> interrupts() {
        return pendingWrites.stream().filter(w -> w.kind() == PendingWrite.Kind.INTERRUPT)
                .map(w -> new RunResult.Interrupt(w.node(), RunResult.Interrupt.When.IN_NODE, w.payload(), w.interruptId()))
                .toList();
    }

    /** {@return names of the next nodes} */
    public List<String> nextNodes() {
        return next.stream().map(Task::node).toList();
    }
}
