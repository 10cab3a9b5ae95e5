package dev.salesagent.agents.graph;

/**
 * Raised when a run needs more super-steps than {@link RunConfig#recursionLimit()} (default 100),
 * which usually means a cycle never reaches {@link StateGraph#END}.
 */
public class GraphRecursionException extends GraphException {

    private final int limit;

    public GraphRecursionException(int limit) {
        super("Recursion limit of " + limit + " super-steps reached without hitting END; "
                + "raise RunConfig.recursionLimit if the graph really needs more steps");
        this.limit = limit;
    }

    /** The limit that was reached, in super-steps. */
    public int limit() {
        return limit;
    }
}
