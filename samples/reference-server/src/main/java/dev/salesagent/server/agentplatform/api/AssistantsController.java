package dev.salesagent.server.agentplatform.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salesagent.agents.graph.CompiledGraph;
import dev.salesagent.agents.platform.GraphProvider;
import dev.salesagent.server.agentplatform.graph.AssistantRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** LangGraph Platform assistants: one per served graph (LangGraph's system-created default assistant). */
@RestController
@RequestMapping(LangGraphHttp.BASE)
@Tag(name = "LangGraph assistants", description = "LangGraph Platform protocol: the graphs served as assistants")
class AssistantsController {

    private static final Instant STARTED = Instant.now();

    private final AssistantRegistry registry;

    AssistantsController(AssistantRegistry registry) {
        this.registry = registry;
    }

    @PostMapping("/assistants/search")
    @PreAuthorize("hasAuthority('agents:read')")
    @Operation(summary = "Search assistants", description = "Body {graph_id?, metadata?, limit (default 10), offset}")
    ResponseEntity<String> search(@RequestBody(required = false) String body) {
        JsonNode q = LangGraphJson.parse(body);
        String graphId = q.hasNonNull("graph_id") ? q.get("graph_id").asText() : null;
        int limit = q.path("limit").asInt(10);
        int offset = q.path("offset").asInt(0);
        ArrayNode out = LangGraphJson.MAPPER.createArrayNode();
        registry.providers().stream().filter(p -> graphId == null || graphId.equals(p.graphId()))
                .skip(offset).limit(limit).forEach(p -> out.add(assistant(p)));
        return LangGraphHttp.ok(out);
    }

    @GetMapping("/assistants/{assistantId}")
    @PreAuthorize("hasAuthority('agents:read')")
    @Operation(summary = "Get an assistant", description = "By assistant id or graph id")
    ResponseEntity<String> get(@PathVariable String assistantId) {
        return LangGraphHttp.ok(assistant(registry.require(assistantId)));
    }

    @GetMapping("/assistants/{assistantId}/schemas")
    @PreAuthorize("hasAuthority('agents:read')")
    @Operation(summary = "Get an assistant's schemas", description = "graph_id, input/output/state/config schemas")
    ResponseEntity<String> schemas(@PathVariable String assistantId) {
        GraphProvider p = registry.require(assistantId);
        CompiledGraph graph = registry.graph(LangGraphHttp.tenant(), p.graphId());
        ObjectNode out = LangGraphJson.MAPPER.createObjectNode();
        out.put("graph_id", p.graphId());
        out.set("input_schema", LangGraphJson.object(p.inputSchema()
                .orElseGet(() -> AssistantRegistry.stateSchema(graph, p.graphId() + " input"))));
        out.set("output_schema", LangGraphJson.object(p.outputSchema()
                .orElseGet(() -> AssistantRegistry.stateSchema(graph, p.graphId() + " output"))));
        out.set("state_schema", LangGraphJson.object(AssistantRegistry.stateSchema(graph, p.graphId() + " state")));
        out.set("config_schema", p.configSchema().<JsonNode>map(LangGraphJson::object)
                .orElse(LangGraphJson.MAPPER.nullNode()));
        out.putNull("context_schema");
        return LangGraphHttp.ok(out);
    }

    private static ObjectNode assistant(GraphProvider p) {
        ObjectNode a = LangGraphJson.MAPPER.createObjectNode();
        a.put("assistant_id", AssistantRegistry.assistantId(p.graphId()));
        a.put("graph_id", p.graphId());
        a.putObject("config");
        a.putObject("context");
        a.put("created_at", STARTED.toString());
        a.put("updated_at", STARTED.toString());
        a.set("metadata", LangGraphJson.object(java.util.Map.of("created_by", "system")));
        a.put("version", 1);
        a.put("name", p.graphId());
        a.put("description", p.description());
        return a;
    }
}
