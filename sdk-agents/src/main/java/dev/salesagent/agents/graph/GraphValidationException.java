package dev.salesagent.agents.graph;

import java.util.List;

/**
 * Raised by {@link StateGraph#compile()} when the graph is malformed: an edge to an unknown node, a
 * node unreachable from {@link StateGraph#START}, a node with no path to {@link StateGraph#END},
 * duplicate or reserved node names. The message lists every problem found, not only the first.
 */
public class GraphValidationException extends GraphException {

    /** Every problem found, one sentence each. */
    private final List<String> problems;

    /**
     * Creates the exception; the message lists every problem.
     *
     * @param problems every problem found, one sentence each
     */
    public GraphValidationException(List<String> problems) {
        super("Invalid graph: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** {@return every problem found, one sentence each} */
    public List<String> problems() {
        return problems;
    }
}
