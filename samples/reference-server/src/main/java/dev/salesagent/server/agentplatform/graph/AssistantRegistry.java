package dev.salesagent.server.agentplatform.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salesagent.agents.graph.AgentState;
import dev.salesagent.agents.graph.Checkpointer;
import dev.salesagent.agents.graph.CompiledGraph;
import dev.salesagent.agents.graph.Key;
import dev.salesagent.agents.graph.StateCodec;
import dev.salesagent.agents.graph.Update;
import dev.salesagent.agents.platform.GraphProvider;
import dev.salesagent.agents.platform.GraphProviders;
import dev.salesagent.server.agentplatform.api.LangGraphJson;
import dev.salesagent.server.platform.web.PlatformException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The graphs served as assistants: the built-in {@link SampleGraphs}, every {@link GraphProvider} bean and every
 * provider registered through {@link java.util.ServiceLoader}. One assistant per graph (LangGraph's system-created
 * default assistant) whose {@code assistant_id} is a name-based UUID of the graph id; clients may also name the graph
 * id itself. Each tenant gets its own compiled graph (on the shared checkpointer), built on first use.
 */
@Component
public class AssistantRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(AssistantRegistry.class);

    private final Map<String, GraphProvider> providers;
    private final Checkpointer checkpointer;
    private final Map<String, CompiledGraph> compiled = new ConcurrentHashMap<>();

    AssistantRegistry(ObjectProvider<GraphProvider> beans, Checkpointer agentCheckpointer) {
        List<GraphProvider> all = new ArrayList<>(SampleGraphs.all());
        beans.orderedStream().forEach(all::add);
        GraphProviders.Loaded loaded = GraphProviders.load(AssistantRegistry.class.getClassLoader());
        loaded.problems().forEach(p -> LOG.warn("Agent platform: {}", p));
        all.addAll(loaded.providers());
        this.providers = GraphProviders.byId(all);
        this.checkpointer = agentCheckpointer;
        LOG.info("Agent platform serves graphs {}", providers.keySet());
    }

    /** {@return the assistant id of a graph: a name-based UUID of its graph id} */
    public static String assistantId(String graphId) {
        return UUID.nameUUIDFromBytes(("langgraph-assistant:" + graphId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** {@return every provider by graph id} */
    public Collection<GraphProvider> providers() {
        return providers.values();
    }

    /**
     * The provider an assistant id or graph id names.
     *
     * @throws PlatformException 404 when neither an assistant id nor a graph id matches
     */
    public GraphProvider require(String assistantOrGraphId) {
        return find(assistantOrGraphId).orElseThrow(() -> new PlatformException(HttpStatus.NOT_FOUND,
                "assistant-not-found", "Assistant not found", "No assistant or graph '" + assistantOrGraphId + "'"));
    }

    /** {@return the provider an assistant id or graph id names} */
    public Optional<GraphProvider> find(String assistantOrGraphId) {
        GraphProvider byGraph = providers.get(assistantOrGraphId);
        if (byGraph != null) {
            return Optional.of(byGraph);
        }
        return providers.values().stream().filter(p -> assistantId(p.graphId()).equals(assistantOrGraphId)).findFirst();
    }

    /** {@return the tenant's compiled graph of a graph id (compiled on first use)} */
    public CompiledGraph graph(UUID tenantId, String graphId) {
        GraphProvider provider = require(graphId);
        return compiled.computeIfAbsent(tenantId + "/" + provider.graphId(),
                k -> provider.compile(new GraphProvider.Context(tenantId.toString(), checkpointer)));
    }

    /** {@return the checkpointer every graph uses} */
    public Checkpointer checkpointer() {
        return checkpointer;
    }

    /**
     * Turns a JSON object ({@code {"key": value}}) into an update of the graph's typed keys.
     *
     * @throws PlatformException 422 naming every unknown key or value that does not fit its key's type
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Update toUpdate(CompiledGraph graph, JsonNode values) {
        if (values == null || values.isNull() || values.isMissingNode()) {
            return Update.empty();
        }
        if (!values.isObject()) {
            throw invalid("must be a JSON object of state keys but was " + values.getNodeType());
        }
        StateCodec codec = graph.codec();
        List<String> problems = new ArrayList<>();
        values.fieldNames().forEachRemaining(name -> {
            if (!codec.keys().containsKey(name)) {
                problems.add("unknown key '" + name + "' (keys: " + codec.keys().keySet() + ")");
            }
        });
        if (!problems.isEmpty()) {
            throw invalid(String.join("; ", problems));
        }
        AgentState decoded;
        try {
            decoded = codec.decodeState(values);
        } catch (RuntimeException e) {
            throw invalid(e.getMessage());
        }
        Update update = Update.empty();
        for (String name : decoded.keyNames()) {
            Key key = codec.keys().get(name);
            update = update.and(key, decoded.get(key));
        }
        return update;
    }

    /** {@return an update as {@code {"key": value}}} */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static ObjectNode updateJson(CompiledGraph graph, Update update) {
        ObjectNode out = LangGraphJson.MAPPER.createObjectNode();
        for (String name : update.keys()) {
            Key key = graph.codec().keys().get(name);
            out.set(name, LangGraphJson.MAPPER.valueToTree(key == null ? null : update.get(key)));
        }
        return out;
    }

    /** {@return the JSON schema of a graph's state: one property per key, typed from the key's Java type} */
    public static Map<String, Object> stateSchema(CompiledGraph graph, String title) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Key<?> key : graph.keys()) {
            properties.put(key.name(), typeSchema(key.elementType() != null ? List.class : key.type(), key.elementType()));
        }
        return Map.of("title", title, "type", "object", "properties", properties);
    }

    private static Map<String, Object> typeSchema(Class<?> type, Class<?> element) {
        if (type == String.class) {
            return Map.of("type", "string");
        }
        if (type == Integer.class || type == Long.class) {
            return Map.of("type", "integer");
        }
        if (Number.class.isAssignableFrom(type)) {
            return Map.of("type", "number");
        }
        if (type == Boolean.class) {
            return Map.of("type", "boolean");
        }
        if (List.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type)) {
            return element == null ? Map.of("type", "array") : Map.of("type", "array", "items", typeSchema(element, null));
        }
        return Map.of("type", "object");
    }

    private static PlatformException invalid(String detail) {
        return new PlatformException(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-graph-input", "Invalid graph input",
                detail);
    }
}
