package dev.salesagent.agents.graph;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.salesagent.agents.graph.GraphTestSupport.N;
import static dev.salesagent.agents.graph.GraphTestSupport.TRACE;
import static dev.salesagent.agents.graph.GraphTestSupport.VALUE;
import static dev.salesagent.agents.graph.GraphTestSupport.tracing;
import static dev.salesagent.agents.graph.StateGraph.END;
import static dev.salesagent.agents.graph.StateGraph.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StateGraphTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private RunConfig cfg() {
        return RunConfig.builder().executor(pool).build();
    }

    @Test
    @DisplayName("a linear graph runs its nodes in order and records every step")
    void linear() {
        CompiledGraph g = StateGraph.of(TRACE).addNode("a", tracing("a")).addNode("b", tracing("b")).addNode("c", tracing("c"))
                .addEdge(START, "a").addEdge("a", "b").addEdge("b", "c").addEdge("c", END).compile();
        RunResult r = g.invoke(Update.append(TRACE, "in"), cfg());
        assertThat(r.status()).isEqualTo(RunResult.Status.COMPLETED);
        assertThat(r.get(TRACE)).containsExactly("in", "a", "b", "c");
        assertThat(r.steps()).extracting(RunResult.Step::node).containsExactly("a", "b", "c");
        assertThat(r.steps()).extracting(RunResult.Step::step).as("LangGraph's numbering: input -1, __start__ 0").containsExactly(1, 2, 3);
        assertThat(r.steps().get(0).keysWritten()).containsExactly("trace");
        assertThat(r.runId()).isNotBlank();
    }

    @Test
    @DisplayName("compile reports every validation problem at once")
    void validation() {
        StateGraph bad = StateGraph.of(TRACE)
                .addNode("a", tracing("a")).addNode("a", tracing("a2")).addNode(END, tracing("x"))
                .addNode("island", tracing("i")).addNode("dead", tracing("d"))
                .addEdge(START, "a").addEdge("a", "ghost").addEdge("a", "dead").addEdge("island", END);
        assertThatThrownBy(bad::compile).isInstanceOf(GraphValidationException.class)
                .satisfies(e -> assertThat(((GraphValidationException) e).problems()).containsExactlyInAnyOrder(
                        "duplicate node name 'a'", "node name '__end__' is reserved", "edge from 'a' to unknown node 'ghost'"));
        // LangGraph's rule (graph/state.py validate): unreachable nodes and nodes without outgoing edges are legal;
        // a Command goto or a Send may reach them, and a node without edges ends the run when nothing else is scheduled
        StateGraph unreachable = StateGraph.of(TRACE).addNode("a", tracing("a")).addNode("island", tracing("i"))
                .addNode("dead", tracing("d")).addEdge(START, "a").addEdge("a", "dead").addEdge("a", END).addEdge("island", END);
        assertThat(unreachable.compile().invoke(Update.empty(), cfg()).get(TRACE)).containsExactly("a", "d");
        assertThatThrownBy(() -> StateGraph.of(TRACE).addNode("a", tracing("a")).addEdge("a", END).compile())
                .hasMessageContaining("no edge from START");
        assertThatThrownBy(() -> StateGraph.of(TRACE).addNode("a", tracing("a")).addEdge(START, "a").addEdge("a", END)
                .compile(CompileConfig.builder().interruptBefore("zzz").build()))
                .hasMessageContaining("interruptBefore names unknown node 'zzz'");
    }

    @Test
    @DisplayName("conditional edges route by label, including to END, in a loop")
    void conditional() {
        CompiledGraph g = StateGraph.of(N, TRACE)
                .addNode("inc", (s, c) -> Update.of(N, s.get(N) + 1).andAppend(TRACE, "inc"))
                .addNode("done", tracing("done"))
                .addEdge(START, "inc")
                .addConditionalEdges("inc", s -> s.get(N) < 3 ? "again" : "stop", Map.of("again", "inc", "stop", "done"))
                .addEdge("done", END).compile();
        RunResult r = g.invoke(Update.empty(), cfg());
        assertThat(r.get(N)).isEqualTo(3);
        assertThat(r.get(TRACE)).containsExactly("inc", "inc", "inc", "done");

        CompiledGraph toEnd = StateGraph.of(N).addNode("a", (s, c) -> Update.of(N, 1)).addEdge(START, "a")
                .addConditionalEdges("a", s -> "end", Map.of("end", END)).compile();
        assertThat(toEnd.invoke(Update.empty(), cfg()).status()).isEqualTo(RunResult.Status.COMPLETED);

        CompiledGraph badLabel = StateGraph.of(N).addNode("a", (s, c) -> Update.of(N, 1)).addEdge(START, "a")
                .addConditionalEdges("a", s -> "nowhere", Map.of("end", END)).compile();
        RunResult failed = badLabel.invoke(Update.empty(), cfg());
        assertThat(failed.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(failed.error()).hasMessageContaining("'nowhere'");
        assertThat(failed.get(N)).as("a step whose routing failed leaves no trace").isZero();
    }

    @Test
    @DisplayName("parallel branches really overlap in time, then the join runs once with all their writes")
    void parallelOverlapAndJoin() {
        CountDownLatch bothStarted = new CountDownLatch(2);
        AtomicInteger joinRuns = new AtomicInteger();
        Node waiting = (s, c) -> {
            bothStarted.countDown();
            // only returns true if the other branch is running at the same time
            boolean overlapped = bothStarted.await(5, TimeUnit.SECONDS);
            return Update.append(TRACE, c.node() + ":" + overlapped);
        };
        CompiledGraph g = StateGraph.of(TRACE)
                .addNode("fan", tracing("fan")).addNode("b1", waiting).addNode("b2", waiting)
                .addNode("join", (s, c) -> {
                    joinRuns.incrementAndGet();
                    return Update.append(TRACE, "join saw " + s.get(TRACE).size());
                })
                .addEdge(START, "fan").addEdge("fan", "b1").addEdge("fan", "b2")
                .addEdge(List.of("b1", "b2"), "join").addEdge("join", END).compile();
        RunResult r = g.invoke(Update.empty(), cfg());
        assertThat(r.status()).isEqualTo(RunResult.Status.COMPLETED);
        assertThat(r.get(TRACE)).containsExactly("fan", "b1:true", "b2:true", "join saw 3");
        assertThat(joinRuns).hasValue(1);
    }

    @Test
    @DisplayName("a join waits for branches of different lengths and runs once")
    void joinOfUnequalBranches() {
        AtomicInteger joinRuns = new AtomicInteger();
        CompiledGraph g = StateGraph.of(TRACE)
                .addNode("short", tracing("short")).addNode("long1", tracing("long1")).addNode("long2", tracing("long2"))
                .addNode("join", (s, c) -> {
                    joinRuns.incrementAndGet();
                    return Update.append(TRACE, "join");
                })
                .addEdge(START, "short").addEdge(START, "long1").addEdge("long1", "long2")
                .addEdge(List.of("short", "long2"), "join").addEdge("join", END).compile();
        RunResult r = g.invoke(Update.empty(), cfg());
        assertThat(r.get(TRACE)).containsExactly("short", "long1", "long2", "join");
        assertThat(joinRuns).hasValue(1);
    }

    @Test
    @DisplayName("updates merge in node-definition order whichever branch finishes first")
    void deterministicMerge() {
        CountDownLatch zDone = new CountDownLatch(1);
        Node slowA = (s, c) -> {
            zDone.await(5, TimeUnit.SECONDS); // 'a' finishes after 'z'
            return Update.append(TRACE, "a");
        };
        Node fastZ = (s, c) -> {
            zDone.countDown();
            return Update.append(TRACE, "z");
        };
        CompiledGraph g = StateGraph.of(TRACE).addNode("a", slowA).addNode("z", fastZ)
                .addEdge(START, "z").addEdge(START, "a").addEdge("a", END).addEdge("z", END).compile();
        for (int i = 0; i < 5; i++) {
            RunResult r = g.invoke(Update.empty(), cfg());
            assertThat(r.get(TRACE)).containsExactly("a", "z");
            assertThat(r.steps()).extracting(RunResult.Step::node).containsExactly("a", "z");
        }
    }

    @Test
    @DisplayName("two writes to a last-value key in one step fail the run; reducer keys merge")
    void conflictingWrites() {
        CompiledGraph g = StateGraph.of(VALUE, TRACE)
                .addNode("a", (s, c) -> Update.of(VALUE, "from a").andAppend(TRACE, "a"))
                .addNode("b", (s, c) -> Update.of(VALUE, "from b").andAppend(TRACE, "b"))
                .addEdge(START, "a").addEdge(START, "b").addEdge("a", END).addEdge("b", END).compile();
        RunResult r = g.invoke(Update.of(VALUE, "initial"), cfg());
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error()).isInstanceOf(InvalidUpdateException.class)
                .hasMessageContaining("'value'").hasMessageContaining("'a'").hasMessageContaining("'b'");
        assertThat(r.get(VALUE)).as("no partial step is visible").isEqualTo("initial");
        assertThat(r.get(TRACE)).isEmpty();
    }

    @Test
    @DisplayName("a node writing an undeclared key fails with InvalidUpdateException")
    void undeclaredKey() {
        CompiledGraph g = StateGraph.of(TRACE).addNode("a", (s, c) -> Update.of(VALUE, "x"))
                .addEdge(START, "a").addEdge("a", END).compile();
        assertThat(g.invoke(Update.empty(), cfg()).error()).isInstanceOf(InvalidUpdateException.class)
                .hasMessageContaining("'value'");
    }

    @Test
    @DisplayName("Send fans out 50 items in parallel and the reduce step sees all results")
    void sendFanOut() {
        Key<List<String>> leads = Key.appending("leads", String.class);
        Key<String> lead = Key.of("lead", String.class);
        Key<List<Integer>> scores = Key.appending("scores", Integer.class);
        Key<Integer> total = Key.of("total", Integer.class);
        List<String> input = IntStream.range(0, 50).mapToObj(i -> "lead-" + i).collect(Collectors.toList());
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        CompiledGraph g = StateGraph.of(leads, lead, scores, total)
                .addNode("load", (s, c) -> Update.empty())
                .addNode("score", (s, c) -> {
                    threads.add(Thread.currentThread().getName());
                    return Update.append(scores, Integer.parseInt(s.get(lead).substring(5)));
                })
                .addNode("sum", (s, c) -> Update.of(total, s.get(scores).stream().mapToInt(Integer::intValue).sum()))
                .addEdge(START, "load")
                .addConditionalEdges("load", s -> s.get(leads).stream().map(l -> Send.to("score", lead, l)).toList(), List.of("score"))
                .addEdge("score", "sum").addEdge("sum", END).compile();
        RunResult r = g.invoke(Update.of(leads, input), cfg());
        assertThat(r.status()).isEqualTo(RunResult.Status.COMPLETED);
        assertThat(r.get(scores)).hasSize(50).as("merge follows send order").isSorted();
        assertThat(r.get(total)).isEqualTo(49 * 50 / 2);
        assertThat(r.get(lead)).as("a send's input is private to its task").isNull();
        assertThat(r.steps()).filteredOn(s -> s.node().equals("sum")).hasSize(1);
        assertThat(threads).hasSize(50);
    }

    @Test
    @DisplayName("a compiled graph works as a node, sharing keys by name")
    void subgraph() {
        CompiledGraph child = StateGraph.of(TRACE, N)
                .addNode("c1", (s, c) -> Update.append(TRACE, "c1 saw " + s.get(TRACE).size()).and(N, s.get(N) + 10))
                .addNode("c2", tracing("c2"))
                .addEdge(START, "c1").addEdge("c1", "c2").addEdge("c2", END).compile();
        CompiledGraph parent = StateGraph.of(TRACE, N, VALUE)
                .addNode("p1", (s, c) -> Update.append(TRACE, "p1").and(N, 1))
                .addNode("sub", child)
                .addNode("p2", tracing("p2"))
                .addEdge(START, "p1").addEdge("p1", "sub").addEdge("sub", "p2").addEdge("p2", END).compile();
        RunResult r = parent.invoke(Update.empty(), cfg());
        assertThat(r.status()).isEqualTo(RunResult.Status.COMPLETED);
        assertThat(r.get(TRACE)).containsExactly("p1", "c1 saw 1", "c2", "p2");
        assertThat(r.get(N)).isEqualTo(11);

        CompiledGraph mapped = StateGraph.of(VALUE)
                .addNode("sub", child.asNode(s -> Update.of(N, 5), cs -> Update.of(VALUE, "child n=" + cs.get(N))))
                .addEdge(START, "sub").addEdge("sub", END).compile();
        assertThat(mapped.invoke(Update.empty(), cfg()).get(VALUE)).isEqualTo("child n=15");
    }

    @Test
    @DisplayName("a cycle that never ends hits the recursion limit")
    void recursionLimit() {
        CompiledGraph g = StateGraph.of(N).addNode("loop", (s, c) -> Update.of(N, s.get(N) + 1))
                .addEdge(START, "loop").addConditionalEdges("loop", s -> "again", Map.of("again", "loop", "end", END)).compile();
        RunResult r = g.invoke(Update.empty(), cfg().toBuilder().recursionLimit(7).build());
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error()).isInstanceOf(GraphRecursionException.class);
        assertThat(((GraphRecursionException) r.error()).limit()).isEqualTo(7);
        assertThat(r.get(N)).isEqualTo(7);
        assertThatThrownBy(r::orThrow).isInstanceOf(GraphRecursionException.class);
        assertThat(g.invoke(Update.empty(), cfg()).get(N)).as("default limit").isEqualTo(RunConfig.DEFAULT_RECURSION_LIMIT);
    }

    @Test
    @DisplayName("retry re-runs a node on matching failures only, up to maxAttempts")
    void retry() {
        AtomicInteger calls = new AtomicInteger();
        Node flaky = (s, c) -> {
            if (calls.incrementAndGet() < 3) {
                throw new IOException("flaky " + c.attempt());
            }
            return Update.of(VALUE, "ok on attempt " + c.attempt());
        };
        CompiledGraph g = StateGraph.of(VALUE)
                .addNode("a", flaky, NodePolicy.builder().maxAttempts(3).retryOn(IOException.class).build())
                .addEdge(START, "a").addEdge("a", END).compile();
        assertThat(g.invoke(Update.empty(), cfg()).get(VALUE)).isEqualTo("ok on attempt 3");

        AtomicInteger other = new AtomicInteger();
        CompiledGraph noRetry = StateGraph.of(VALUE)
                .addNode("a", (s, c) -> {
                    other.incrementAndGet();
                    throw new IllegalStateException("bug");
                }, NodePolicy.builder().maxAttempts(5).retryOn(IOException.class).build())
                .addEdge(START, "a").addEdge("a", END).compile();
        RunResult r = noRetry.invoke(Update.empty(), cfg());
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error()).isInstanceOf(NodeExecutionException.class).hasRootCauseInstanceOf(IllegalStateException.class);
        assertThat(((NodeExecutionException) r.error()).attempts()).isEqualTo(1);
        assertThat(other).hasValue(1);
    }

    @Test
    @DisplayName("a node over its timeout fails the run and its thread is interrupted")
    void timeout() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        AtomicBoolean sawInterrupt = new AtomicBoolean();
        CompiledGraph g = StateGraph.of(VALUE)
                .addNode("slow", (s, c) -> {
                    try {
                        never.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        sawInterrupt.set(true);
                        interrupted.countDown();
                        throw e;
                    }
                    return Update.of(VALUE, "too late");
                }, NodePolicy.builder().timeout(Duration.ofMillis(100)).build())
                .addEdge(START, "slow").addEdge("slow", END).compile();
        RunResult r = g.invoke(Update.empty(), cfg());
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error()).isInstanceOf(NodeTimeoutException.class).hasMessageContaining("'slow'");
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(sawInterrupt).isTrue();
    }

    @Test
    @DisplayName("toMermaid draws solid plain edges and dotted labelled conditional edges")
    void mermaid() {
        CompiledGraph g = StateGraph.of(N)
                .addNode("classify", (s, c) -> Update.empty()).addNode("answer", (s, c) -> Update.empty())
                .addEdge(START, "classify")
                .addConditionalEdges("classify", s -> "faq", Map.of("faq", "answer", "done", END))
                .addEdge("answer", END).compile(CompileConfig.builder().name("support").build());
        assertThat(g.toMermaid()).isEqualTo("""
                ---
                title: support
                ---
                graph TD;
                \t__start__([<p>__start__</p>]):::first
                \tclassify(classify)
                \tanswer(answer)
                \t__end__([<p>__end__</p>]):::last
                \t__start__ --> classify;
                \tanswer --> __end__;
                \tclassify -. &nbsp;done&nbsp; .-> __end__;
                \tclassify -. &nbsp;faq&nbsp; .-> answer;
                \tclassDef default fill:#f2f0ff,line-height:1.2
                \tclassDef first fill-opacity:0
                \tclassDef last fill:#bfb6fc
                """);
    }

    @Test
    @DisplayName("stream delivers events in order ending with the terminal event; listeners get the same")
    void streaming() {
        List<GraphEvent> heard = Collections.synchronizedList(new ArrayList<>());
        CompiledGraph g = StateGraph.of(TRACE)
                .addNode("a", (s, c) -> {
                    c.emitToken("Hel");
                    c.emitToken("lo");
                    return Update.append(TRACE, "a");
                })
                .addNode("b", tracing("b"))
                .addEdge(START, "a").addEdge("a", "b").addEdge("b", END)
                .compile(CompileConfig.builder().checkpointer(new InMemoryCheckpointer()).build());
        List<GraphEvent> events = g.stream(Update.empty(), cfg().toBuilder().listener(heard::add).build()).toList();
        assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly(
                "RunStarted", "CheckpointSaved", "CheckpointSaved",
                "NodeStarted", "ModelToken", "ModelToken", "NodeCompleted", "CheckpointSaved",
                "NodeStarted", "NodeCompleted", "CheckpointSaved", "RunCompleted");
        assertThat(events).filteredOn(GraphEvent.ModelToken.class::isInstance)
                .extracting(e -> ((GraphEvent.ModelToken) e).token()).containsExactly("Hel", "lo");
        GraphEvent.NodeCompleted a = (GraphEvent.NodeCompleted) events.get(6);
        assertThat(a.node()).isEqualTo("a");
        assertThat(a.update().get(TRACE)).containsExactly("a");
        assertThat(((GraphEvent.RunCompleted) events.get(11)).result().get(TRACE)).containsExactly("a", "b");
        assertThat(heard).containsExactlyElementsOf(events);
    }

    @Test
    @DisplayName("interrupting without a checkpointer returns the interrupt (LangGraph); only resuming needs a checkpointer")
    void interruptNeedsCheckpointer() {
        CompiledGraph g = StateGraph.of(VALUE).addNode("ask", (s, c) -> Update.of(VALUE, String.valueOf(c.interrupt("?"))))
                .addEdge(START, "ask").addEdge("ask", END).compile();
        RunResult r = g.invoke(Update.empty(), cfg());
        assertThat(r.status()).isEqualTo(RunResult.Status.INTERRUPTED);
        assertThat(r.interrupts()).singleElement().satisfies(i -> {
            assertThat(i.payload()).isEqualTo("?");
            assertThat(i.id()).isNotBlank();
        });
        assertThatThrownBy(() -> g.resume(Resume.withValue("x"), RunConfig.forThread(r.threadId())))
                .isInstanceOf(GraphException.class).hasMessageContaining("compiled without a checkpointer");
    }

    @Test
    @DisplayName("a subgraph's node and token events reach the parent's stream; only the parent's run ends it")
    void subgraphEventsPassThrough() {
        CompiledGraph child = StateGraph.of(TRACE).addNode("inner", (s, c) -> {
            c.emitToken("tok");
            return Update.append(TRACE, "inner");
        }).addEdge(START, "inner").addEdge("inner", END).compile();
        CompiledGraph parent = StateGraph.of(TRACE).addNode("sub", child).addNode("after", tracing("after"))
                .addEdge(START, "sub").addEdge("sub", "after").addEdge("after", END).compile();
        List<GraphEvent> events = parent.stream(Update.empty(), cfg()).toList();
        assertThat(events).filteredOn(e -> e instanceof GraphEvent.NodeCompleted)
                .extracting(e -> ((GraphEvent.NodeCompleted) e).node()).containsExactly("inner", "sub", "after");
        assertThat(events).filteredOn(GraphEvent.ModelToken.class::isInstance).hasSize(1);
        assertThat(events).filteredOn(e -> e instanceof GraphEvent.RunStarted || e instanceof GraphEvent.RunCompleted).hasSize(2);
        assertThat(events.get(events.size() - 1)).isInstanceOf(GraphEvent.RunCompleted.class);
        assertThat(((GraphEvent.RunCompleted) events.get(events.size() - 1)).result().get(TRACE)).containsExactly("inner", "after");
    }

    @Test
    @DisplayName("a listener that throws is ignored")
    void throwingListener() {
        CompiledGraph g = StateGraph.of(TRACE).addNode("a", tracing("a")).addEdge(START, "a").addEdge("a", END).compile();
        RunResult r = g.invoke(Update.empty(), cfg().toBuilder().listener(e -> {
            throw new IllegalStateException("listener bug");
        }).build());
        assertThat(r.status()).isEqualTo(RunResult.Status.COMPLETED);
    }
}
