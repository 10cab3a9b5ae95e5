package dev.salesagent.agents.graph;

/**
 * Root of every exception the graph runtime raises. Unchecked.
 *
 * <p>Subclasses: {@link GraphValidationException} (compile time), {@link InvalidUpdateException}
 * (a node wrote something the state cannot take), {@link GraphRecursionException} (too many
 * super-steps), {@link NodeExecutionException} (a node failed after its retries),
 * {@link NodeTimeoutException} (a node exceeded its timeout) and {@link CheckpointException}
 * (the checkpoint store failed).
 */
public class GraphException extends RuntimeException {

    /**
     * Creates the exception.
     *
     * @param message what failed
     */
    public GraphException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause the underlying failure
     */
    public GraphException(String message, Throwable cause) {
        super(message, cause);
    }
}
