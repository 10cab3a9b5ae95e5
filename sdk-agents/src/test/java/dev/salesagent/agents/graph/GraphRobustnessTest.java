package dev.salesagent.agents.graph;

import dev.salesagent.common.retry.Sleeper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.salesagent.agents.graph.GraphTestSupport.TRACE;
import static dev.salesagent.agents.graph.GraphTestSupport.VALUE;
import static dev.salesagent.agents.graph.GraphTestSupport.tracing;
import static dev.salesagent.agents.graph.StateGraph.END;
import static dev.salesagent.agents.graph.StateGraph.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The runtime's robustness defects of issue 13, each pinned by a test that failed before the fix. */
class GraphRobustnessTest {

    private static final Duration GUARD = Duration.ofSeconds(60);

    private static CompiledGraph twoNodes(CompileConfig config) {
        return StateGraph.of(TRACE).addNode("a", tracing("a")).addNode("b", tracing("b"))
                .addEdge(START, "a").addEdge("a", "b").addEdge("b", END).compile(config);
    }

    @Test
    @DisplayName("a listener throwing an Error is ignored like any listener failure; the stream still ends")
    void listenerErrorIsIgnored() {
        try (CompiledGraph g = twoNodes(CompileConfig.defaults())) {
            RunConfig cfg = RunConfig.builder().listener(e -> {
                throw new AssertionError("listener bug");
            }).build();
            List<GraphEvent> events = assertTimeoutPreemptively(GUARD, () -> g.stream(Update.empty(), cfg).toList());
            assertThat(events.get(events.size() - 1)).isInstanceOf(GraphEvent.RunCompleted.class);
            assertThat(((GraphEvent.RunCompleted) events.get(events.size() - 1)).result().get(TRACE)).containsExactly("a", "b");
        }
    }

    @Test
    @DisplayName("a VirtualMachineError from a listener ends the run with a terminal RunFailed event")
    void listenerVirtualMachineErrorEndsStream() {
        try (CompiledGraph g = twoNodes(CompileConfig.defaults())) {
            RunConfig cfg = RunConfig.builder().listener(e -> {
                if (e instanceof GraphEvent.NodeCompleted) {
                    throw new StackOverflowError("listener recursion");
                }
            }).build();
            List<GraphEvent> events = assertTimeoutPreemptively(GUARD, () -> g.stream(Update.empty(), cfg).toList());
            GraphEvent last = events.get(events.size() - 1);
            assertThat(last).isInstanceOf(GraphEvent.RunFailed.class);
            assertThat(((GraphEvent.RunFailed) last).result().error()).isInstanceOf(StackOverflowError.class);
        }
    }

    @Test
    @DisplayName("StackOverflowError in a node is not retried and reaches the caller after the terminal event")
    void virtualMachineErrorIsNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        List<GraphEvent> heard = Collections.synchronizedList(new ArrayList<>());
        try (CompiledGraph g = StateGraph.of(VALUE).addNode("deep", (s, c) -> {
                    calls.incrementAndGet();
                    throw new StackOverflowError("too deep");
                }, NodePolicy.builder().maxAttempts(3).retryOn(t -> true).build())
                .addEdge(START, "deep").addEdge("deep", END).compile()) {
            assertThatThrownBy(() -> g.invoke(Update.empty(), RunConfig.builder().listener(heard::add).build()))
                    .isInstanceOf(StackOverflowError.class);
            assertThat(calls).hasValue(1);
            assertThat(heard.get(heard.size() - 1)).isInstanceOf(GraphEvent.RunFailed.class);
        }
    }

    @Test
    @DisplayName("a timed node the executor rejects still times out (it does not run unbounded on the coordinator)")
    void rejectedTimedNodeKeepsItsTimeout() {
        Executor rejectAll = r -> {
            throw new RejectedExecutionException("full");
        };
        CountDownLatch released = new CountDownLatch(1);
        CompiledGraph g = StateGraph.of(VALUE)
                .addNode("slow", (s, c) -> {
                    released.await(); // only an interrupt ends this
                    return Update.of(VALUE, "never");
                }, NodePolicy.builder().timeout(Duration.ofMillis(200)).build())
                .addEdge(START, "slow").addEdge("slow", END).compile();
        RunResult r = assertTimeoutPreemptively(GUARD, () -> g.invoke(Update.empty(), RunConfig.builder().executor(rejectAll).build()));
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error()).isInstanceOf(NodeTimeoutException.class);
    }

    @Test
    @DisplayName("the graph-owned pool is bounded: an 8-way fan-out on 2 threads with a queue of 1 still runs, and close() releases it")
    void boundedClosablePool() throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        StateGraph b = StateGraph.of(TRACE).addNode("fan", tracing("fan")).addEdge(START, "fan");
        List<String> branches = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String n = "n" + i;
            branches.add(n);
            b.addNode(n, (s, c) -> {
                threads.add(Thread.currentThread().getName());
                return Update.append(TRACE, n);
            }).addEdge("fan", n).addEdge(n, END);
        }
        CompiledGraph g = b.compile(CompileConfig.builder().name("bounded").defaultParallelism(2).defaultQueueCapacity(1).build());
        RunResult r = g.invoke(Update.empty());
        assertThat(r.get(TRACE)).containsExactlyElementsOf(concat("fan", branches));
        assertThat(threads.stream().filter(t -> t.startsWith("salesagent-graph-bounded-pool"))).hasSizeLessThanOrEqualTo(2);
        g.close();
        assertThatThrownBy(() -> g.invoke(Update.empty())).isInstanceOf(GraphException.class).hasMessageContaining("closed");
        RunResult withOwn = g.invoke(Update.empty(), RunConfig.builder().executor(Runnable::run).build());
        assertThat(withOwn.get(TRACE)).hasSize(9);
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> out = new ArrayList<>();
        out.add(first);
        out.addAll(rest);
        return out;
    }

    @Test
    @DisplayName("retry backoff waits on the configured Sleeper and timestamps come from the configured Clock")
    void clockAndSleeperFromConfig() {
        List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
        Sleeper recording = waits::add;
        Instant fixed = Instant.parse("2026-01-02T03:04:05Z");
        AtomicInteger calls = new AtomicInteger();
        InMemoryCheckpointer saver = new InMemoryCheckpointer();
        List<GraphEvent> heard = Collections.synchronizedList(new ArrayList<>());
        CompiledGraph g = StateGraph.of(VALUE)
                .addNode("flaky", (s, c) -> {
                    if (calls.incrementAndGet() < 3) {
                        throw new java.io.IOException("flaky");
                    }
                    return Update.of(VALUE, "ok");
                }, NodePolicy.builder().maxAttempts(3).backoff(Duration.ofSeconds(10), 2.0).build())
                .addEdge(START, "flaky").addEdge("flaky", END)
                .compile(CompileConfig.builder().checkpointer(saver).sleeper(recording)
                        .clock(Clock.fixed(fixed, ZoneOffset.UTC)).build());
        long t0 = System.nanoTime();
        RunResult r = g.invoke(Update.empty(), RunConfig.builder().executor(Runnable::run).listener(heard::add).build());
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0)).isLessThan(10);
        assertThat(r.get(VALUE)).isEqualTo("ok");
        assertThat(waits).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(20));
        assertThat(g.history(r.threadId())).isNotEmpty().allSatisfy(c -> assertThat(c.createdAt()).isEqualTo(fixed));
        assertThat(((GraphEvent.RunStarted) heard.get(0)).at()).isEqualTo(fixed);
    }
}
