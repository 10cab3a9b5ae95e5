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
 */
public record StateSnapshot(AgentState values, List<String> next, List<RunResult.Interrupt> interrupts, Checkpoint checkpoint) {

    /**
     * Canonical constructor; the components are as described on the record.
     *
     * @param values the checkpoint's state plus the finished tasks' pending writes
     * @param next nodes of the tasks without saved writes (failed, interrupted or not yet run), in task order
     * @param interrupts the interrupts pending in that step, with their ids
     * @param checkpoint the underlying checkpoint (its {@code state} and {@code next} are as saved)
     */
    public StateSnapshot {
        next = List.copyOf(next);
        interrupts = List.copyOf(interrupts);
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
