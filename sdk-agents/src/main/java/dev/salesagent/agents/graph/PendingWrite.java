package dev.salesagent.agents.graph;

import java.util.List;

/**
 * What one task of an unfinished super-step left behind, stored against the step's base checkpoint
 * so that {@link CompiledGraph#resume} re-runs only the tasks without a {@code WRITES} entry.
 *
 * @param taskIndex index of the task in {@link Checkpoint#next()}
 * @param node      the task's node
 * @param kind      what happened
 * @param update    the task's update ({@code WRITES}), else empty
 * @param payload   interrupt payload ({@code INTERRUPT}) or error text ({@code ERROR}), else null
 * @param answers   for {@code INTERRUPT}: the resume values the node already received for its earlier
 *                  interrupts in this execution, in order (a node may interrupt several times); else empty
 * @param interruptId for {@code INTERRUPT}: the interrupt's stable id ({@link RunResult.Interrupt#id()}), which a
 *                  resume map addresses; else null
 */
public record PendingWrite(int taskIndex, String node, Kind kind, Update update, Object payload, List<Object> answers,
                           String interruptId) {

    /** Outcome of the task. */
    public enum Kind {
        /** The task finished; {@code update} holds its writes. */
        WRITES,
        /** The task called {@link NodeContext#interrupt}; {@code payload} holds the interrupt's payload. */
        INTERRUPT,
        /** The task failed; {@code payload} holds the error text. */
        ERROR
    }

    /**
     * Canonical constructor; the components are as described on the record.
     *
     * @param taskIndex index of the task in {@link Checkpoint#next()}
     * @param node the task's node
     * @param kind what happened
     * @param update the task's update ({@code WRITES}), else empty
     * @param payload interrupt payload ({@code INTERRUPT}) or error text ({@code ERROR}), else null
     * @param answers for {@code INTERRUPT}: the resume values the node already received for its earlier interrupts in this execution, in order (a node may interrupt several times); else empty
     * @param interruptId for {@code INTERRUPT}: the interrupt's stable id ({@link RunResult.Interrupt#id()}), which a resume map addresses; else null
     */
    public PendingWrite {
        update = update == null ? Update.empty() : update;
        answers = answers == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(answers));
    }

    /**
     * A pending write without an interrupt id.
     *
     * @param taskIndex index of the task in {@link Checkpoint#next()}
     * @param node the task's node
     * @param kind what happened
     * @param update the task's update ({@code WRITES}), else empty
     * @param payload interrupt payload ({@code INTERRUPT}) or error text ({@code ERROR}), else null
     * @param answers for {@code INTERRUPT}: the resume values the node already received for its earlier interrupts, in order; else empty
     */
    public PendingWrite(int taskIndex, String node, Kind kind, Update update, Object payload, List<Object> answers) {
        this(taskIndex, node, kind, update, payload, answers, null);
    }

    /**
     * A pending write without earlier answers.
     *
     * @param taskIndex index of the task in {@link Checkpoint#next()}
     * @param node the task's node
     * @param kind what happened
     * @param update the task's update ({@code WRITES}), else empty
     * @param payload interrupt payload ({@code INTERRUPT}) or error text ({@code ERROR}), else null
     */
    public PendingWrite(int taskIndex, String node, Kind kind, Update update, Object payload) {
        this(taskIndex, node, kind, update, payload, List.of(), null);
    }
}
