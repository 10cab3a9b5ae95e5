package dev.salesagent.agents.graph;

import java.util.Objects;

/**
 * Dynamic fan-out returned by a conditional edge's router: run {@code node} in the next super-step
 * with {@code input} laid over the shared state (for that task only). Several sends to the same node
 * run as separate parallel tasks, e.g. one per lead (LangGraph's {@code Send}).
 *
 * @param node  the target node; must be one of the conditional edge's declared routes
 * @param input private input for that task; its keys are set (not reduced) in the task's view. A
 *              {@link Command} here also routes: its goto targets are scheduled after the task ran
 *              (LangGraph's {@code Send(node, Command(goto=...))})
 */
public record Send(String node, Update input) {

    /**
     * Canonical constructor; the components are as described on the record.
     *
     * @param node the target node; must be one of the conditional edge's declared routes
     * @param input private input for that task; its keys are set (not reduced) in the task's view. A {@link Command} here also routes: its goto targets are scheduled after the task ran (LangGraph's {@code Send(node, Command(goto=...))})
     */
    public Send {
        Objects.requireNonNull(node, "node");
        input = input == null ? Update.empty() : input;
    }

    /**
     * {@return a send of one value to {@code node}}
     *
     * @param <T> the key's value type
     * @param node the target node
     * @param key the key set in the task's private input
     * @param value the value of {@code key} for that task
     */
    public static <T> Send to(String node, Key<T> key, T value) {
        return new Send(node, Update.of(key, value));
    }
}
