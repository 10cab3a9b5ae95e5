package dev.salesagent.agents.graph;

/**
 * The unchecked signal {@link NodeContext#interrupt} throws to pause a run (LangGraph's
 * {@code GraphInterrupt}). Code that runs inside a node and catches exceptions broadly (tool
 * executors, retry helpers) must rethrow it; the runtime never retries it.
 */
public class GraphInterrupt extends RuntimeException {

    GraphInterrupt(String message) {
        super(message, null, false, false);
    }
}
