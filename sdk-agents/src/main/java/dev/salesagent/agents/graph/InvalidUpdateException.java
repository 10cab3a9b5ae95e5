package dev.salesagent.agents.graph;

/**
 * Raised when a node's update cannot be applied: two nodes of the same super-step wrote the same
 * last-value key, a value has the wrong type for its {@link Key}, or the key is not part of the
 * graph's state schema. Not retriable; the run ends {@link RunResult.Status#FAILED FAILED}.
 */
public class InvalidUpdateException extends GraphException {

    /**
     * Creates the exception.
     *
     * @param message which key, which writer and what was wrong
     */
    public InvalidUpdateException(String message) {
        super(message);
    }
}
