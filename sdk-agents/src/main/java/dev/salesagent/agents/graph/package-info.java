/**
 * The agent graph runtime: LangGraph's model (typed state with reducers, nodes, edges, conditional
 * edges, {@link dev.salesagent.agents.graph.Send} fan-out, subgraphs, interrupts, checkpoints, time
 * travel) as a blocking, thread-safe Java library.
 *
 * <ul>
 *   <li>Declare the state with {@link dev.salesagent.agents.graph.Key}s, build a
 *       {@link dev.salesagent.agents.graph.StateGraph}, {@code compile} it into a
 *       {@link dev.salesagent.agents.graph.CompiledGraph}.</li>
 *   <li>Runs execute in super-steps (Pregel/BSP): the nodes triggered in a step run concurrently on
 *       the run's executor; their {@link dev.salesagent.agents.graph.Update}s are applied after the step
 *       in a deterministic order; the state is persistent, so a step never copies the values.</li>
 *   <li>Every node runs with the run's {@code AiContext} (tenant, user, run id, cost scope), inside a
 *       Micrometer {@code Observation} and with SLF4J MDC keys {@code salesagent.run_id},
 *       {@code salesagent.thread_id} and {@code salesagent.node}.</li>
 *   <li>A {@link dev.salesagent.agents.graph.Checkpointer} (in memory, or JDBC for PostgreSQL/H2) saves
 *       every step as a delta; failed or interrupted steps keep the writes of the nodes that succeeded.</li>
 * </ul>
 *
 * <p>Other stores (Redis, DynamoDB, MongoDB, ...) implement {@link dev.salesagent.agents.graph.Checkpointer}
 * and prove it with {@code CheckpointerCompatibilityKit} and {@code DurableInterruptCompatibilityKit} from the
 * {@code sdk-store-tck} module.
 *
 * <p>Nullness: parameters and return values are non-null unless their Javadoc says "or null" (for
 * example {@link dev.salesagent.agents.graph.RunConfig}'s optional tenant, cost limit and executor, or
 * {@link dev.salesagent.agents.graph.RunResult#error()}). Lookups that may find nothing return
 * {@link java.util.Optional} ({@link dev.salesagent.agents.graph.CompiledGraph#state},
 * {@link dev.salesagent.agents.graph.Checkpointer#latest}); collections are empty, never null. A state
 * value is null only for a last-value {@link dev.salesagent.agents.graph.Key} without a default that has
 * not been written yet; list items are never null.
 */
package dev.salesagent.agents.graph;
