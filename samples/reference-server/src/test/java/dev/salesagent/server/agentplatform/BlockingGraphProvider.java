package dev.salesagent.server.agentplatform;

import dev.salesagent.agents.graph.CompileConfig;
import dev.salesagent.agents.graph.CompiledGraph;
import dev.salesagent.agents.graph.Key;
import dev.salesagent.agents.graph.StateGraph;
import dev.salesagent.agents.graph.Update;
import dev.salesagent.agents.platform.GraphProvider;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test graph found through {@code META-INF/services} (so the registry's ServiceLoader path is exercised):
 * {@code one -> two -> three}; the first call of {@code two} per topic blocks until released, standing in for a worker
 * that hangs or dies mid-run. Counts each node's calls per topic.
 */
public class BlockingGraphProvider implements GraphProvider {

    static final Key<String> TOPIC = Key.of("topic", String.class);
    static final Key<List<String>> LOG = Key.appending("log", String.class);

    /**
     * System property: {@code first} (default) blocks the first call of {@code two} per topic until the test releases
     * it; {@code hang} blocks every call for up to a minute (an instance the scale-out test kills); {@code never}.
     */
    static final String MODE_PROPERTY = "salesagent.test.blocking";

    /** Calls per "topic/node". */
    static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    /** Counted down when the first call of {@code two} for a topic started. */
    static final Map<String, CountDownLatch> BLOCKED = new ConcurrentHashMap<>();
    /** Counted down by the test to let the blocked call go on. */
    static final Map<String, CountDownLatch> RELEASE = new ConcurrentHashMap<>();

    @Override
    public String graphId() {
        return "blocking";
    }

    @Override
    public CompiledGraph compile(Context context) {
        return StateGraph.of(TOPIC, LOG)
                .addNode("one", (s, c) -> count(s.get(TOPIC), "one"))
                .addNode("two", (s, c) -> {
                    String topic = s.get(TOPIC);
                    String mode = System.getProperty(MODE_PROPERTY, "first");
                    boolean block = "hang".equals(mode) || "first".equals(mode) && CALLS.computeIfAbsent(
                            topic + "/two-started", k -> new AtomicInteger()).incrementAndGet() == 1;
                    if (block) {
                        BLOCKED.computeIfAbsent(topic, k -> new CountDownLatch(1)).countDown();
                        await(RELEASE.computeIfAbsent(topic, k -> new CountDownLatch(1)));
                    }
                    return count(topic, "two");
                })
                .addNode("three", (s, c) -> count(s.get(TOPIC), "three"))
                .addEdge(StateGraph.START, "one").addEdge("one", "two").addEdge("two", "three")
                .addEdge("three", StateGraph.END)
                .compile(CompileConfig.builder().name("blocking").checkpointer(context.checkpointer()).build());
    }

    private static Update count(String topic, String node) {
        CALLS.computeIfAbsent(topic + "/" + node, k -> new AtomicInteger()).incrementAndGet();
        return Update.append(LOG, node);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
