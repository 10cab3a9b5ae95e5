package dev.salesagent.server.agentplatform.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salesagent.agents.graph.Checkpoint;
import dev.salesagent.agents.graph.CompiledGraph;
import dev.salesagent.agents.graph.StateSnapshot;
import dev.salesagent.agents.graph.Update;
import dev.salesagent.server.agentplatform.graph.AssistantRegistry;
import dev.salesagent.server.agentplatform.run.UuidV7;
import dev.salesagent.server.agentplatform.store.RunStore;
import dev.salesagent.server.agentplatform.store.ThreadStore;
import dev.salesagent.server.platform.web.PlatformException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** LangGraph Platform threads of the caller's tenant: create, get, search, delete, state, history. */
@RestController
@RequestMapping(LangGraphHttp.BASE)
@Tag(name = "LangGraph threads", description = "LangGraph Platform protocol: threads, their state and history")
class ThreadsController {

    private final ThreadStore threads;
    private final RunStore runs;
    private final AssistantRegistry registry;
    private final Clock clock;

    ThreadsController(ThreadStore threads, RunStore runs, AssistantRegistry registry, Clock clock) {
        this.threads = threads;
        this.runs = runs;
        this.registry = registry;
        this.clock = clock;
    }

    @PostMapping("/threads")
    @PreAuthorize("hasAuthority('agents:run')")
    @Operation(summary = "Create a thread", description = "Body {thread_id?, metadata?, if_exists: raise|do_nothing};"
            + " metadata.graph_id binds the thread to a graph")
    ResponseEntity<String> create(@RequestBody(required = false) String body) {
        UUID tenant = LangGraphHttp.tenant();
        JsonNode b = LangGraphJson.parse(body);
        UUID threadId = b.hasNonNull("thread_id") ? LangGraphHttp.uuid(b.get("thread_id").asText(), "thread_id")
                : UuidV7.next(clock);
        ObjectNode metadata = b.path("metadata").isObject() ? (ObjectNode) b.get("metadata").deepCopy()
                : LangGraphJson.MAPPER.createObjectNode();
        String graphId = metadata.hasNonNull("graph_id") ? registry.require(metadata.get("graph_id").asText()).graphId()
                : null;
        if (!threads.insert(tenant, threadId, graphId, metadata, false)) {
            Optional<ThreadStore.ThreadRow> mine = threads.find(tenant, threadId);
            if (mine.isEmpty() || !"do_nothing".equals(b.path("if_exists").asText("raise"))) {
                throw PlatformException.conflict("Thread already exists");
            }
        }
        return LangGraphHttp.ok(thread(require(tenant, threadId)));
    }

    @GetMapping("/threads/{threadId}")
    @PreAuthorize("hasAuthority('agents:read')")
    @Operation(summary = "Get a thread", description = "With its current values and pending interrupts")
    ResponseEntity<String> get(@PathVariable String threadId) {
        return LangGraphHttp.ok(thread(require(LangGraphHttp.tenant(), LangGraphHttp.uuid(threadId, "thread_id"))));
    }

    @PostMapping("/threads/search")
    @PreAuthorize("hasAuthority('agents:read')")
    @Operation(summary = "Search threads", description = "Body {metadata?, status?, ids?, limit (default 10), offset}")
    ResponseEntity<String> search(@RequestBody(required = false) String body) {
        JsonNode q = LangGraphJson.parse(body);
        List<UUID> ids = new ArrayList<>();
        q.path("ids").forEach(id -> ids.add(LangGraphHttp.uuid(id.asText(), "ids")));
        ArrayNode out = LangGraphJson.MAPPER.createArrayNode();
        threads.search(LangGraphHttp.tenant(), q.get("metadata"), q.hasNonNull("status") ? q.get("status").asText()
                : null, ids, Math.min(1000, q.path("limit").asInt(10)), q.path("offset").asInt(0))
                .forEach(t -> out.add(thread(t)));
        return LangGraphHttp.ok(out);
    }

    @DeleteMapping("/threads/{threadId}")
    @PreAuthorize("hasAuthority('agents:run')")
    @Operation(summary = "Delete a thread", description = "With its runs, their events and every checkpoint")
    ResponseEntity<Void> delete(@PathVariable String threadId) {
        UUID tenant = LangGraphHttp.tenant();
        UUID id = LangGraphHttp.uuid(threadId, "thread_id");
        require(tenant, id);
        runs.inflight(id).forEach(r -> runs.cancel(r.runId(), "thread deleted"));
        threads.delete(tenant, id);
        registry.checkpointer().deleteThread(id.toString());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/threads/{threadId}/state")
    @PreAuthorize("hasAuthority('agents:read')")
    @Operation(summary = "Get a thread's state", description = "LangGraph ThreadState of the latest checkpoint")
    ResponseEntity<String> state(@PathVariable String threadId) {
        ThreadStore.ThreadRow t = require(LangGraphHttp.tenant(), LangGraphHttp.uuid(threadId, "thread_id"));
        Optional<CompiledGraph> graph = graph(t);
        Optional<Checkpoint> latest = graph.flatMap(g -> g.state(t.threadId().toString()));
        if (latest.isEmpty()) {
            ObjectNode empty = LangGraphJson.MAPPER.createObjectNode();
            empty.putObject("values");
            empty.putArray("next");
            empty.set("checkpoint", LangGraphJson.checkpointRef(t.threadId().toString(), null));
            empty.putObject("metadata");
            empty.putNull("created_at");
            empty.putNull("parent_checkpoint");
            empty.putArray("tasks");
            return LangGraphHttp.ok(empty);
        }
        return LangGraphHttp.ok(LangGraphJson.threadState(graph.get(), latest.get()));
    }

    @PostMapping("/threads/{threadId}/state")
    @PreAuthorize("hasAuthority('agents:run')")
    @Operation(summary = "Update a thread's state", description = "Body {values, as_node?, checkpoint_id?}; answers"
            + " {checkpoint}")
    ResponseEntity<String> updateState(@PathVariable String threadId, @RequestBody String body) {
        ThreadStore.ThreadRow t = require(LangGraphHttp.tenant(), LangGraphHttp.uuid(threadId, "thread_id"));
        CompiledGraph graph = graph(t).orElseThrow(() -> new PlatformException(HttpStatus.UNPROCESSABLE_ENTITY,
                "thread-without-graph", "Thread has no graph", "Run the thread once or create it with"
                + " metadata.graph_id before updating its state"));
        if (!runs.inflight(t.threadId()).isEmpty()) {
            throw PlatformException.conflict("Thread is busy: a run is in flight");
        }
        JsonNode b = LangGraphJson.parse(body);
        Update edit = AssistantRegistry.toUpdate(graph, b.get("values"));
        String asNode = b.hasNonNull("as_node") ? b.get("as_node").asText() : null;
        String tid = t.threadId().toString();
        Checkpoint saved = b.hasNonNull("checkpoint_id")
                ? graph.updateState(tid, b.get("checkpoint_id").asText(), edit, asNode)
                : asNode == null ? graph.updateState(tid, edit) : graph.updateState(tid, edit, asNode);
        ObjectNode out = LangGraphJson.MAPPER.createObjectNode();
        out.set("checkpoint", LangGraphJson.checkpointRef(tid, saved.id()));
        return LangGraphHttp.ok(out);
    }

    @PostMapping("/threads/{threadId}/history")
    @PreAuthorize("hasAuthority('agents:read')")
    @Operation(summary = "Get a thread's history", description = "Body {limit (default 10), before?}; ThreadStates,"
            + " newest first")
    ResponseEntity<String> history(@PathVariable String threadId, @RequestBody(required = false) String body) {
        JsonNode b = LangGraphJson.parse(body);
        String before = b.path("before").path("configurable").path("checkpoint_id").asText(
                b.path("before").path("checkpoint_id").asText(null));
        return history(threadId, Math.max(1, b.path("limit").asInt(10)), before);
    }

    @GetMapping("/threads/{threadId}/history")
    @PreAuthorize("hasAuthority('agents:read')")
    @Operation(summary = "Get a thread's history (GET form)", description = "Query limit, before")
    ResponseEntity<String> historyGet(@PathVariable String threadId, @RequestParam(defaultValue = "10") int limit,
                                      @RequestParam(required = false) String before) {
        return history(threadId, Math.max(1, limit), before);
    }

    private ResponseEntity<String> history(String threadId, int limit, String before) {
        ThreadStore.ThreadRow t = require(LangGraphHttp.tenant(), LangGraphHttp.uuid(threadId, "thread_id"));
        ArrayNode out = LangGraphJson.MAPPER.createArrayNode();
        graph(t).ifPresent(g -> registry.checkpointer().history(t.threadId().toString(), before, Math.min(limit, 1000),
                g.codec()).forEach(c -> out.add(LangGraphJson.threadState(g, c))));
        return LangGraphHttp.ok(out);
    }

    private ThreadStore.ThreadRow require(UUID tenant, UUID threadId) {
        return threads.find(tenant, threadId).orElseThrow(() -> PlatformException.notFound("Thread"));
    }

    private Optional<CompiledGraph> graph(ThreadStore.ThreadRow t) {
        return Optional.ofNullable(t.graphId()).map(g -> registry.graph(t.tenantId(), g));
    }

    private ObjectNode thread(ThreadStore.ThreadRow t) {
        ObjectNode n = LangGraphJson.MAPPER.createObjectNode();
        n.put("thread_id", t.threadId().toString());
        n.put("created_at", t.createdAt().toString());
        n.put("updated_at", t.updatedAt().toString());
        n.put("state_updated_at", t.updatedAt().toString());
        n.set("metadata", t.metadata());
        n.put("status", t.status());
        ObjectNode values = n.putObject("values");
        ObjectNode interrupts = n.putObject("interrupts");
        graph(t).ifPresent(g -> g.snapshot(t.threadId().toString()).ifPresent((StateSnapshot s) -> {
            values.setAll(g.codec().encodeState(s.values()));
            for (var i : s.interrupts()) {
                String task = s.checkpoint().id() + ":" + s.checkpoint().nextNodes().indexOf(i.node());
                ArrayNode list = interrupts.has(task) ? (ArrayNode) interrupts.get(task) : interrupts.putArray(task);
                list.addAll(LangGraphJson.interrupts(List.of(i)));
            }
        }));
        n.putObject("config");
        return n;
    }
}
