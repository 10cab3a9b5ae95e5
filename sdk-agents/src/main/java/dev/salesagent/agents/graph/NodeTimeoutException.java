package dev.salesagent.agents.graph;

import java.time.Duration;

/** A node ran longer than its {@link NodePolicy#timeout() timeout}; its thread was interrupted. */
public class NodeTimeoutException extends GraphException {

    private final String node;
    private final Duration timeout;

    public NodeTimeoutException(String node, Duration timeout) {
        super("Node '" + node + "' timed out after " + timeout.toMillis() + " ms");
        this.node = node;
        this.timeout = timeout;
    }

    public String node() {
        return node;
    }

    public Duration timeout() {
        return timeout;
    }
}
