package dev.salesagent.server.workspace.run;

import dev.salesagent.server.platform.security.PlatformAuthentication;
import dev.salesagent.server.platform.web.Cursors;
import dev.salesagent.server.platform.web.Page;
import dev.salesagent.server.platform.web.PlatformException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Agent runs: start, read with steps, follow over SSE, cancel, resume after approval. */
@RestController
@RequestMapping("/api/v1/agent-runs")
@Tag(name = "Agent runs", description = "Graph runs of the SDK's sales agents over the tenant's leads")
class AgentRunController {

    /** Steps shown with a run (the first ones, in order). */
    static final int STEPS_SHOWN = 1000;

    private final AgentRuns runs;
    private final RunEventStream stream;
    private final JsonMapper json;

    AgentRunController(AgentRuns runs, RunEventStream stream, JsonMapper json) {
        this.runs = runs;
        this.stream = stream;
        this.json = json;
    }

    /** Body of {@code POST /api/v1/agent-runs}. */
    record StartRun(String type, List<UUID> leadIds, Boolean requireApproval) {
    }

    /** Body of {@code POST /api/v1/agent-runs/{id}/resume}. */
    record ResumeRun(Boolean approve) {
    }

    /** A run as the API shows it; {@code steps} only on the single-run read. */
    record RunView(UUID id, String type, String status, List<UUID> leadIds, boolean requireApproval, String method,
                   String model, long inputTokens, long outputTokens, BigDecimal costUsd, String error, int attempts,
                   UUID createdBy, Instant createdAt, Instant startedAt, Instant finishedAt, JsonNode output,
                   Integer stepsTotal, List<AgentRun.Step> steps) {
    }

    private RunView view(AgentRun r, AgentRuns.StepPage steps) {
        return new RunView(r.id(), r.type(), r.status(), r.leadIds(), r.requireApproval(), r.method(), r.model(),
                r.inputTokens(), r.outputTokens(), r.costUsd(), r.error(), r.attempts(), r.createdBy(), r.createdAt(),
                r.startedAt(), r.finishedAt(), steps == null || r.output() == null ? null : json.readTree(r.output()),
                steps == null ? null : steps.total(), steps == null ? null : steps.steps());
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PreAuthorize("hasAuthority('agent-runs:write')")
    @Operation(summary = "Start an agent run", description = "type: research | lead_pipeline | outreach | follow_up; "
            + "lead_ids: 1-10,000 leads the caller can see; require_approval (lead_pipeline only): pause before the "
            + "CRM sync. Answers 202 with the queued run; it executes in the background (follow GET .../events).")
    RunView start(@RequestBody StartRun body) {
        return view(runs.start(PlatformAuthentication.require(), body.type(), body.leadIds(),
                Boolean.TRUE.equals(body.requireApproval())), null);
    }

    @GetMapping
    @PreAuthorize("hasAuthority('agent-runs:read')")
    @Operation(summary = "List agent runs", description = "Filters type, status; cursor paging, oldest first. "
            + "Sales reps see their own runs.")
    Page<RunView> list(@RequestParam(required = false) String type, @RequestParam(required = false) String status,
                       @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        int size = Page.limit(limit);
        List<AgentRun> rows = runs.list(PlatformAuthentication.require(), type, status, cursor, size + 1);
        String next = rows.size() > size ? Cursors.encode(rows.get(size - 1).createdAt(), rows.get(size - 1).id()) : null;
        return new Page<>(rows.stream().limit(size).map(r -> view(r, null)).toList(), next);
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('agent-runs:read')")
    @Operation(summary = "Get an agent run", description = "Status, tokens in/out, cost (USD, exact), model, method, "
            + "output and the node steps (name, start, duration, outcome; the first 1,000).")
    RunView get(@PathVariable UUID id) {
        var user = PlatformAuthentication.require();
        return view(runs.get(user, id), runs.steps(user, id, STEPS_SHOWN));
    }

    @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @PreAuthorize("hasAuthority('agent-runs:read')")
    @Operation(summary = "Follow an agent run (SSE)", description = "Events in order: run.started, step.started, "
            + "step.completed, step.failed, run.awaiting_approval, run.resumed, then run.completed, run.failed or "
            + "run.cancelled (the stream ends). Replayed from the start for late subscribers; send Last-Event-ID "
            + "(or last_event_id) to continue after an event.")
    SseEmitter events(@PathVariable UUID id,
                      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventIdHeader,
                      @RequestParam(name = "last_event_id", required = false) String lastEventIdParam) {
        AgentRun run = runs.get(PlatformAuthentication.require(), id);
        String last = lastEventIdHeader != null ? lastEventIdHeader : lastEventIdParam;
        long after;
        try {
            after = last == null || last.isBlank() ? 0 : Long.parseLong(last.strip());
        } catch (NumberFormatException e) {
            throw PlatformException.badRequest("Last-Event-ID must be an event id from this stream");
        }
        return stream.open(run, after);
    }

    @PostMapping("/{id}/cancel")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PreAuthorize("hasAuthority('agent-runs:write')")
    @Operation(summary = "Cancel an agent run", description = "A queued or paused run is cancelled at once; a running "
            + "one is interrupted and ends cancelled. A finished run is returned unchanged.")
    RunView cancel(@PathVariable UUID id) {
        return view(runs.cancel(PlatformAuthentication.require(), id), null);
    }

    @PostMapping("/{id}/resume")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PreAuthorize("hasAuthority('agent-runs:write')")
    @Operation(summary = "Resume a run awaiting approval", description = "{\"approve\": true} syncs to the CRM, "
            + "false completes without syncing; 409 when the run is not awaiting approval.")
    RunView resume(@PathVariable UUID id, @RequestBody(required = false) ResumeRun body) {
        boolean approve = body == null || body.approve() == null || body.approve();
        return view(runs.resume(PlatformAuthentication.require(), id, approve), null);
    }
}
