package dev.salesagent.server.agentplatform.seed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.salesagent.server.agentplatform.store.RunStore;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code config.configurable} object of the run a node is executing in (LangGraph's
 * {@code config["configurable"]}), found by the node's thread id: the platform runs one run per thread at a time, so
 * the thread's {@code running} run is the node's run.
 */
@FunctionalInterface
public interface RunConfigurable {

    /**
     * The run's configurable values.
     *
     * @param tenant   the tenant the graph serves (a run of another tenant is never read)
     * @param threadId the node's thread id
     * @return {@code config.configurable} as JSON, or an empty object when the run has none
     */
    JsonNode of(String tenant, String threadId);

    /**
     * {@return one string value of the run's configurable values}
     *
     * @param tenant   the tenant the graph serves
     * @param threadId the node's thread id
     * @param key      the key in {@code config.configurable}
     */
    default Optional<String> string(String tenant, String threadId, String key) {
        JsonNode value = of(tenant, threadId).path(key);
        return value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText().trim()) : Optional.empty();
    }

    /** {@return no configurable values for any run (plain use of a graph outside the platform)} */
    static RunConfigurable none() {
        return (tenant, thread) -> MissingNode.getInstance();
    }

    /**
     * {@return fixed values for every run (tests, embedding)}
     *
     * @param values the configurable values
     */
    static RunConfigurable fixed(Map<String, Object> values) {
        JsonNode node = new ObjectMapper().valueToTree(values);
        return (tenant, thread) -> node;
    }

    /**
     * {@return the values read from the platform's run store}
     *
     * @param runs the platform's run store
     */
    static RunConfigurable fromRunStore(RunStore runs) {
        return (tenant, threadId) -> {
            UUID thread;
            try {
                thread = UUID.fromString(threadId);
            } catch (IllegalArgumentException notPlatformThread) {
                return MissingNode.getInstance();
            }
            return runs.inflight(thread).stream()
                    .filter(r -> "running".equals(r.status()) && r.tenantId().toString().equals(tenant))
                    .reduce((first, second) -> second)
                    .map(r -> r.kwargs().path("config").path("configurable"))
                    .orElse(MissingNode.getInstance());
        };
    }
}
