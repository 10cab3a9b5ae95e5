package dev.salesagent.agents.graph;

/** The checkpoint store failed (SQL error, unreadable JSON, unknown key in a stored checkpoint). */
public class CheckpointException extends GraphException {

    /**
     * Creates the exception.
     *
     * @param message what failed, with the thread and checkpoint id
     * @param cause the store's or codec's error
     */
    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Creates the exception.
     *
     * @param message what failed, with the thread and checkpoint id
     */
    public CheckpointException(String message) {
        super(message);
    }
}
