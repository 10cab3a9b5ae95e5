package dev.salesagent.server.agentplatform.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salesagent.agents.graph.CompiledGraph;
import dev.salesagent.agents.platform.GraphProvider;
import dev.salesagent.server.agentplatform.api.LangGraphJson;
import dev.salesagent.server.agentplatform.graph.AssistantRegistry;
import dev.salesagent.server.agentplatform.license.AgentLicenses;
import dev.salesagent.server.agentplatform.license.RunQuotaExceededException;
import dev.salesagent.server.agentplatform.store.RunStore;
import dev.salesagent.server.agentplatform.store.ThreadStore;
import dev.salesagent.server.platform.web.PlatformException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates runs as the LangGraph API does ({@code createValidRun}): validates the assistant, the stream modes and the
 * multitask strategy, creates the thread when {@code if_not_exists} is {@code create}, and applies the strategy to
 * the thread's runs in flight ({@code reject}: 422; {@code enqueue}: queued behind them; {@code interrupt}: they are
 * cancelled; {@code rollback}: they are cancelled and deleted). The run options ({@code command}, {@code interrupt_before},
 * {@code interrupt_after}, {@code checkpoint_id}, {@code on_completion}) are checked here against the graph
 * ({@link RunOptions}), so a bad shape is a 422 before anything is queued; {@code webhook} is refused (no call would be
 * made).
 */
@Service
public class RunService {

    /** The protocol's stream modes this server streams (each backed by a runtime stream mode). */
    static final Set<String> STREAM_MODES = Set.of("values", "messages", "messages-tuple", "updates", "debug", "custom");
    /** Modes of the protocol without a runtime counterpart here: refused with 422 rather than streaming nothing. */
    static final Set<String> UNSUPPORTED_STREAM_MODES = Set.of("events", "tasks", "checkpoints");
    static final Set<String> STRATEGIES = Set.of("reject", "enqueue", "interrupt", "rollback");

    private final AssistantRegistry registry;
    private final RunStore runs;
    private final ThreadStore threads;
    private final RunSignals signals;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AgentLicenses licenses;

    RunService(AssistantRegistry registry, RunStore runs, ThreadStore threads, RunSignals signals,
               TransactionTemplate tx, Clock clock, AgentLicenses licenses) {
        this.licenses = licenses;
        this.registry = registry;
        this.runs = runs;
        this.threads = threads;
        this.signals = signals;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Creates a pending run.
     *
     * @param tenantId the caller's tenant
     * @param threadId the thread, or null for a stateless run (on a temporary thread)
     * @param body     the {@code RunCreate} body
     * @return the run row
     * @throws PlatformException 403 {@code assistant-not-licensed}, 404 (assistant or thread), 409 (thread id of
     *                           another tenant), 422 (invalid body, or {@code reject} while the thread is busy), 429
     *                           {@code run-quota-exceeded} ({@link RunQuotaExceededException}: the tenant's runs this
     *                           month reached its license; a create refused otherwise is not counted)
     */
    public RunStore.RunRow create(UUID tenantId, UUID threadId, JsonNode body) {
        String assistant = text(body, "assistant_id");
        if (assistant == null) {
            throw invalid("assistant_id is required");
        }
        GraphProvider provider = registry.require(assistant);
        licenses.requireLicensed(tenantId, provider.graphId());
        String strategy = body.hasNonNull("multitask_strategy") ? body.get("multitask_strategy").asText() : "reject";
        if (!STRATEGIES.contains(strategy)) {
            throw invalid("multitask_strategy must be one of " + STRATEGIES + " but was '" + strategy + "'");
        }
        for (String mode : RunExecutor.modes(body.path("stream_mode"))) {
            if (UNSUPPORTED_STREAM_MODES.contains(mode)) {
                throw invalid("stream_mode '" + mode + "' is not supported by this server (it streams "
                        + STREAM_MODES + ")");
            }
            if (!STREAM_MODES.contains(mode)) {
                throw invalid("stream_mode must be among " + STREAM_MODES + " but was '" + mode + "'");
            }
        }
        if (body.has("input") && !body.get("input").isNull() && !body.get("input").isObject()) {
            throw invalid("input must be a JSON object of state keys");
        }
        if (body.hasNonNull("webhook")) {
            throw invalid("webhook is not supported by this server (no call would be made): poll the run, join it"
                    + " (/join, /stream) or use /runs/wait instead");
        }
        String onCompletion = text(body, "on_completion");
        if (onCompletion != null && !RunOptions.ON_COMPLETION.contains(onCompletion)) {
            throw invalid("on_completion must be one of " + RunOptions.ON_COMPLETION + " but was '" + onCompletion
                    + "'");
        }
        CompiledGraph graph = registry.graph(tenantId, provider.graphId());
        RunOptions options = RunOptions.parse(graph, body);
        if (threadId == null && options.checkpointId() != null) {
            throw invalid("checkpoint_id needs a thread: a stateless run starts on a new thread without checkpoints");
        }
        ObjectNode kwargs = LangGraphJson.MAPPER.createObjectNode();
        for (String k : List.of("input", "command", "config", "context", "stream_mode", "interrupt_before",
                "interrupt_after", "on_completion", "checkpoint_id", "checkpoint")) {
            if (body.has(k)) {
                kwargs.set(k, body.get(k));
            }
        }
        JsonNode metadata = body.path("metadata").isObject() ? body.get("metadata") : LangGraphJson.MAPPER.createObjectNode();
        java.time.Instant notBefore = body.path("after_seconds").canConvertToInt()
                ? clock.instant().plus(Duration.ofSeconds(body.get("after_seconds").asInt())) : null;
        UUID runId = UuidV7.next(clock);
        String assistantId = AssistantRegistry.assistantId(provider.graphId());
        RunStore.RunRow created = tx.execute(status -> {
            licenses.countRun(tenantId);
            UUID thread = threadId;
            if (thread == null) {
                thread = UuidV7.next(clock);
                // on_completion "delete" (the default): a temporary thread, swept once idle; "keep": a thread like any
                threads.insert(tenantId, thread, provider.graphId(), LangGraphJson.MAPPER.createObjectNode(),
                        !"keep".equals(onCompletion));
            } else if (threads.find(tenantId, thread).isEmpty()) {
                if (!"create".equals(text(body, "if_not_exists"))) {
                    throw PlatformException.notFound("Thread");
                }
                ObjectNode meta = LangGraphJson.MAPPER.createObjectNode();
                meta.put("graph_id", provider.graphId());
                if (!threads.insert(tenantId, thread, provider.graphId(), meta, false)) {
                    throw PlatformException.conflict("Thread id is taken");
                }
            }
            runs.lockThread(thread);
            threads.bindGraph(tenantId, thread, provider.graphId());
            List<RunStore.RunRow> inflight = runs.inflight(thread);
            if (!inflight.isEmpty()) {
                switch (strategy) {
                    case "reject" -> throw new PlatformException(HttpStatus.UNPROCESSABLE_ENTITY, "thread-busy",
                            "Thread is busy", "Thread is already running a task. Wait for it to finish or choose a"
                            + " different multitask strategy.");
                    case "interrupt" -> inflight.forEach(r -> runs.cancel(r.runId(), "interrupt"));
                    case "rollback" -> inflight.forEach(r -> {
                        runs.cancel(r.runId(), "rollback");
                        runs.delete(r.runId());
                    });
                    default -> {
                    }
                }
            }
            runs.insert(runId, tenantId, thread, assistantId, provider.graphId(), strategy, kwargs, metadata, notBefore);
            return runs.find(runId).orElseThrow();
        });
        signals.runQueued();
        return created;
    }

    /**
     * Waits until a run finishes (polling, woken early by this instance's workers).
     *
     * @param tenantId the caller's tenant
     * @param runId    the run
     * @param onTick   called about every second while waiting (the wait endpoints write a keep-alive newline)
     * @return the finished run
     * @throws PlatformException 404 when the run is not the tenant's (or was deleted)
     */
    public RunStore.RunRow await(UUID tenantId, UUID runId, Duration poll, Runnable onTick) throws InterruptedException {
        long lastTick = System.nanoTime();
        while (true) {
            RunStore.RunRow run = runs.find(tenantId, runId).orElseThrow(() -> PlatformException.notFound("Run"));
            if (run.finished()) {
                return run;
            }
            signals.awaitEvent(runId, poll);
            if (System.nanoTime() - lastTick > 1_000_000_000L) {
                lastTick = System.nanoTime();
                onTick.run();
            }
        }
    }

    /**
     * The thread's values after a finished run, as {@code /runs/wait} and {@code /join} answer: the state values, with
     * {@code __interrupt__} when the thread is paused, or {@code {"__error__": {error, message}}} when the run failed.
     */
    public JsonNode result(RunStore.RunRow run) {
        if ("error".equals(run.status())) {
            ObjectNode err = LangGraphJson.MAPPER.createObjectNode();
            err.set("__error__", LangGraphJson.object(java.util.Map.of("error", "Error", "message",
                    run.error() == null ? "" : run.error())));
            return err;
        }
        CompiledGraph graph = registry.graph(run.tenantId(), run.graphId());
        ObjectNode values = LangGraphJson.MAPPER.createObjectNode();
        graph.snapshot(run.threadId().toString()).ifPresent(s -> {
            values.setAll(graph.codec().encodeState(s.values()));
            if (!s.interrupts().isEmpty()) {
                values.set("__interrupt__", LangGraphJson.interrupts(s.interrupts()));
            }
        });
        return values;
    }

    private static String text(JsonNode body, String field) {
        return body.hasNonNull(field) ? body.get(field).asText() : null;
    }

    private static PlatformException invalid(String detail) {
        return new PlatformException(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-run", "Invalid run", detail);
    }
}
