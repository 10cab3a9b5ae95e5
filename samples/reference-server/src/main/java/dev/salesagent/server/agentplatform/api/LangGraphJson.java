package dev.salesagent.server.agentplatform.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.salesagent.agents.graph.Checkpoint;
import dev.salesagent.agents.graph.CompiledGraph;
import dev.salesagent.agents.graph.RunResult;
import dev.salesagent.server.platform.web.PlatformException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * The LangGraph Platform wire shapes (snake_case JSON, as {@code @langchain/langgraph-sdk}'s {@code schema.ts}
 * declares them) built with one Jackson 2 mapper, the one the graph runtime's state codec uses.
 */
public final class LangGraphJson {

    /** The mapper for request and response bodies of the LangGraph endpoints. */
    public static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private LangGraphJson() {
    }

    /**
     * Parses a request body.
     *
     * @throws PlatformException 400 when the body is not JSON
     */
    public static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MAPPER.createObjectNode();
        }
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new PlatformException(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON",
                    "The body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** {@return a value as JSON text} */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON", e);
        }
    }

    /** {@return LangGraph's checkpoint reference {@code {thread_id, checkpoint_ns, checkpoint_id, checkpoint_map}}} */
    public static ObjectNode checkpointRef(String threadId, String checkpointId) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("thread_id", threadId);
        n.put("checkpoint_ns", "");
        n.put("checkpoint_id", checkpointId);
        n.putNull("checkpoint_map");
        return n;
    }

    /** {@return LangGraph's {@code Interrupt} list: {@code [{"value": ..., "id": ...}]}} */
    public static ArrayNode interrupts(List<RunResult.Interrupt> interrupts) {
        ArrayNode a = MAPPER.createArrayNode();
        for (RunResult.Interrupt i : interrupts) {
            ObjectNode n = a.addObject();
            n.set("value", MAPPER.valueToTree(i.payload()));
            n.put("id", i.id());
        }
        return a;
    }

    /**
     * A checkpoint as LangGraph's {@code ThreadState}: values, next nodes, checkpoint, metadata, parent, and one task
     * per next node carrying that node's interrupts.
     */
    public static ObjectNode threadState(CompiledGraph graph, Checkpoint c) {
        ObjectNode n = MAPPER.createObjectNode();
        n.set("values", graph.codec().encodeState(c.state()));
        ArrayNode next = n.putArray("next");
        c.nextNodes().forEach(next::add);
        n.set("checkpoint", checkpointRef(c.threadId(), c.id()));
        ObjectNode metadata = MAPPER.valueToTree(c.metadata());
        metadata.put("step", c.step());
        n.set("metadata", metadata);
        n.put("created_at", c.createdAt() == null ? null : c.createdAt().toString());
        n.set("parent_checkpoint", c.parentId() == null ? MAPPER.nullNode() : checkpointRef(c.threadId(), c.parentId()));
        ArrayNode tasks = n.putArray("tasks");
        List<RunResult.Interrupt> all = c.interrupts();
        for (int i = 0; i < c.next().size(); i++) {
            String node = c.next().get(i).node();
            ObjectNode t = tasks.addObject();
            t.put("id", c.id() + ":" + i);
            t.put("name", node);
            t.putNull("error");
            t.set("interrupts", interrupts(all.stream().filter(x -> node.equals(x.node())).toList()));
            t.putNull("checkpoint");
            t.putNull("state");
        }
        return n;
    }

    /** {@return a JSON object of a map} */
    public static ObjectNode object(Map<String, ?> map) {
        return MAPPER.valueToTree(map);
    }
}
