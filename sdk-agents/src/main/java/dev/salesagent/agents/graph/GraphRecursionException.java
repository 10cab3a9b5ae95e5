package dev.salesagent.agents.graph;

/**
 * Raised when a run needs more super-steps than {@link RunConfig#recursionLimit()} (default 100),
 * which usually means a cycle never reaches {@link StateGraph#END}.
 */
public class GraphRecursionException extends GraphException {

    /** The recursion limit that was reached, in super-steps. */
    private final int limit;

    /**
     * Creates the exception.
     *
     * @param limit the recursion limit that was reached, in super-steps
     */
    public GraphRecursionException(int limit) {
        super("Recursion limit of " + limit + " super-steps reached without hitting END; "
                + "raise RunConfig.recursionLimit if the graph really needs more steps");
        this.limit = limit;
    }

    /** {@return the limit that was reached, in super-steps} */
    public int limit() {
        return limit;
    }
}
