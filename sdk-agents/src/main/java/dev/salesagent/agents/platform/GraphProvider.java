package dev.salesagent.agents.platform;

import dev.salesagent.agents.graph.Checkpointer;
import dev.salesagent.agents.graph.CompiledGraph;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A graph an application serves as an assistant on an agent platform (LangGraph's {@code graph_id} in
 * {@code langgraph.json}). The platform compiles the graph once per tenant with its own {@link Checkpointer}, so
 * threads, interrupts and history live where the platform keeps them, and any instance sharing that checkpointer
 * can continue a run.
 *
 * <p>Register an implementation either as a bean of the hosting application or through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.salesagent.agents.platform.GraphProvider}); {@link GraphProviders#load(ClassLoader)}
 * finds the latter. Implementations must be thread-safe and cheap to construct: the heavy work happens in
 * {@link #compile(Context)}.
 */
public interface GraphProvider {

    /**
     * The graph id clients name as {@code assistant_id} or {@code graph_id}: lower case letters, digits, {@code _}
     * and {@code -}, 1 to 64 characters, unique on a platform.
     *
     * @return the graph id, for example {@code "lead_pipeline"}
     */
    String graphId();

    /**
     * A one-sentence description shown in the assistant listing.
     *
     * @return the description; the default is empty
     */
    default String description() {
        return "";
    }

    /**
     * Compiles the graph for one tenant.
     *
     * @param context the tenant and the checkpointer the compiled graph must use
     * @return the compiled graph; the platform closes nothing and may call this again after a restart
     * @throws RuntimeException if the graph cannot be built (reported to the caller of the run)
     */
    CompiledGraph compile(Context context);

    /**
     * The JSON Schema (draft 7, as a JSON object tree of maps, lists, strings, numbers and booleans) of the run input.
     *
     * @return the schema, or empty to let the platform derive one from the graph's state keys
     */
    default Optional<Map<String, Object>> inputSchema() {
        return Optional.empty();
    }

    /**
     * The JSON Schema of the graph's output values.
     *
     * @return the schema, or empty to let the platform derive one from the graph's state keys
     */
    default Optional<Map<String, Object>> outputSchema() {
        return Optional.empty();
    }

    /**
     * The JSON Schema of {@code config.configurable} the graph reads.
     *
     * @return the schema, or empty when the graph reads no configuration
     */
    default Optional<Map<String, Object>> configSchema() {
        return Optional.empty();
    }

    /**
     * What a provider gets to compile its graph.
     *
     * @param tenant       the tenant id the graph serves (runs of other tenants never reach this graph)
     * @param checkpointer where the graph must keep its checkpoints
     */
    record Context(String tenant, Checkpointer checkpointer) {

        /**
         * Validates the components.
         *
         * @param tenant       the tenant id the graph serves
         * @param checkpointer where the graph must keep its checkpoints
         * @throws NullPointerException if an argument is null
         */
        public Context {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(checkpointer, "checkpointer");
        }
    }
}
