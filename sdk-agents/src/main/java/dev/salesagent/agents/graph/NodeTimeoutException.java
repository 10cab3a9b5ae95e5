package dev.salesagent.agents.graph;

import java.time.Duration;

/** A node ran longer than its {@link NodePolicy#timeout() timeout}; its thread was interrupted. */
public class NodeTimeoutException extends GraphException {

    /** Name of the node that timed out. */
    private final String node;
    /** The limit that was passed. */
    private final Duration timeout;

    /**
     * Creates the exception.
     *
     * @param node name of the node that timed out
     * @param timeout the limit that was passed
     */
    public NodeTimeoutException(String node, Duration timeout) {
        super("Node '" + node + "' timed out after " + timeout.toMillis() + " ms");
        this.node = node;
        this.timeout = timeout;
    }

    /** {@return name of the node that timed out} */
    public String node() {
        return node;
    }

    /** {@return the limit that was passed (the node's {@link NodePolicy#timeout()})} */
    public Duration timeout() {
        return timeout;
    }
}
