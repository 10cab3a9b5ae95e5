package dev.salesagent.server.agentplatform.graph;

import dev.salesagent.agents.graph.CompileConfig;
import dev.salesagent.agents.graph.CompiledGraph;
import dev.salesagent.agents.graph.Key;
import dev.salesagent.agents.graph.StateGraph;
import dev.salesagent.agents.graph.Update;
import dev.salesagent.agents.platform.GraphProvider;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The platform's built-in sample assistants (rules only, no model): {@code approval}, a draft that waits for a human
 * decision, and {@code steps}, three nodes in a row (the benchmark's graph).
 */
public final class SampleGraphs {

    static final Key<String> TOPIC = Key.of("topic", String.class);
    static final Key<String> DRAFT = Key.of("draft", String.class);
    static final Key<String> DECISION = Key.of("decision", String.class);
    static final Key<String> STATUS = Key.of("status", String.class);
    static final Key<List<String>> LOG = Key.appending("log", String.class);
    static final Key<Integer> PAUSE_MS = Key.of("pause_ms", Integer.class, 0);

    private SampleGraphs() {
    }

    /** {@return the built-in providers} */
    public static List<GraphProvider> all() {
        return List.of(new Approval(), new Steps());
    }

    /**
     * {@code draft -> review (interrupt: asks for "approve" or "reject") -> publish}; input {@code {"topic": "..."}}.
     */
    static final class Approval implements GraphProvider {
        @Override
        public String graphId() {
            return "approval";
        }

        @Override
        public String description() {
            return "Drafts a post on a topic, waits for a human to approve or reject it, then publishes it.";
        }

        @Override
        public CompiledGraph compile(Context context) {
            return StateGraph.of(TOPIC, DRAFT, DECISION, STATUS, LOG)
                    .addNode("draft", (s, c) -> Update.of(DRAFT, "A short post about " + s.get(TOPIC) + ".")
                            .andAppend(LOG, "draft"))
                    .addNode("review", (s, c) -> {
                        Object answer = c.interrupt(Map.of("question", "Approve this draft?", "draft", s.get(DRAFT)));
                        String decision = String.valueOf(answer instanceof Map<?, ?> m ? m.get("decision") : answer);
                        return Update.of(DECISION, decision).andAppend(LOG, "review");
                    })
                    .addNode("publish", (s, c) -> Update.of(STATUS,
                            "approve".equals(s.get(DECISION)) ? "published" : "rejected").andAppend(LOG, "publish"))
                    .addEdge(StateGraph.START, "draft").addEdge("draft", "review").addEdge("review", "publish")
                    .addEdge("publish", StateGraph.END)
                    .compile(CompileConfig.builder().name("approval").checkpointer(context.checkpointer()).build());
        }

        @Override
        public Optional<Map<String, Object>> inputSchema() {
            return Optional.of(Map.of("title", "approval input", "type", "object", "required", List.of("topic"),
                    "properties", Map.of("topic", Map.of("type", "string", "description", "what to write about"))));
        }
    }

    /** Sleeps {@code pause_ms} (to let tests stop an instance mid-run), then logs the node. */
    private static Update step(dev.salesagent.agents.graph.AgentState s, String node) {
        int pause = s.get(PAUSE_MS);
        if (pause > 0) {
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted in " + node, e);
            }
        }
        return Update.append(LOG, node);
    }

    /**
     * {@code one -> two -> three}, each appending its name to {@code log} after {@code pause_ms} (default 0); input
     * {@code {"topic": "...", "pause_ms": 0}}.
     */
    static final class Steps implements GraphProvider {
        @Override
        public String graphId() {
            return "steps";
        }

        @Override
        public String description() {
            return "Three nodes in a row, each appending its name to the log (the benchmark's graph).";
        }

        @Override
        public CompiledGraph compile(Context context) {
            return StateGraph.of(TOPIC, LOG, PAUSE_MS)
                    .addNode("one", (s, c) -> step(s, "one"))
                    .addNode("two", (s, c) -> step(s, "two"))
                    .addNode("three", (s, c) -> step(s, "three"))
                    .addEdge(StateGraph.START, "one").addEdge("one", "two").addEdge("two", "three")
                    .addEdge("three", StateGraph.END)
                    .compile(CompileConfig.builder().name("steps").checkpointer(context.checkpointer()).build());
        }
    }
}
