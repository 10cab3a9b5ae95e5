package dev.salesagent.agents.graph;

import java.util.Objects;

/**
 * Dynamic fan-out returned by a conditional edge's router: run {@code node} in the next super-step
 * with {@code input} as its whole input (LangGraph's {@code Send}: the node's state view holds only the
 * send's keys, not the shared state; put into the send whatever the node reads). Several sends to the same
 * node run as separate parallel tasks, e.g. one per lead. An empty input gives the node the shared state.
 * A send to a subgraph node is the subgraph's input.
 *
 * @param node  the target node; any node of the graph
 * @param input the task's whole input; its keys are set (not reduced) in the task's view, undeclared keys
 *              included. A
 *              {@link Command} here also routes: its goto targets are scheduled after the task ran
 *              (LangGraph's {@code Send(node, Command(goto=...))})
 */
public record Send(String node, Update input) {

    /**
     * Canonical constructor; the components are as described on the record.
     *
     * @param node the target node; any node of the graph
     * @param input the task's whole input; its keys are set (not reduced) in the task's view, undeclared keys included. A {@link Command} here also routes: its goto targets are scheduled after the task ran (LangGraph's {@code Send(node, Command(goto=...))})
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
     * @param key the key of the task's one-key input
     * @param value the value of {@code key} for that task
     */
    public static <T> Send to(String node, Key<T> key, T value) {
        return new Send(node, Update.of(key, value));
    }
}
