package dev.salesagent.agents.graph;

/**
 * What {@link CompiledGraph#stream(Update, RunConfig, java.util.Set, boolean)} emits (LangGraph's
 * {@code stream_mode}); several modes may be combined. The {@link StreamPart#data()} of each mode:
 *
 * <ul>
 *   <li>{@link #VALUES}: the full {@link AgentState} after the input and after every super-step;</li>
 *   <li>{@link #UPDATES}: {@code Map<String, Update>} of one task, node name to its update; when the run
 *       pauses, one {@code Map.of("__interrupt__", List<RunResult.Interrupt>)};</li>
 *   <li>{@link #CUSTOM}: whatever a node passed to {@link NodeContext#write(Object)};</li>
 *   <li>{@link #MESSAGES}: a {@link GraphEvent.ModelToken} (token and node) a node published with
 *       {@link NodeContext#emitToken(String)};</li>
 *   <li>{@link #DEBUG}: {@code Map} with {@code type} ({@code task}, {@code task_result}, {@code checkpoint}),
 *       {@code step}, {@code timestamp} and {@code payload}.</li>
 * </ul>
 */
public enum StreamMode {
    /** The full state after each super-step. */
    VALUES,
    /** Each node's update, by node name. */
    UPDATES,
    /** Whatever nodes passed to {@link NodeContext#write(Object)}. */
    CUSTOM,
    /** Model tokens nodes published with {@link NodeContext#emitToken(String)}. */
    MESSAGES,
    /** Task, task-result and checkpoint events with step and timestamp. */
    DEBUG
}
