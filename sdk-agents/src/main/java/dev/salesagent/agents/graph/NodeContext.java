package dev.salesagent.agents.graph;

import java.util.Optional;

/** What a running node knows about its run, and how it talks back (interrupts, token events). */
public interface NodeContext {

    /** {@return the node's name} */
    String node();

    /** {@return the run's id (new for every invoke, resume or fork)} */
    String runId();

    /** {@return the thread (conversation) id under which checkpoints are saved} */
    String threadId();

    /** {@return the super-step number as LangGraph numbers it: 1 for the first nodes of a new thread (0 is the step that applied the input), continuing across the thread's runs} */
    int step();

    /** {@return the attempt number: 1 for the first attempt, 2 for the first retry, and so on} */
    int attempt();

    /**
     * Pauses the run for a human: the call ends the node (the runtime saves the writes of the other
     * nodes of this step, the run returns {@link RunResult.Status#INTERRUPTED} with {@code payload}).
     * When the thread is resumed, the node runs again from its start and this call returns the value
     * given to {@link Resume#withValue(Object)} instead of interrupting. A node may interrupt several
     * times: on each resume the n-th call returns the n-th answer, and the first unanswered call
     * interrupts again (LangGraph's semantics). Answers that went through a JDBC checkpoint come back as
     * JSON types (String, Number, Boolean, Map, List). Do not catch the unchecked signal this throws.
     *
     * @param payload what the human should see (must be Jackson-serialisable when checkpointed)
     * @return the answer for this call; null if resumed with {@link Resume#empty()}
     */
    Object interrupt(Object payload);

    /** {@return the resume value when this execution continues an interrupted one} */
    Optional<Object> resumeValue();

    /**
     * Publishes a model token (or any text chunk) as a {@link GraphEvent.ModelToken} to the run's
     * stream and listeners; call it from a streaming model handler's {@code onPartialResponse}.
     *
     * @param token the text chunk, as the model streamed it
     */
    void emitToken(String token);

    /**
     * Publishes {@code payload} as a {@link GraphEvent.Custom} to the run's listeners and to
     * {@link StreamMode#CUSTOM} streams (LangGraph's {@code get_stream_writer()}); progress notes,
     * partial results. Never checkpointed.
     *
     * @param payload any value the stream's consumers understand; not serialised
     */
    void write(Object payload);
}
