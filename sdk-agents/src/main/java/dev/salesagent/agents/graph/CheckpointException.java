package dev.salesagent.agents.graph;

/** The checkpoint store failed (SQL error, unreadable JSON, unknown key in a stored checkpoint). */
public class CheckpointException extends GraphException {

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }

    public CheckpointException(String message) {
        super(message);
    }
}
