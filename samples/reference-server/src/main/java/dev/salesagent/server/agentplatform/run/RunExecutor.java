package dev.salesagent.server.agentplatform.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salesagent.agents.graph.Checkpoint;
import dev.salesagent.agents.graph.CompiledGraph;
import dev.salesagent.agents.graph.GraphEvent;
import dev.salesagent.agents.graph.Resume;
import dev.salesagent.agents.graph.RunConfig;
import dev.salesagent.agents.graph.RunResult;
import dev.salesagent.agents.graph.StreamMode;
import dev.salesagent.agents.graph.StreamPart;
import dev.salesagent.agents.graph.Update;
import dev.salesagent.server.agentplatform.api.LangGraphJson;
import dev.salesagent.server.agentplatform.graph.AssistantRegistry;
import dev.salesagent.server.agentplatform.store.RunStore;
import dev.salesagent.server.agentplatform.store.ThreadStore;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Executes one claimed run on the tenant's compiled graph and writes its stream to {@code lg_run_event}, framed as
 * the LangGraph API frames it: {@code metadata} ({@code {run_id, attempt}}) first, then one event per part of each
 * requested stream mode ({@code values}, {@code updates}, {@code messages}/{@code messages-tuple}, {@code custom},
 * {@code debug}), {@code error} on failure. An interrupt ends the run with status {@code success} and the thread
 * {@code interrupted}; its {@code __interrupt__} list is streamed in {@code updates} and {@code values}. The run's
 * options ({@link RunOptions}) pick the runtime call: a {@code command} resumes (value or interrupt-id map, update,
 * goto), no input continues a thread with state, an input starts the graph; {@code interrupt_before/after} and
 * {@code checkpoint_id} go into its {@code RunConfig}.
 *
 * <p>A run claimed again after its worker died (attempt &gt; 1) whose thread moved past the checkpoint the run started
 * from resumes from the latest checkpoint: nodes that already succeeded are not run again.
 */
@Component
public class RunExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(RunExecutor.class);

    private final AssistantRegistry registry;
    private final RunStore runs;
    private final ThreadStore threads;
    private final RunSignals signals;

    RunExecutor(AssistantRegistry registry, RunStore runs, ThreadStore threads, RunSignals signals) {
        this.registry = registry;
        this.runs = runs;
        this.threads = threads;
        this.signals = signals;
    }

    /**
     * Runs a claimed run to its end (or until {@code owned} turns false: cancelled or taken over).
     *
     * @param run   the claimed run
     * @param owner the lease owner
     * @param owned whether this worker still holds the run
     */
    public void execute(RunStore.RunRow run, String owner, BooleanSupplier owned) {
        UUID runId = run.runId();
        Publisher publisher = new Publisher(run, owner);
        String threadId = run.threadId().toString();
        AtomicReference<RunResult> terminal = new AtomicReference<>();
        String status;
        String error = null;
        try {
            CompiledGraph graph = registry.graph(run.tenantId(), run.graphId());
            threads.status(run.threadId(), "busy");
            publisher.publish("metadata", LangGraphJson.object(Map.of("run_id", runId.toString(), "attempt",
                    run.attempt())));
            String latest = graph.state(threadId).map(Checkpoint::id).orElse("");
            if (run.attempt() == 1 || run.startCheckpoint() == null) {
                runs.startCheckpoint(runId, latest);
            }
            boolean progressed = run.attempt() > 1 && run.startCheckpoint() != null
                    && !Objects.equals(latest, run.startCheckpoint());
            JsonNode kwargs = run.kwargs();
            Set<String> requested = modes(kwargs.path("stream_mode"));
            Set<StreamMode> modes = runtimeModes(requested);
            RunConfig.Builder config = RunConfig.builder().threadId(threadId).tenant(run.tenantId().toString())
                    .listener(e -> {
                        if (e instanceof GraphEvent.RunCompleted c) {
                            terminal.set(c.result());
                        } else if (e instanceof GraphEvent.Interrupted i) {
                            terminal.set(i.result());
                        } else if (e instanceof GraphEvent.RunFailed f) {
                            terminal.set(f.result());
                        }
                    });
            JsonNode limit = kwargs.path("config").path("recursion_limit");
            if (limit.canConvertToInt() && limit.asInt() > 0) {
                config.recursionLimit(limit.asInt());
            }
            RunOptions options = RunOptions.parse(graph, kwargs);
            options.apply(config, !progressed);
            Stream<StreamPart> parts;
            if (progressed) {
                LOG.info("Run {} attempt {} resumes thread {} from checkpoint {}", runId, run.attempt(), threadId, latest);
                parts = graph.streamResume(Resume.empty(), config.build(), modes, false);
            } else if (options.resume() != null) {
                parts = graph.streamResume(options.resume(), config.build(), modes, false);
            } else if (options.continueIfState() && (options.checkpointId() != null || !latest.isEmpty())) {
                // LangGraph's invoke(None): continue the thread's (or the checkpoint's) next tasks
                parts = graph.streamResume(Resume.empty(), config.build(), modes, false);
            } else {
                parts = graph.stream(options.input(), config.build(), modes, false);
            }
            boolean cancelled = false;
            Map<String, StringBuilder> messages = new HashMap<>();
            try (parts) {
                Iterator<StreamPart> it = parts.iterator();
                while (it.hasNext()) {
                    StreamPart part = it.next();
                    if (!owned.getAsBoolean() || !publishPart(publisher, graph, part, requested, messages)) {
                        cancelled = true;
                        break;
                    }
                }
            }
            RunResult result = terminal.get();
            if (cancelled) {
                LOG.info("Run {} attempt {} stopped: cancelled or taken over", runId, run.attempt());
                if (runs.inflight(run.threadId()).isEmpty()) {
                    threads.status(run.threadId(), "idle");
                }
                signals.eventAppended(runId);
                return;
            }
            if (result != null && result.status() == RunResult.Status.INTERRUPTED && requested.contains("values")) {
                ObjectNode values = LangGraphJson.MAPPER.createObjectNode();
                values.set("__interrupt__", LangGraphJson.interrupts(result.interrupts()));
                publisher.publish("values", values);
            }
            status = "success";
            if (result != null && result.status() != RunResult.Status.COMPLETED
                    && result.status() != RunResult.Status.INTERRUPTED) {
                status = "error";
                error = result.failure().map(Throwable::getMessage).orElse(result.status().name());
                publisher.error(result.failure().orElse(null), error);
            }
            threads.status(run.threadId(), "error".equals(status) ? "error"
                    : result != null && result.status() == RunResult.Status.INTERRUPTED ? "interrupted" : "idle");
        } catch (RuntimeException e) {
            LOG.warn("Run {} failed", runId, e);
            status = "error";
            error = e.getMessage();
            publisher.error(e, error);
            threads.status(run.threadId(), "error");
        }
        RunResult result = terminal.get();
        boolean finished = runs.finish(runId, owner, run.attempt(), status, error, result == null ? 0 : result.inputTokens(),
                result == null ? 0 : result.outputTokens(), result == null || result.costUsd() == null ? BigDecimal.ZERO
                        : result.costUsd());
        if (!finished) {
            LOG.info("Run {} finished here but was cancelled or taken over meanwhile", runId);
        }
        signals.eventAppended(runId);
    }

    /** Publishes one part; {@return false when the run is no longer this worker's} */
    private boolean publishPart(Publisher publisher, CompiledGraph graph, StreamPart part, Set<String> requested,
                                Map<String, StringBuilder> messages) {
        return switch (part.mode()) {
            case VALUES -> publisher.publish("values", graph.codec().encodeState(
                    (dev.salesagent.agents.graph.AgentState) part.data()));
            case UPDATES -> publisher.publish("updates", updates(graph, (Map<?, ?>) part.data()));
            case CUSTOM -> publisher.publish("custom", LangGraphJson.MAPPER.valueToTree(part.data()));
            case DEBUG -> publisher.publish("debug", debug(graph, (Map<?, ?>) part.data()));
            case MESSAGES -> {
                GraphEvent.ModelToken t = (GraphEvent.ModelToken) part.data();
                String id = "run-" + publisher.run.runId() + "-" + t.node() + "-" + t.step();
                boolean ok = true;
                ObjectNode meta = LangGraphJson.object(Map.of("langgraph_node", t.node(), "langgraph_step", t.step()));
                if (requested.contains("messages-tuple")) {
                    ArrayNode tuple = LangGraphJson.MAPPER.createArrayNode();
                    tuple.add(message(id, t.token()));
                    tuple.add(meta);
                    ok = publisher.publish("messages", tuple);
                }
                if (requested.contains("messages")) {
                    StringBuilder soFar = messages.computeIfAbsent(id, k -> new StringBuilder());
                    if (soFar.isEmpty()) {
                        ObjectNode m = LangGraphJson.MAPPER.createObjectNode();
                        m.set(id, LangGraphJson.object(Map.of("metadata", meta)));
                        ok = ok && publisher.publish("messages/metadata", m);
                    }
                    soFar.append(t.token());
                    ArrayNode partial = LangGraphJson.MAPPER.createArrayNode();
                    partial.add(message(id, soFar.toString()));
                    ok = ok && publisher.publish("messages/partial", partial);
                }
                yield ok;
            }
        };
    }

    private static ObjectNode message(String id, String content) {
        ObjectNode m = LangGraphJson.MAPPER.createObjectNode();
        m.put("type", "AIMessageChunk");
        m.put("id", id);
        m.put("content", content);
        return m;
    }

    private static ObjectNode updates(CompiledGraph graph, Map<?, ?> data) {
        ObjectNode out = LangGraphJson.MAPPER.createObjectNode();
        for (Map.Entry<?, ?> e : data.entrySet()) {
            String name = String.valueOf(e.getKey());
            if (e.getValue() instanceof Update u) {
                out.set(name, AssistantRegistry.updateJson(graph, u));
            } else if (e.getValue() instanceof List<?> list && "__interrupt__".equals(name)) {
                out.set(name, LangGraphJson.interrupts(list.stream().map(RunResult.Interrupt.class::cast).toList()));
            } else {
                out.set(name, LangGraphJson.MAPPER.valueToTree(e.getValue()));
            }
        }
        return out;
    }

    private static ObjectNode debug(CompiledGraph graph, Map<?, ?> data) {
        ObjectNode out = LangGraphJson.MAPPER.createObjectNode();
        for (Map.Entry<?, ?> e : data.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> payload) {
                ObjectNode p = out.putObject(String.valueOf(e.getKey()));
                payload.forEach((k, v) -> p.set(String.valueOf(k), v instanceof Update u
                        ? AssistantRegistry.updateJson(graph, u) : LangGraphJson.MAPPER.valueToTree(v)));
            } else {
                out.set(String.valueOf(e.getKey()), LangGraphJson.MAPPER.valueToTree(e.getValue()));
            }
        }
        return out;
    }

    /** Writes one attempt's events, only while that attempt still holds the run. */
    private final class Publisher {
        private final RunStore.RunRow run;
        private final String owner;

        Publisher(RunStore.RunRow run, String owner) {
            this.run = run;
            this.owner = owner;
        }

        /** {@return false when the run is no longer this attempt's (nothing was written)} */
        boolean publish(String event, JsonNode data) {
            boolean written = runs.append(run.runId(), owner, run.attempt(), event, LangGraphJson.write(data))
                    .isPresent();
            signals.eventAppended(run.runId());
            return written;
        }

        void error(Throwable t, String message) {
            publish("error", LangGraphJson.object(Map.of("error", t == null ? "Error" : t.getClass().getSimpleName(),
                    "message", message == null ? "" : message)));
        }
    }

    /** {@return the requested stream modes (default {@code values})} */
    static Set<String> modes(JsonNode streamMode) {
        Set<String> out = new java.util.LinkedHashSet<>();
        if (streamMode.isTextual()) {
            out.add(streamMode.asText());
        } else if (streamMode.isArray()) {
            streamMode.forEach(m -> out.add(m.asText()));
        }
        if (out.isEmpty()) {
            out.add("values");
        }
        return out;
    }

    /** The runtime's modes behind the protocol's (only modes {@link RunService#STREAM_MODES} admits reach here). */
    static Set<StreamMode> runtimeModes(Set<String> requested) {
        Set<StreamMode> modes = EnumSet.noneOf(StreamMode.class);
        for (String m : requested) {
            switch (m) {
                case "values" -> modes.add(StreamMode.VALUES);
                case "updates" -> modes.add(StreamMode.UPDATES);
                case "messages", "messages-tuple" -> modes.add(StreamMode.MESSAGES);
                case "custom" -> modes.add(StreamMode.CUSTOM);
                case "debug" -> modes.add(StreamMode.DEBUG);
                default -> {
                }
            }
        }
        if (modes.isEmpty()) {
            modes.add(StreamMode.VALUES);
        }
        return modes;
    }
}
