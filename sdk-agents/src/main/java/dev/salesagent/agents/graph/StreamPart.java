package dev.salesagent.agents.graph;

import java.util.List;

/**
 * One item of a multi-mode stream (LangGraph's {@code (namespace, mode, chunk)} tuples).
 *
 * @param namespace empty for the graph itself; for a subgraph's parts the path of subgraph nodes, each
 *                  {@code node:step.task} (LangGraph's {@code checkpoint_ns} segments)
 * @param mode      which {@link StreamMode} produced it
 * @param data      the chunk; its type depends on the mode (see {@link StreamMode})
 */
public record StreamPart(List<String> namespace, StreamMode mode, Object data) {

    /**
     * Canonical constructor; the components are as described on the record.
     *
     * @param namespace empty for the graph itself; for a subgraph's parts the path of subgraph nodes, each {@code node:taskId}, or {@code node} for a {@link CompileConfig#statefulSubgraph() stateful} one (LangGraph's {@code checkpoint_ns} segments)
     * @param mode which {@link StreamMode} produced it
     * @param data the chunk; its type depends on the mode (see {@link StreamMode})
     */
    public StreamPart {
        namespace = List.copyOf(namespace);
    }
}
