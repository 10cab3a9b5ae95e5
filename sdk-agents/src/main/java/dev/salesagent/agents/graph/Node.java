package dev.salesagent.agents.graph;

/**
 * One step of work in a graph: reads the state, returns a partial {@link Update}.
 *
 * <p>Nodes of the same super-step run concurrently on the run's executor with the run's
 * {@code AiContext} (tenant, user, run id, cost scope) current, so model calls made inside are
 * billed to the run. A node must not keep mutable state of its own between calls; everything it
 * needs to remember goes into the update.
 */
@FunctionalInterface
public interface Node {

    /**
     * @param state the state as of the end of the previous super-step (plus a {@link Send}'s input)
     * @param context run id, thread id, step, interrupts, event emission
     * @return the update to fold into the state; {@link Update#empty()} for none, never null
     * @throws Exception any failure; retried per the node's {@link NodePolicy}, then fails the run
     */
    Update apply(AgentState state, NodeContext context) throws Exception;
}
