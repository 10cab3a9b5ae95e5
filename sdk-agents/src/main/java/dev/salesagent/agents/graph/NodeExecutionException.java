package dev.salesagent.agents.graph;

/**
 * A node threw (after its {@link NodePolicy retries}); the original exception is the cause. The
 * run ends {@link RunResult.Status#FAILED FAILED}, and the last checkpoint stays intact so
 * {@link CompiledGraph#resume} re-runs only the failed node(s).
 */
public class NodeExecutionException extends GraphException {

    private final String node;
    private final int attempts;

    public NodeExecutionException(String node, int attempts, Throwable cause) {
        super("Node '" + node + "' failed after " + attempts + " attempt(s): " + cause, cause);
        this.node = node;
        this.attempts = attempts;
    }

    /** Name of the failing node. */
    public String node() {
        return node;
    }

    /** How many attempts were made (1 = no retry). */
    public int attempts() {
        return attempts;
    }
}
