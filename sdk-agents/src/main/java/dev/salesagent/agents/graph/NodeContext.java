package dev.salesagent.agents.graph;

import java.util.Optional;

/** What a running node knows about its run, and how it talks back (interrupts, token events). */
public interface NodeContext {

    /** The node's name. */
    String node();

    /** The run's id (new for every invoke, resume or fork). */
    String runId();

    /** The thread (conversation) id under which checkpoints are saved. */
    String threadId();

    /** The super-step number, starting at 0 for the first step after the input. */
    int step();

    /** 1 for the first attempt, 2 for the first retry, ... */
    int attempt();

    /**
     * Pauses the run for a human: the first call ends the node (the runtime saves the writes of the
     * other nodes of this step, the run returns {@link RunResult.Status#INTERRUPTED} with
     * {@code payload}); when the thread is resumed with a value, the node runs again from its start
     * and this call returns that value instead of interrupting. A node should interrupt at most once
     * per execution. Do not catch the unchecked signal this method throws.
     *
     * @param payload what the human should see (must be Jackson-serialisable when checkpointed)
     * @return the value given to {@link Resume#withValue(Object)}; null if resumed without one
     */
    Object interrupt(Object payload);

    /** The resume value when this execution continues an interrupted one. */
    Optional<Object> resumeValue();

    /**
     * Publishes a model token (or any text chunk) as a {@link GraphEvent.ModelToken} to the run's
     * stream and listeners; call it from a streaming model handler's {@code onPartialResponse}.
     */
    void emitToken(String token);
}
