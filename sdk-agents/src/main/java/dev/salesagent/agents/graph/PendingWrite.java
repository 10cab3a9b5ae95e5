package dev.salesagent.agents.graph;

/**
 * What one task of an unfinished super-step left behind, stored against the step's base checkpoint
 * so that {@link CompiledGraph#resume} re-runs only the tasks without a {@code WRITES} entry.
 *
 * @param taskIndex index of the task in {@link Checkpoint#next()}
 * @param node      the task's node
 * @param kind      what happened
 * @param update    the task's update ({@code WRITES}), else empty
 * @param payload   interrupt payload ({@code INTERRUPT}) or error text ({@code ERROR}), else null
 */
public record PendingWrite(int taskIndex, String node, Kind kind, Update update, Object payload) {

    /** Outcome of the task. */
    public enum Kind { WRITES, INTERRUPT, ERROR }

    public PendingWrite {
        update = update == null ? Update.empty() : update;
    }
}
