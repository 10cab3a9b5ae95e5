package dev.salesagent.agents.graph;

/**
 * Another writer already extended the checkpoint this one was based on: two runs on the same thread
 * raced and this one lost, so nothing of it was stored. Re-read the thread's latest checkpoint and
 * retry (or fail the request); the stored history stays one linear chain.
 */
public class CheckpointConflictException extends CheckpointException {

    /**
     * Creates the exception.
     *
     * @param message what conflicted (thread, checkpoint ids)
     * @param cause the store's error, may be null
     */
    public CheckpointConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
