package dev.salesagent.server.agentplatform.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salesagent.server.agentplatform.run.RunService;
import dev.salesagent.server.agentplatform.store.RunStore;
import dev.salesagent.server.agentplatform.store.ThreadStore;
import dev.salesagent.server.platform.web.PlatformException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * LangGraph Platform runs: background, wait and SSE stream, on a thread or stateless; list, get, join, join stream
 * (with {@code Last-Event-ID}), cancel, delete. Every run goes through the durable queue; wait and stream answers are
 * read back from the run's stored events, so they work whichever instance executes the run.
 */
@RestController
@RequestMapping(LangGraphHttp.BASE)
@Tag(name = "LangGraph runs", description = "LangGraph Platform protocol: runs, SSE streaming, join, cancel")
class RunsController {

    /** What every run-creating endpoint honours, for the OpenAPI descriptions. */
    static final String RUN_CREATE = "RunCreate body {assistant_id, input?, command?, stream_mode?, multitask_strategy?,"
            + " if_not_exists?, interrupt_before?, interrupt_after?, checkpoint_id?, checkpoint?, config?, metadata?,"
            + " after_seconds?, on_disconnect?, on_completion?}. input null or absent without a command continues the"
            + " thread (after an interrupt_before pause). command {resume?: value, or {interrupt_id: value} for several"
            + " pending interrupts; update?: object or [key, value] pairs; goto?: node name | Send {node, input} | list}."
            + " interrupt_before / interrupt_after: \"*\" or node names, for this run. checkpoint_id (or"
            + " checkpoint.checkpoint_id, config.configurable.checkpoint_id): run from that past checkpoint on a new"
            + " branch (time travel). config.recursion_limit: max super-steps. 422 invalid-run names the bad field;"
            + " webhook is refused (422): no call would be made.";

    private final RunService service;
    private final RunStore runs;
    private final ThreadStore threads;
    private final LangGraphHttp http;

    RunsController(RunService service, RunStore runs, ThreadStore threads, LangGraphHttp http) {
        this.service = service;
        this.runs = runs;
        this.threads = threads;
        this.http = http;
    }

    @PostMapping("/threads/{threadId}/runs")
    @PreAuthorize("hasAuthority('agents:run')")
    @Operation(summary = "Create a background run", description = RUN_CREATE)
    ResponseEntity<String> create(@PathVariable String threadId, @RequestBody String body) {
        RunStore.RunRow run = service.create(LangGraphHttp.tenant(), LangGraphHttp.uuid(threadId, "thread_id"),
                LangGraphJson.parse(body));
        return LangGraphHttp.ok(run(run), LangGraphHttp.runPath(run.threadId(), run.runId()));
    }

    @PostMapping("/runs")
    @PreAuthorize("hasAuthority('agents:run')")
    @Operation(summary = "Create a stateless background run", description = RUN_CREATE + " Stateless: on a new thread;"
            + " on_completion delete (default: a temporary thread, swept once idle) or keep; no checkpoint_id.")
    ResponseEntity<String> createStateless(@RequestBody String body) {
        RunStore.RunRow run = service.create(LangGraphHttp.tenant(), null, LangGraphJson.parse(body));
        return LangGraphHttp.ok(run(run), LangGraphHttp.runPath(null, run.runId()));
    }

    @PostMapping("/threads/{threadId}/runs/wait")
    @PreAuthorize("hasAuthority('agents:run')")
    @Operation(summary = "Create a run and wait for its output", description = "Answers the thread's final values"
            + " (with __interrupt__ when paused, __error__ when failed); a newline every second keeps the connection"
            + " alive meanwhile. " + RUN_CREATE)
    void waitRun(@PathVariable String threadId, @RequestBody String body, HttpServletResponse response)
            throws IOException {
        createAndWait(LangGraphHttp.uuid(threadId, "thread_id"), body, response);
    }

    @PostMapping("/runs/wait")
    @PreAuthorize("hasAuthority('agents:run')")
    @Operation(summary = "Create a stateless run and wait for its output", description = RUN_CREATE)
    void waitStateless(@RequestBody String body, HttpServletResponse response) throws IOException {
        createAndWait(null, body, response);
    }

    @PostMapping("/threads/{threadId}/runs/stream")
    @PreAuthorize("hasAuthority('agents:run')")
    @Operation(summary = "Create a run and stream it (SSE)", description = "Events: metadata {run_id, attempt} first,"
            + " then one per part of each stream_mode (values, updates, messages, messages-tuple, custom, debug),"
            + " error on failure; ': heartbeat' comments while idle; id = sequence for Last-Event-ID. " + RUN_CREATE)
    void stream(@PathVariable String threadId, @RequestBody String body, HttpServletResponse response)
            throws IOException {
        createAndStream(LangGraphHttp.uuid(threadId, "thread_id"), body, response);
    }

    @PostMapping("/runs/stream")
    @PreAuthorize("hasAuthority('agents:run')")
    @Operation(summary = "Create a stateless run and stream it (SSE)", description = RUN_CREATE)
    void streamStateless(@RequestBody String body, HttpServletResponse response) throws IOException {
        createAndStream(null, body, response);
    }

    @GetMapping("/threads/{threadId}/runs")
    @PreAuthorize("hasAuthority('agents:read')")
    @Operation(summary = "List a thread's runs", description = "Newest first; query limit (10), offset, status")
    ResponseEntity<String> list(@PathVariable String threadId, @RequestParam(defaultValue = "10") int limit,
                                @RequestParam(defaultValue = "0") int offset,
                                @RequestParam(required = false) String status) {
        UUID tenant = LangGraphHttp.tenant();
        UUID thread = LangGraphHttp.uuid(threadId, "thread_id");
        threads.find(tenant, thread).orElseThrow(() -> PlatformException.notFound("Thread"));
        ArrayNode out = LangGraphJson.MAPPER.createArrayNode();
        runs.list(tenant, thread, status, Math.min(Math.max(limit, 1), 1000), Math.max(offset, 0))
                .forEach(r -> out.add(run(r)));
        return LangGraphHttp.ok(out);
    }

    @GetMapping("/threads/{threadId}/runs/{runId}")
    @PreAuthorize("hasAuthority('agents:read')")
    @Operation(summary = "Get a run", description = "With its status and recorded usage (tokens, USD)")
    ResponseEntity<String> get(@PathVariable String threadId, @PathVariable String runId) {
        return LangGraphHttp.ok(run(require(threadId, runId)));
    }

    @DeleteMapping("/threads/{threadId}/runs/{runId}")
    @PreAuthorize("hasAuthority('agents:run')")
    @Operation(summary = "Delete a finished run")
    ResponseEntity<Void> delete(@PathVariable String threadId, @PathVariable String runId) {
        RunStore.RunRow run = require(threadId, runId);
        if (!run.finished()) {
            throw PlatformException.conflict("Run is still " + run.status() + "; cancel it first");
        }
        runs.delete(run.runId());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/threads/{threadId}/runs/{runId}/join")
    @PreAuthorize("hasAuthority('agents:read')")
    @Operation(summary = "Wait for a run and answer the thread's values")
    ResponseEntity<String> join(@PathVariable String threadId, @PathVariable String runId)
            throws InterruptedException {
        RunStore.RunRow run = require(threadId, runId);
        RunStore.RunRow done = service.await(run.tenantId(), run.runId(), http.poll(), () -> { });
        return LangGraphHttp.ok(service.result(done));
    }

    @GetMapping("/threads/{threadId}/runs/{runId}/stream")
    @PreAuthorize("hasAuthority('agents:read')")
    @Operation(summary = "Join a run's SSE stream", description = "Replays the run's events after Last-Event-ID (from"
            + " the first when absent), then follows it until it ends")
    void joinStream(@PathVariable String threadId, @PathVariable String runId,
                    @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
                    @RequestParam(name = "cancel_on_disconnect", required = false) String cancelOnDisconnect,
                    HttpServletResponse response) throws IOException {
        RunStore.RunRow run = require(threadId, runId);
        LangGraphHttp.openSse(response, run.threadId(), run.runId());
        http.stream(response, run.tenantId(), run.runId(), LangGraphHttp.lastEventId(lastEventId),
                "1".equals(cancelOnDisconnect) || "true".equalsIgnoreCase(cancelOnDisconnect));
    }

    @PostMapping("/threads/{threadId}/runs/{runId}/cancel")
    @PreAuthorize("hasAuthority('agents:run')")
    @Operation(summary = "Cancel a run", description = "Query wait (0/1), action (interrupt|rollback: rollback also"
            + " deletes the run); 202, or 204 when waited")
    ResponseEntity<Void> cancel(@PathVariable String threadId, @PathVariable String runId,
                                @RequestParam(defaultValue = "0") String wait,
                                @RequestParam(defaultValue = "interrupt") String action) {
        RunStore.RunRow run = require(threadId, runId);
        if (!"interrupt".equals(action) && !"rollback".equals(action)) {
            throw new PlatformException(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-action", "Invalid action",
                    "action must be interrupt or rollback but was '" + action + "'");
        }
        runs.cancel(run.runId(), action);
        if ("rollback".equals(action)) {
            runs.delete(run.runId());
        }
        boolean waited = "1".equals(wait) || "true".equalsIgnoreCase(wait);
        return ResponseEntity.status(waited ? HttpStatus.NO_CONTENT : HttpStatus.ACCEPTED).build();
    }

    private void createAndWait(UUID threadId, String body, HttpServletResponse response) throws IOException {
        UUID tenant = LangGraphHttp.tenant();
        RunStore.RunRow run = service.create(tenant, threadId, LangGraphJson.parse(body));
        response.setStatus(200);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Content-Location", LangGraphHttp.runPath(threadId == null ? null : run.threadId(),
                run.runId()));
        OutputStream out = response.getOutputStream();
        JsonNode result;
        try {
            RunStore.RunRow done = service.await(tenant, run.runId(), http.poll(), () -> {
                try {
                    out.write('\n');
                    out.flush();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            result = service.result(done);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (java.io.UncheckedIOException gone) {
            return;
        }
        out.write(LangGraphJson.write(result).getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void createAndStream(UUID threadId, String body, HttpServletResponse response) throws IOException {
        UUID tenant = LangGraphHttp.tenant();
        JsonNode b = LangGraphJson.parse(body);
        RunStore.RunRow run = service.create(tenant, threadId, b);
        LangGraphHttp.openSse(response, threadId == null ? null : run.threadId(), run.runId());
        http.stream(response, tenant, run.runId(), -1, "cancel".equals(b.path("on_disconnect").asText()));
    }

    private RunStore.RunRow require(String threadId, String runId) {
        UUID thread = LangGraphHttp.uuid(threadId, "thread_id");
        RunStore.RunRow run = runs.find(LangGraphHttp.tenant(), LangGraphHttp.uuid(runId, "run_id"))
                .filter(r -> r.threadId().equals(thread)).orElseThrow(() -> PlatformException.notFound("Run"));
        return run;
    }

    static ObjectNode run(RunStore.RunRow r) {
        ObjectNode n = LangGraphJson.MAPPER.createObjectNode();
        n.put("run_id", r.runId().toString());
        n.put("thread_id", r.threadId().toString());
        n.put("assistant_id", r.assistantId());
        n.put("created_at", r.createdAt().toString());
        n.put("updated_at", r.updatedAt().toString());
        n.put("status", r.status());
        n.set("metadata", r.metadata());
        n.put("multitask_strategy", r.multitaskStrategy());
        n.set("kwargs", r.kwargs());
        n.put("attempt", r.attempt());
        ObjectNode usage = n.putObject("usage");
        usage.put("input_tokens", r.inputTokens());
        usage.put("output_tokens", r.outputTokens());
        usage.put("cost_usd", r.costUsd());
        if (r.error() != null && !r.finished()) {
            n.put("cancel_reason", r.error());
        }
        return n;
    }
}
