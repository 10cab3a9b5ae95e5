package dev.salesagent.agents.graph;

/**
 * A node threw (after its {@link NodePolicy retries}); the original exception is the cause. The
 * run ends {@link RunResult.Status#FAILED FAILED}, and the last checkpoint stays intact so
 * {@link CompiledGraph#resume} re-runs only the failed node(s).
 */
public class NodeExecutionException extends GraphException {

    /** Name of the failing node. */
    private final String node;
    /** How many attempts were made. */
    private final int attempts;

    /**
     * Creates the exception.
     *
     * @param node name of the failing node
     * @param attempts how many attempts were made (1 = no retry)
     * @param cause the last attempt's failure
     */
    public NodeExecutionException(String node, int attempts, Throwable cause) {
        super("Node '" + node + "' failed after " + attempts + " attempt(s): " + cause, cause);
        this.node = node;
        this.attempts = attempts;
    }

    /** {@return name of the failing node} */
    public String node() {
        return node;
    }

    /** {@return how many attempts were made (1 = no retry)} */
    public int attempts() {
        return attempts;
    }
}
