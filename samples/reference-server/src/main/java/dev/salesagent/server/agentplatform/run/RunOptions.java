package dev.salesagent.server.agentplatform.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salesagent.agents.graph.Command;
import dev.salesagent.agents.graph.CompileConfig;
import dev.salesagent.agents.graph.CompiledGraph;
import dev.salesagent.agents.graph.Resume;
import dev.salesagent.agents.graph.RunConfig;
import dev.salesagent.agents.graph.Send;
import dev.salesagent.agents.graph.Update;
import dev.salesagent.server.agentplatform.api.LangGraphJson;
import dev.salesagent.server.agentplatform.graph.AssistantRegistry;
import dev.salesagent.server.platform.web.PlatformException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;

/**
 * The run options of a LangGraph {@code RunCreate} body, checked against the graph and turned into the runtime's
 * terms (one parse at create time answers 422 for a bad shape; the worker parses the stored kwargs again).
 *
 * <ul>
 *   <li>{@code command}: {@code {resume?, update?, goto?}}. {@code resume} is one value, or an object from interrupt
 *       id to value answering several pending interrupts; {@code update} an object of state keys or a list of
 *       {@code [key, value]} pairs; {@code goto} a node name, a {@code Send} {@code {node, input}} (Python's
 *       {@code arg} is accepted too) or a list of them;</li>
 *   <li>{@code interrupt_before} / {@code interrupt_after}: {@code "*"} or a list of node names;</li>
 *   <li>{@code checkpoint_id}, {@code checkpoint.checkpoint_id} or {@code config.configurable.checkpoint_id}: the
 *       checkpoint the run starts from (time travel: the new checkpoints branch off it);</li>
 *   <li>{@code input} null or absent without a command on a thread with a checkpoint: continue from the thread's
 *       state (LangGraph's {@code invoke(None)}), e.g. after an {@code interrupt_before} pause.</li>
 * </ul>
 *
 * @param input           the input update when the run starts the graph
 * @param resume          how to continue the thread, or null when the run starts the graph with {@link #input}
 * @param continueIfState true when, with no input and no command, the run continues the thread if it has state
 * @param interruptBefore node names (or {@code "*"}) the run pauses before
 * @param interruptAfter  node names (or {@code "*"}) the run pauses after
 * @param checkpointId    the checkpoint to start from, or null for the thread's latest
 */
record RunOptions(Update input, Resume resume, boolean continueIfState, List<String> interruptBefore,
                  List<String> interruptAfter, String checkpointId) {

    /** {@code on_completion} values of stateless runs (LangGraph's {@code OnCompletionBehavior}). */
    static final Set<String> ON_COMPLETION = Set.of("delete", "keep");

    /**
     * Parses the options of a run body (or of its stored kwargs).
     *
     * @throws PlatformException 422 {@code invalid-run} naming the field whose shape or node name is wrong
     */
    static RunOptions parse(CompiledGraph graph, JsonNode kwargs) {
        JsonNode command = kwargs.path("command");
        Resume resume = null;
        if (!command.isMissingNode() && !command.isNull()) {
            resume = command(graph, command);
        }
        JsonNode in = kwargs.path("input");
        Update input = resume != null ? Update.empty() : AssistantRegistry.toUpdate(graph, in.isMissingNode() ? null : in);
        boolean continueIfState = resume == null && (in.isMissingNode() || in.isNull());
        return new RunOptions(input, resume, continueIfState, nodes(graph, kwargs.path("interrupt_before"),
                "interrupt_before"), nodes(graph, kwargs.path("interrupt_after"), "interrupt_after"),
                checkpointId(kwargs));
    }

    /** {@return the run config with this run's interrupts and start checkpoint} */
    RunConfig.Builder apply(RunConfig.Builder config, boolean fromCheckpoint) {
        return config.interruptBefore(interruptBefore).interruptAfter(interruptAfter)
                .checkpointId(fromCheckpoint ? checkpointId : null);
    }

    private static Resume command(CompiledGraph graph, JsonNode command) {
        if (!command.isObject()) {
            throw invalid("command must be an object {resume?, update?, goto?} but was " + command.getNodeType());
        }
        List<String> unknown = new ArrayList<>();
        command.fieldNames().forEachRemaining(f -> {
            if (!Set.of("resume", "update", "goto").contains(f)) {
                unknown.add(f);
            }
        });
        if (!unknown.isEmpty()) {
            throw invalid("command has unknown fields " + unknown + " (it takes resume, update and goto)");
        }
        Command c = command.has("resume") ? Command.resume(value(command.get("resume"), "command.resume"))
                : Command.update(Update.empty());
        c = c.withUpdate(update(graph, command.path("update"), "command.update"));
        JsonNode gotoNode = command.path("goto");
        if (!gotoNode.isMissingNode() && !gotoNode.isNull()) {
            List<Object> targets = new ArrayList<>();
            if (gotoNode.isArray()) {
                for (int i = 0; i < gotoNode.size(); i++) {
                    targets.add(target(graph, gotoNode.get(i), "command.goto[" + i + "]"));
                }
            } else {
                targets.add(target(graph, gotoNode, "command.goto"));
            }
            c = c.andGoTo(targets.toArray());
        }
        return Resume.of(c);
    }

    private static Object target(CompiledGraph graph, JsonNode t, String field) {
        if (t.isTextual()) {
            return node(graph, t.asText(), field);
        }
        if (t.isObject() && t.path("node").isTextual()) {
            JsonNode arg = t.has("input") ? t.get("input") : t.path("arg");
            Update input = arg.isMissingNode() || arg.isNull() ? Update.empty()
                    : update(graph, arg, field + (t.has("input") ? ".input" : ".arg"));
            return new Send(node(graph, t.get("node").asText(), field + ".node"), input);
        }
        throw invalid(field + " must be a node name or a Send {node, input} but was " + t);
    }

    private static String node(CompiledGraph graph, String name, String field) {
        if (!graph.nodeNames().contains(name)) {
            throw invalid(field + " names unknown node '" + name + "' (nodes: " + graph.nodeNames() + ")");
        }
        return name;
    }

    private static Update update(CompiledGraph graph, JsonNode update, String field) {
        if (update.isMissingNode() || update.isNull()) {
            return Update.empty();
        }
        JsonNode values = update;
        if (update.isArray()) { // the JS client's [key, value][] form
            ObjectNode folded = LangGraphJson.MAPPER.createObjectNode();
            for (JsonNode pair : update) {
                if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isTextual()) {
                    throw invalid(field + " as a list must hold [key, value] pairs but held " + pair);
                }
                folded.set(pair.get(0).asText(), pair.get(1));
            }
            values = folded;
        }
        try {
            return AssistantRegistry.toUpdate(graph, values);
        } catch (PlatformException e) {
            throw invalid(field + ": " + e.getMessage());
        }
    }

    private static List<String> nodes(CompiledGraph graph, JsonNode n, String field) {
        if (n.isMissingNode() || n.isNull()) {
            return List.of();
        }
        if (n.isTextual() && CompileConfig.ALL_NODES.equals(n.asText())) {
            return List.of(CompileConfig.ALL_NODES);
        }
        if (!n.isArray()) {
            throw invalid(field + " must be \"*\" or a list of node names but was " + n);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            JsonNode e = n.get(i);
            if (!e.isTextual()) {
                throw invalid(field + "[" + i + "] must be a node name but was " + e);
            }
            out.add(CompileConfig.ALL_NODES.equals(e.asText()) ? e.asText()
                    : node(graph, e.asText(), field + "[" + i + "]"));
        }
        return out;
    }

    /** The first of {@code checkpoint_id}, {@code checkpoint.checkpoint_id}, {@code config.configurable.checkpoint_id}. */
    private static String checkpointId(JsonNode kwargs) {
        String found = null;
        Map<String, JsonNode> places = new java.util.LinkedHashMap<>();
        places.put("checkpoint_id", kwargs.path("checkpoint_id"));
        places.put("checkpoint.checkpoint_id", kwargs.path("checkpoint").path("checkpoint_id"));
        places.put("config.configurable.checkpoint_id", kwargs.path("config").path("configurable").path("checkpoint_id"));
        for (Map.Entry<String, JsonNode> e : places.entrySet()) {
            JsonNode v = e.getValue();
            if (v.isMissingNode() || v.isNull()) {
                continue;
            }
            if (!v.isTextual() || v.asText().isBlank()) {
                throw invalid(e.getKey() + " must be a checkpoint id string but was " + v);
            }
            found = found == null ? v.asText() : found;
        }
        return found;
    }

    private static Object value(JsonNode v, String field) {
        try {
            return LangGraphJson.MAPPER.treeToValue(v, Object.class);
        } catch (JsonProcessingException e) {
            throw invalid(field + " is not a JSON value: " + e.getOriginalMessage());
        }
    }

    static PlatformException invalid(String detail) {
        return new PlatformException(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-run", "Invalid run", detail);
    }
}
