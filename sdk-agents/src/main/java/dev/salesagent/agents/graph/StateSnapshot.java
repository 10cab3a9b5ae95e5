package dev.salesagent.agents.graph;

import java.util.List;

/**
 * A thread's state as LangGraph's {@code get_state(config)} reports it: the latest checkpoint with the
 * writes of the tasks that already finished in its unfinished step applied (in task order, through the
 * reducers), and only the tasks that still have to run.
 *
 * @param values     the checkpoint's state plus the finished tasks' pending writes
 * @param next       nodes of the tasks without saved writes (failed, interrupted or not yet run), in task order
 * @param interrupts the interrupts pending in that step, with their ids
 * @param checkpoint the underlying checkpoint (its {@code state} and {@code next} are as saved)
 * @param tasks      LangGraph's {@code StateSnapshot.tasks}: one per task of the checkpoint's next step, in task
 *                   order; a subgraph's task carries its namespace and, from
 *                   {@link CompiledGraph#snapshot(String, boolean) snapshot(thread, true)}, its state
 */
public record StateSnapshot(AgentState values, List<String> next, List<RunResult.Interrupt> interrupts, Checkpoint checkpoint,
                            List<StateSnapshot.Task> tasks) {

    /**
     * A task of the snapshot's next step (LangGraph's {@code PregelTask}).
     *
     * @param node         the node the task runs
     * @param checkpointNs the namespace under the thread where the task's subgraph keeps its checkpoints
     *                     (LangGraph's {@code checkpoint_ns}, e.g. {@code child:<task id>}); null for a plain node
     *                     or when the snapshot was taken without subgraphs
     * @param state        the subgraph's own snapshot (e.g. paused at its interrupt), or null when the task runs no
     *                     subgraph, the subgraph has no checkpoint for it yet, or subgraphs were not asked for
     */
    public record Task(String node, String checkpointNs, StateSnapshot state) {
        /**
         * Canonical constructor; the components are as described on the record.
         *
         * @param node the node the task runs
         * @param checkpointNs the subgraph's checkpoint namespace under the thread, or null
         * @param state the subgraph's own snapshot, or null
         */
        public Task {
            java.util.Objects.requireNonNull(node, "node");
        }
    }

    /**
     * Canonical constructor; the components are as described on the record.
     *
     * @param values the checkpoint's state plus the finished tasks' pending writes
     * @param next nodes of the tasks without saved writes (failed, interrupted or not yet run), in task order
     * @param interrupts the interrupts pending in that step, with their ids
     * @param checkpoint the underlying checkpoint (its {@code state} and {@code next} are as saved)
     * @param tasks one per task of the checkpoint's next step, with a subgraph's namespace and state when read
     */
    public StateSnapshot {
        next = List.copyOf(next);
        interrupts = List.copyOf(interrupts);
        tasks = List.copyOf(tasks);
    }

    /**
     * A snapshot without task details (each next task listed by node only).
     *
     * @param values the checkpoint's state plus the finished tasks' pending writes
     * @param next nodes of the tasks without saved writes (failed, interrupted or not yet run), in task order
     * @param interrupts the interrupts pending in that step, with their ids
     * @param checkpoint the underlying checkpoint (its {@code state} and {@code next} are as saved)
     */
    public StateSnapshot(AgentState values, List<String> next, List<RunResult.Interrupt> interrupts, Checkpoint checkpoint) {
        this(values, next, interrupts, checkpoint, checkpoint.nextNodes().stream().map(n -> new Task(n, null, null)).toList());
    }

    /** {@return a copy with other task details} */
    StateSnapshot withTasks(List<Task> details) {
        return new StateSnapshot(values, next, interrupts, checkpoint, details);
    }

    static StateSnapshot of(Checkpoint c) {
        java.util.Map<Integer, PendingWrite> done = new java.util.HashMap<>();
        for (PendingWrite w : c.pendingWrites()) {
            if (w.kind() == PendingWrite.Kind.WRITES) {
                done.put(w.taskIndex(), w);
            }
        }
        AgentState values = c.state();
        java.util.List<String> next = new java.util.ArrayList<>();
        for (int i = 0; i < c.next().size(); i++) {
            PendingWrite w = done.get(i);
            if (w != null && w.node().equals(c.next().get(i).node())) {
                values = values.apply(w.update().entries(), "pending writes of " + w.node());
            } else {
                next.add(c.next().get(i).node());
            }
        }
        return new StateSnapshot(values, next, c.interrupts(), c);
    }
}
