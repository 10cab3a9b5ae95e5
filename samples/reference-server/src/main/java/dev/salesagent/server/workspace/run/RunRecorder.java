package dev.salesagent.server.workspace.run;

import dev.salesagent.agents.graph.GraphEvent;
import dev.salesagent.agents.graph.GraphListener;
import dev.salesagent.agents.graph.NodeExecutionException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records one execution (start, resume or approval) of an agent run: turns the graph runtime's events into step rows
 * ({@code agent_run_step}) and the run's event log ({@code agent_run_event}, the SSE stream), numbered on from what
 * earlier executions wrote. Called from the graph's threads; buffers and writes in batches ({@link #flush()}: when
 * {@value #FLUSH_AT} entries are waiting, on the worker's timer and at the end), then wakes the SSE subscribers.
 *
 * <p>Numbering starts at {@link #begin()}, called once the execution holds the run's claim, and writes are fenced by
 * that claim ({@link AgentRunStore#append}): an instance that lost the run writes nothing, so two executions never
 * number into one sequence.
 *
 * <p>The first {@code RunStarted} of an execution is the pipeline graph's; every other graph run reported is a
 * per-lead run (graph {@code lead}).
 */
final class RunRecorder implements GraphListener {

    private static final Logger log = LoggerFactory.getLogger(RunRecorder.class);

    static final int FLUSH_AT = 500;

    private final UUID runId;
    private final UUID tenantId;
    private final String instance;
    private final AgentRunStore store;
    private final RunEventHub hub;
    private final JsonMapper json;
    private final Clock clock;
    private final Object lock = new Object();
    private List<AgentRun.Step> steps = new ArrayList<>();
    private List<AgentRun.Event> events = new ArrayList<>();
    private int stepSeq;
    private long eventSeq;
    private String pipelineRunId;

    RunRecorder(UUID runId, UUID tenantId, String instance, AgentRunStore store, RunEventHub hub, JsonMapper json,
                Clock clock) {
        this.runId = runId;
        this.tenantId = tenantId;
        this.instance = instance;
        this.store = store;
        this.hub = hub;
        this.json = json;
        this.clock = clock;
    }

    /** Continues the numbering from what earlier executions wrote; call after claiming the run, before recording. */
    void begin() {
        long[] last = store.lastSeqs(runId);
        synchronized (lock) {
            this.stepSeq = (int) last[0];
            this.eventSeq = last[1];
        }
    }

    @Override
    public void onEvent(GraphEvent event) {
        boolean full;
        synchronized (lock) {
            if (event instanceof GraphEvent.RunStarted started && pipelineRunId == null) {
                pipelineRunId = started.runId();
                return;
            }
            String graph = event.runId().equals(pipelineRunId) ? "lead_pipeline" : "lead";
            if (event instanceof GraphEvent.NodeStarted n) {
                add("step.started", stepData(graph, n.runId(), n.step(), n.node(), null, null));
            } else if (event instanceof GraphEvent.NodeCompleted n) {
                long ms = n.duration().toMillis();
                steps.add(new AgentRun.Step(++stepSeq, n.runId(), graph, n.step(), n.node(),
                        clock.instant().minus(n.duration()), ms, "completed"));
                add("step.completed", stepData(graph, n.runId(), n.step(), n.node(), ms, null));
            } else if (event instanceof GraphEvent.RunFailed f && f.result().error() != null) {
                Throwable error = f.result().error();
                String node = error instanceof NodeExecutionException ne ? ne.node() : null;
                if (node != null) {
                    steps.add(new AgentRun.Step(++stepSeq, f.runId(), graph, -1, node, clock.instant(), 0, "failed"));
                    add("step.failed", stepData(graph, f.runId(), null, node, null, String.valueOf(error.getCause())));
                }
            }
            full = steps.size() + events.size() >= FLUSH_AT;
        }
        if (full) {
            flush();
        }
    }

    /**
     * Appends a run-level event (run.started, run.completed, ...) in order with the step events.
     *
     * @param type the SSE event name
     * @param data its JSON object's members
     */
    void runEvent(String type, Map<String, ?> data) {
        synchronized (lock) {
            add(type, data);
        }
    }

    /** Writes what is buffered and wakes the run's SSE subscribers. */
    void flush() {
        List<AgentRun.Step> s;
        List<AgentRun.Event> e;
        synchronized (lock) {
            if (steps.isEmpty() && events.isEmpty()) {
                return;
            }
            s = steps;
            e = events;
            steps = new ArrayList<>();
            events = new ArrayList<>();
            // written under the lock so that batches land in sequence order
            if (store.append(runId, tenantId, instance, s, e, clock.instant()) == 0) {
                log.info("Agent run {}: {} steps and {} events not recorded; another instance holds the run now",
                        runId, s.size(), e.size());
            }
        }
        hub.wake(runId);
    }

    private void add(String type, Map<String, ?> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("run_id", runId);
        body.putAll(data);
        events.add(new AgentRun.Event(++eventSeq, type, json.writeValueAsString(body)));
    }

    private static Map<String, Object> stepData(String graph, String graphRunId, Integer step, String node,
                                                Long durationMs, String error) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("graph", graph);
        m.put("graph_run_id", graphRunId);
        if (step != null) {
            m.put("step", step);
        }
        m.put("node", node);
        if (durationMs != null) {
            m.put("duration_ms", durationMs);
        }
        if (error != null) {
            m.put("error", error);
        }
        return m;
    }
}
