package dev.salesagent.agents.graph;

import dev.salesagent.agents.graph.LangGraphConformanceTest.Saver;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.salesagent.agents.graph.StateGraph.END;
import static dev.salesagent.agents.graph.StateGraph.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Subgraph persistence and LangGraph's checkpoint layout, ported from LangGraph ({@code langchain-ai/langgraph},
 * {@code libs/langgraph/tests}: {@code test_subgraph_persistence.py}, {@code test_pregel.py}); each test names the
 * Python test it ports and runs with the in-memory and the JDBC (H2) checkpointer. LangGraph's {@code MessagesState}
 * becomes an appending {@code Key<List<String>>}.
 */
class LangGraphSubgraphConformanceTest {

    static final Key<List<String>> MESSAGES = Key.appending("messages", String.class);
    static final Key<String> RESULT = Key.of("result", String.class);
    static final Key<String> RESULT_2 = Key.of("result_2", String.class);

    private static RunConfig thread() {
        return RunConfig.builder().threadId("t-" + UUID.randomUUID()).executor(Runnable::run).build();
    }

    private static String last(List<String> messages) {
        return messages.get(messages.size() - 1);
    }

    /** {@code _make_inner_graph}: process_input interrupts ("continue?"), then answers; respond says "Done". */
    private static StateGraph innerWithInterrupt() {
        return StateGraph.of(MESSAGES)
                .addNode("process_input", (s, c) -> {
                    c.interrupt("continue?");
                    return Update.append(MESSAGES, "Processing: " + last(s.get(MESSAGES)));
                })
                .addNode("respond", (s, c) -> Update.append(MESSAGES, "Done"))
                .addEdge(START, "process_input").addEdge("process_input", "respond");
    }

    /** {@code _echo_graph}: one node answering "prefix: last message". */
    private static CompiledGraph echo(String prefix, CompileConfig config) {
        return StateGraph.of(MESSAGES)
                .addNode("echo", (s, c) -> Update.append(MESSAGES, prefix + ": " + last(s.get(MESSAGES))))
                .addEdge(START, "echo").compile(config);
    }

    private static CompiledGraph parentCalling(Saver saver, Node callInner) {
        return StateGraph.of(RESULT, RESULT_2).addNode("call_inner", callInner).addEdge(START, "call_inner")
                .compile(CompileConfig.builder().checkpointer(saver.create()).build());
    }

    // ------------------------------------------------------------------ a graph invoked inside a node joins the run

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_tool_invocation_scope_interrupt_resume: a graph invoked inside a node pauses the parent at its interrupt; resume goes back into it")
    void toolInvocationScopeInterruptResume(Saver saver) {
        CompiledGraph inner = innerWithInterrupt().compile();
        AtomicInteger innerStarts = new AtomicInteger();
        CompiledGraph parent = parentCalling(saver, (s, c) -> {
            innerStarts.incrementAndGet();
            RunResult response = inner.invoke(Update.append(MESSAGES, "tell me about apples"));
            return Update.of(RESULT, last(response.get(MESSAGES)));
        });
        RunConfig cfg = thread();
        RunResult paused = parent.invoke(Update.of(RESULT, ""), cfg);
        assertThat(paused.status()).isEqualTo(RunResult.Status.INTERRUPTED);
        assertThat(paused.interrupts()).extracting(RunResult.Interrupt::payload).containsExactly("continue?");
        assertThat(paused.get(RESULT)).isEmpty();
        assertThat(parent.snapshot(cfg.threadId()).orElseThrow().next()).containsExactly("call_inner");

        RunResult done = parent.resume(Command.resume(true), cfg).orThrow();
        assertThat(done.get(RESULT)).isEqualTo("Done");
        assertThat(innerStarts).as("the node re-ran and its inner graph resumed instead of restarting").hasValue(2);
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_tool_invocation_scope_state_resets: without statefulSubgraph an inner graph starts empty on every call of the parent thread")
    void toolInvocationScopeStateResets(Saver saver) {
        CompiledGraph inner = innerWithInterrupt().compile();
        List<Integer> counts = new ArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        CompiledGraph parent = parentCalling(saver, (s, c) -> {
            String topic = calls.incrementAndGet() <= 2 ? "apples" : "bananas";
            RunResult response = inner.invoke(Update.append(MESSAGES, "tell me about " + topic));
            counts.add(response.get(MESSAGES).size());
            return Update.of(RESULT, last(response.get(MESSAGES)));
        });
        RunConfig cfg = thread();
        parent.invoke(Update.of(RESULT, ""), cfg);
        parent.resume(Command.resume(true), cfg).orThrow();
        parent.invoke(Update.of(RESULT, ""), cfg);
        RunResult second = parent.resume(Command.resume(true), cfg).orThrow();
        assertThat(counts).containsExactly(3, 3);
        assertThat(second.get(RESULT)).isEqualTo("Done");
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_session_scope_state_accumulates: a statefulSubgraph graph invoked inside a node continues its state on the next call")
    void sessionScopeStateAccumulates(Saver saver) {
        CompiledGraph wrapper = StateGraph.of(MESSAGES)
                .addNode("inner_agent", echo("Echo", CompileConfig.defaults()))
                .addEdge(START, "inner_agent")
                .compile(CompileConfig.builder().statefulSubgraph(true).build());
        List<List<String>> seen = new ArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        CompiledGraph parent = parentCalling(saver, (s, c) -> {
            String q = calls.incrementAndGet() == 1 ? "apples" : "bananas";
            RunResult response = wrapper.invoke(Update.append(MESSAGES, "tell me about " + q));
            seen.add(response.get(MESSAGES));
            return Update.of(RESULT, last(response.get(MESSAGES)));
        });
        RunConfig cfg = thread();
        parent.invoke(Update.of(RESULT, ""), cfg).orThrow();
        parent.invoke(Update.of(RESULT, ""), cfg).orThrow();
        assertThat(seen.get(0)).containsExactly("tell me about apples", "Echo: tell me about apples");
        assertThat(seen.get(1)).containsExactly("tell me about apples", "Echo: tell me about apples",
                "tell me about bananas", "Echo: tell me about bananas");

        RunConfig other = thread();
        parent.invoke(Update.of(RESULT, ""), other).orThrow();
        assertThat(seen.get(2)).as("state is per parent thread").hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_session_scope_parallel_different_agents_namespace_isolation: two stateful graphs called from one node keep separate state")
    void sessionScopeNamespaceIsolation(Saver saver) {
        CompileConfig stateful = CompileConfig.builder().statefulSubgraph(true).build();
        CompiledGraph fruit = echo("Fruit info", stateful);
        CompiledGraph veggie = echo("Veggie info", stateful);
        List<Integer> fruitCounts = new ArrayList<>();
        List<Integer> veggieCounts = new ArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        CompiledGraph parent = parentCalling(saver, (s, c) -> {
            String round = calls.incrementAndGet() == 1 ? "round 1" : "round 2";
            List<String> f = fruit.invoke(Update.append(MESSAGES, "cherries " + round)).get(MESSAGES);
            List<String> v = veggie.invoke(Update.append(MESSAGES, "broccoli " + round)).get(MESSAGES);
            fruitCounts.add(f.size());
            veggieCounts.add(v.size());
            return Update.of(RESULT, last(f), RESULT_2, last(v));
        });
        RunConfig cfg = thread();
        parent.invoke(Update.empty(), cfg).orThrow();
        RunResult second = parent.invoke(Update.empty(), cfg).orThrow();
        assertThat(fruitCounts).containsExactly(2, 4);
        assertThat(veggieCounts).containsExactly(2, 4);
        assertThat(second.get(RESULT)).isEqualTo("Fruit info: cherries round 2");
        assertThat(second.get(RESULT_2)).isEqualTo("Veggie info: broccoli round 2");
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("a Command.PARENT from a graph invoked inside a node is applied as that node's result (LangGraph's ParentCommand bubbling)")
    void parentCommandFromInnerInvoke(Saver saver) {
        CompiledGraph inner = StateGraph.of(MESSAGES)
                .addNode("hand_off", (s, c) -> Command.goTo("after").withUpdate(Update.of(RESULT, "handed off")).toParent())
                .addEdge(START, "hand_off").compile();
        CompiledGraph parent = StateGraph.of(RESULT, MESSAGES)
                .addNode("call_inner", (s, c) -> {
                    inner.invoke(Update.append(MESSAGES, "go"));
                    return Update.of(RESULT, "not reached");
                })
                .addNode("after", (s, c) -> Update.append(MESSAGES, "after saw " + s.get(RESULT)))
                .addEdge(START, "call_inner")
                .compile(CompileConfig.builder().checkpointer(saver.create()).build());
        RunResult r = parent.invoke(Update.empty(), thread()).orThrow();
        assertThat(r.get(MESSAGES)).containsExactly("after saw handed off");
    }

    // ------------------------------------------------------------------ subgraph nodes: namespaces, state, deletion

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("a stateful subgraph node (LangGraph's compile(checkpointer=True)) keeps its state between runs of the parent thread; a default one starts empty")
    void statefulSubgraphNode(Saver saver) {
        Checkpointer store = saver.create();
        for (boolean stateful : new boolean[] {true, false}) {
            CompiledGraph child = echo("Echo", CompileConfig.builder().statefulSubgraph(stateful).build());
            List<Integer> childSizes = new ArrayList<>();
            CompiledGraph parent = StateGraph.of(MESSAGES, RESULT)
                    .addNode("agent", child.asNode(s -> Update.append(MESSAGES, s.get(RESULT)), out -> {
                        childSizes.add(out.get(MESSAGES).size());
                        return Update.empty();
                    }))
                    .addEdge(START, "agent")
                    .compile(CompileConfig.builder().checkpointer(store).build());
            RunConfig cfg = thread();
            parent.invoke(Update.of(RESULT, "one"), cfg).orThrow();
            parent.invoke(Update.of(RESULT, "two"), cfg).orThrow();
            assertThat(childSizes).as("stateful=" + stateful).containsExactly(2, stateful ? 4 : 2);
        }
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_doubly_nested_graph_interrupts / get_state(subgraphs=True): snapshot(thread, true) shows the paused subgraphs, nested, in the parent's task")
    void stateWithSubgraphs(Saver saver) {
        Key<String> myKey = Key.of("my_key", String.class);
        CompiledGraph grandchild = StateGraph.of(myKey)
                .addNode("grandchild_1", (s, c) -> Update.of(myKey, s.get(myKey) + " here"))
                .addNode("grandchild_2", (s, c) -> {
                    Object answer = c.interrupt("ask");
                    return Update.of(myKey, s.get(myKey) + " and " + answer);
                })
                .addEdge(START, "grandchild_1").addEdge("grandchild_1", "grandchild_2").compile();
        CompiledGraph child = StateGraph.of(myKey)
                .addNode("child_1", grandchild)
                .addEdge(START, "child_1").compile();
        CompiledGraph parent = StateGraph.of(myKey)
                .addNode("parent_1", (s, c) -> Update.of(myKey, "hi " + s.get(myKey)))
                .addNode("parent_2", child)
                .addEdge(START, "parent_1").addEdge("parent_1", "parent_2")
                .compile(CompileConfig.builder().checkpointer(saver.create()).build());
        RunConfig cfg = thread();
        assertThat(parent.invoke(Update.of(myKey, "my value"), cfg).status()).isEqualTo(RunResult.Status.INTERRUPTED);

        StateSnapshot flat = parent.snapshot(cfg.threadId()).orElseThrow();
        assertThat(flat.tasks()).singleElement().satisfies(t -> {
            assertThat(t.node()).isEqualTo("parent_2");
            assertThat(t.state()).isNull();
        });
        StateSnapshot full = parent.snapshot(cfg.threadId(), true).orElseThrow();
        assertThat(full.next()).containsExactly("parent_2");
        StateSnapshot.Task childTask = full.tasks().get(0);
        assertThat(childTask.checkpointNs()).startsWith("parent_2:").doesNotContain("|");
        StateSnapshot childState = childTask.state();
        assertThat(childState).isNotNull();
        assertThat(childState.values().get(myKey)).isEqualTo("hi my value");
        assertThat(childState.next()).containsExactly("child_1");
        StateSnapshot.Task grandchildTask = childState.tasks().get(0);
        assertThat(grandchildTask.checkpointNs()).startsWith(childTask.checkpointNs() + "|child_1:");
        StateSnapshot grandchildState = grandchildTask.state();
        assertThat(grandchildState.values().get(myKey)).isEqualTo("hi my value here");
        assertThat(grandchildState.next()).containsExactly("grandchild_2");
        assertThat(grandchildState.interrupts()).extracting(RunResult.Interrupt::payload).containsExactly("ask");
        assertThat(grandchildState.tasks()).singleElement().satisfies(t -> assertThat(t.state()).isNull());

        RunResult done = parent.resume(Command.resume("answer"), cfg).orThrow();
        assertThat(done.get(myKey)).isEqualTo("hi my value here and answer");
        StateSnapshot after = parent.snapshot(cfg.threadId(), true).orElseThrow();
        assertThat(after.next()).isEmpty();
        assertThat(after.tasks()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("delete_thread: deleting the parent thread deletes its subgraphs' checkpoint namespaces, other threads keep theirs")
    void deleteThreadDeletesSubgraphs(Saver saver) {
        Checkpointer store = saver.create();
        CompiledGraph child = innerWithInterrupt().compile(CompileConfig.builder().statefulSubgraph(true).build());
        CompiledGraph parent = StateGraph.of(MESSAGES).addNode("agent", child).addEdge(START, "agent")
                .compile(CompileConfig.builder().checkpointer(store).build());
        RunConfig doomed = thread();
        RunConfig kept = thread();
        for (RunConfig cfg : List.of(doomed, kept)) {
            assertThat(parent.invoke(Update.append(MESSAGES, "hi"), cfg).status()).isEqualTo(RunResult.Status.INTERRUPTED);
        }
        String doomedChild = Checkpointer.subgraphThreadId(doomed.threadId(), "agent");
        String keptChild = Checkpointer.subgraphThreadId(kept.threadId(), "agent");
        assertThat(store.latest(doomedChild, child.codec())).isPresent();
        assertThat(parent.snapshot(doomed.threadId(), true).orElseThrow().tasks().get(0).checkpointNs()).isEqualTo("agent");

        store.deleteThread(doomed.threadId());
        assertThat(store.latest(doomed.threadId(), parent.codec())).isEmpty();
        assertThat(store.latest(doomedChild, child.codec())).as("the subgraph's namespace went with its thread").isEmpty();
        assertThat(store.history(doomedChild, child.codec())).isEmpty();
        assertThat(store.latest(keptChild, child.codec())).isPresent();
        assertThat(parent.resume(Command.resume(true), kept).orThrow().get(MESSAGES))
                .containsExactly("hi", "Processing: hi", "Done");
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("a resumed subgraph node continues from its own checkpoint: its nodes before the interrupt do not run again")
    void resumedSubgraphDoesNotRerunFinishedNodes(Saver saver) {
        AtomicInteger firstRuns = new AtomicInteger();
        CompiledGraph child = StateGraph.of(MESSAGES)
                .addNode("first", (s, c) -> {
                    firstRuns.incrementAndGet();
                    return Update.append(MESSAGES, "first");
                })
                .addNode("ask", (s, c) -> Update.append(MESSAGES, "answer " + c.interrupt("q")))
                .addEdge(START, "first").addEdge("first", "ask").compile();
        CompiledGraph parent = StateGraph.of(MESSAGES).addNode("child", child).addEdge(START, "child")
                .compile(CompileConfig.builder().checkpointer(saver.create()).build());
        RunConfig cfg = thread();
        parent.invoke(Update.empty(), cfg);
        parent.updateState(cfg.threadId(), Update.append(MESSAGES, "edit")); // a state edit keeps the paused tasks
        RunResult done = parent.resume(Command.resume("yes"), cfg).orThrow();
        assertThat(done.get(MESSAGES)).containsExactly("edit", "first", "answer yes");
        assertThat(firstRuns).hasValue(1);
    }

    // ------------------------------------------------------------------ checkpoint layout

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("checkpoint layout of test_pregel.py's get_state_history: input at step -1 (next __start__, values empty), __start__ step 0, then one per step; a second input continues the numbering")
    void checkpointLayout(Saver saver) {
        Key<String> myKey = Key.of("my_key", String.class);
        CompiledGraph g = StateGraph.of(myKey)
                .addNode("a", (s, c) -> Update.of(myKey, s.get(myKey) + " a"))
                .addNode("b", (s, c) -> Update.of(myKey, s.get(myKey) + " b"))
                .addEdge(START, "a").addEdge("a", "b").addEdge("b", END)
                .compile(CompileConfig.builder().checkpointer(saver.create()).build());
        RunConfig cfg = thread();
        List<Integer> stepsSeen = new ArrayList<>();
        CompiledGraph spy = StateGraph.of(myKey)
                .addNode("a", (s, c) -> {
                    stepsSeen.add(c.step());
                    return Update.empty();
                })
                .addEdge(START, "a").compile();
        spy.invoke(Update.empty());
        assertThat(stepsSeen).as("the first node runs in step 1, also without a checkpointer").containsExactly(1);

        g.invoke(Update.of(myKey, "x"), cfg).orThrow();
        List<Checkpoint> oldestFirst = new ArrayList<>(g.history(cfg.threadId()));
        java.util.Collections.reverse(oldestFirst);
        assertThat(oldestFirst).extracting(Checkpoint::step).containsExactly(-1, 0, 1, 2);
        assertThat(oldestFirst).extracting(c -> c.metadata().get("source")).containsExactly("input", "loop", "loop", "loop");
        assertThat(oldestFirst).extracting(Checkpoint::nextNodes)
                .containsExactly(List.of(START), List.of("a"), List.of("b"), List.of());
        assertThat(oldestFirst.get(0).state().has(myKey)).as("the input checkpoint holds the state before the input").isFalse();
        assertThat(oldestFirst.get(1).state().get(myKey)).isEqualTo("x");
        assertThat(oldestFirst.get(1).metadata().get("writers")).isEqualTo(List.of(START));
        assertThat(oldestFirst.get(1).parentId()).isEqualTo(oldestFirst.get(0).id());

        g.invoke(Update.of(myKey, "y"), cfg).orThrow();
        List<Checkpoint> newest = g.history(cfg.threadId()).subList(0, 4);
        assertThat(newest).extracting(Checkpoint::step).containsExactly(6, 5, 4, 3);
        assertThat(newest.get(3).metadata().get("source")).isEqualTo("input");
        assertThat(newest.get(3).state().get(myKey)).isEqualTo("x a b");
        assertThat(newest.get(0).state().get(myKey)).isEqualTo("y a b");

        Checkpoint input = oldestFirst.get(0);
        RunResult replay = g.fork(input.id(), Update.empty(), cfg).orThrow();
        assertThat(replay.get(myKey)).as("forking the input checkpoint replays its input").isEqualTo("x a b");
    }

    // ------------------------------------------------------------------ Send

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_send_sequences / Send semantics: a Send's argument is the target node's whole input, not laid over the shared state")
    void sendArgumentIsTheWholeInput(Saver saver) {
        Key<String> shared = Key.of("shared", String.class);
        Key<String> item = Key.of("item", String.class);
        CompiledGraph g = StateGraph.of(MESSAGES, shared)
                .addNode("fan", (s, c) -> Update.empty())
                .addNode("work", (s, c) -> Update.append(MESSAGES, s.get(item) + " saw shared=" + s.get(shared)
                        + " messages=" + s.get(MESSAGES)))
                .addEdge(START, "fan")
                .addConditionalEdges("fan", s -> List.of(Send.to("work", item, "x"), new Send("work", Update.of(item, "y", shared, "own"))),
                        List.of("work"))
                .compile(CompileConfig.builder().checkpointer(saver.create()).build());
        RunResult r = g.invoke(Update.of(shared, "parent").and(MESSAGES, List.of("m")), thread()).orThrow();
        assertThat(r.get(MESSAGES)).containsExactly("m", "x saw shared=null messages=[]", "y saw shared=own messages=[]");
        assertThat(r.get(shared)).isEqualTo("parent");
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("the parent's interrupt for a paused inner graph carries the inner payload and id; a map resume by that id reaches it")
    void innerInterruptResumedById(Saver saver) {
        CompiledGraph inner = innerWithInterrupt().compile();
        CompiledGraph parent = parentCalling(saver, (s, c) -> Update.of(RESULT,
                last(inner.invoke(Update.append(MESSAGES, "q")).get(MESSAGES))));
        RunConfig cfg = thread();
        RunResult paused = parent.invoke(Update.empty(), cfg);
        String id = paused.interrupts().get(0).id();
        assertThat(parent.snapshot(cfg.threadId()).orElseThrow().interrupts()).extracting(RunResult.Interrupt::id).containsExactly(id);
        assertThat(parent.resume(Command.resume(Map.of(id, "ok")), cfg).orThrow().get(RESULT)).isEqualTo("Done");
    }

    // ------------------------------------------------------------------ several parallel interrupts inside one subgraph

    static final Key<String> PROMPT = Key.of("prompt", String.class);
    static final Key<List<String>> PROMPTS = Key.listOf("prompts", String.class);
    static final Key<List<String>> HUMAN_INPUTS = Key.appending("human_inputs", String.class);

    /** The child of {@code test_parallel_interrupts_double}: two nodes from START, each interrupting with the prompt. */
    private static CompiledGraph twoAskingNodes(CompileConfig config) {
        return StateGraph.of(PROMPT, HUMAN_INPUTS)
                .addNode("get_human_input", (s, c) -> Update.append(HUMAN_INPUTS, String.valueOf(c.interrupt(s.get(PROMPT)))))
                .addNode("get_dolphin_input", (s, c) -> Update.append(HUMAN_INPUTS, String.valueOf(c.interrupt("dolphin " + s.get(PROMPT)))))
                .addEdge(START, "get_human_input").addEdge(START, "get_dolphin_input").compile(config);
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_parallel_interrupts_double: two parallel interrupts in each of two Send-ed subgraphs surface as four, resumed one id at a time in five invokes")
    void parallelInterruptsDouble(Saver saver) {
        List<Integer> cleanupSizes = new ArrayList<>();
        CompiledGraph parent = StateGraph.of(PROMPTS, HUMAN_INPUTS)
                .addNode("child_graph", twoAskingNodes(CompileConfig.defaults()))
                .addNode("cleanup", (s, c) -> {
                    cleanupSizes.add(s.get(HUMAN_INPUTS).size());
                    return Update.empty();
                })
                .addConditionalEdges(START, s -> s.get(PROMPTS).stream().map(p -> Send.to("child_graph", PROMPT, p)).toList(),
                        List.of("child_graph"))
                .addEdge("child_graph", "cleanup").addEdge("cleanup", END)
                .compile(CompileConfig.builder().checkpointer(saver.create()).build());
        RunConfig cfg = thread();
        RunResult r = parent.invoke(Update.of(PROMPTS, List.of("a", "b")), cfg);
        assertThat(r.interrupts()).extracting(RunResult.Interrupt::payload)
                .containsExactlyInAnyOrder("a", "dolphin a", "b", "dolphin b");
        assertThat(r.interrupts()).extracting(RunResult.Interrupt::id).doesNotHaveDuplicates().doesNotContainNull();
        assertThat(r.interrupts()).extracting(RunResult.Interrupt::node).containsOnly("child_graph");
        int invokes = 1;
        List<Integer> pendingCounts = new ArrayList<>();
        while (r.status() == RunResult.Status.INTERRUPTED && invokes < 10) {
            pendingCounts.add(r.interrupts().size());
            assertThat(parent.snapshot(cfg.threadId()).orElseThrow().interrupts())
                    .extracting(RunResult.Interrupt::id).containsExactlyInAnyOrderElementsOf(
                            r.interrupts().stream().map(RunResult.Interrupt::id).toList());
            invokes++;
            r = parent.resume(Command.resume(Map.of(r.interrupts().get(0).id(), "Resume #" + invokes)), cfg);
        }
        assertThat(r.status()).isEqualTo(RunResult.Status.COMPLETED);
        assertThat(invokes).isEqualTo(5);
        assertThat(pendingCounts).containsExactly(4, 3, 2, 1);
        assertThat(cleanupSizes).containsExactly(4);
        assertThat(r.get(HUMAN_INPUTS)).containsExactlyInAnyOrder("Resume #2", "Resume #3", "Resume #4", "Resume #5");
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_multi_resume / test_null_resume_disallowed_with_multiple_interrupts for one subgraph node: its two parallel interrupts surface separately; a single value is refused; one map answers both at once")
    void parallelInterruptsInOneSubgraphAllAtOnce(Saver saver) {
        CompiledGraph parent = StateGraph.of(PROMPT, HUMAN_INPUTS)
                .addNode("child_graph", twoAskingNodes(CompileConfig.defaults()))
                .addEdge(START, "child_graph")
                .compile(CompileConfig.builder().checkpointer(saver.create()).build());
        RunConfig cfg = thread();
        RunResult paused = parent.invoke(Update.of(PROMPT, "p"), cfg);
        assertThat(paused.interrupts()).extracting(RunResult.Interrupt::payload).containsExactly("p", "dolphin p");
        List<String> ids = paused.interrupts().stream().map(RunResult.Interrupt::id).toList();
        assertThat(ids).doesNotHaveDuplicates().doesNotContainNull();
        StateSnapshot snap = parent.snapshot(cfg.threadId(), true).orElseThrow();
        assertThat(snap.interrupts()).extracting(RunResult.Interrupt::id).containsExactlyElementsOf(ids);
        assertThat(snap.tasks().get(0).state().interrupts()).extracting(RunResult.Interrupt::id).containsExactlyElementsOf(ids);

        assertThatThrownBy(() -> parent.resume(Command.resume("one for all"), cfg))
                .isInstanceOf(GraphException.class).hasMessageContaining("multiple pending interrupts");
        RunResult done = parent.resume(Command.resume(Map.of(ids.get(0), "human", ids.get(1), "dolphin")), cfg).orThrow();
        assertThat(done.get(HUMAN_INPUTS)).containsExactly("human", "dolphin");
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("parallel interrupts of a graph invoked inside a node surface separately and are answered one id at a time; the unanswered one keeps its id")
    void parallelInterruptsOfJoinedGraph(Saver saver) {
        CompiledGraph inner = twoAskingNodes(CompileConfig.defaults());
        AtomicInteger nodeRuns = new AtomicInteger();
        CompiledGraph parent = StateGraph.of(HUMAN_INPUTS)
                .addNode("ask_both", (s, c) -> {
                    nodeRuns.incrementAndGet();
                    RunResult r = inner.invoke(Update.of(PROMPT, "q"));
                    return Update.append(HUMAN_INPUTS, String.join("+", r.get(HUMAN_INPUTS)));
                })
                .addEdge(START, "ask_both")
                .compile(CompileConfig.builder().checkpointer(saver.create()).build());
        RunConfig cfg = thread();
        RunResult first = parent.invoke(Update.empty(), cfg);
        assertThat(first.interrupts()).extracting(RunResult.Interrupt::payload).containsExactly("q", "dolphin q");
        String humanId = first.interrupts().get(0).id();
        String dolphinId = first.interrupts().get(1).id();

        RunResult second = parent.resume(Command.resume(Map.of(dolphinId, "D")), cfg);
        assertThat(second.status()).isEqualTo(RunResult.Status.INTERRUPTED);
        assertThat(second.interrupts()).extracting(RunResult.Interrupt::id).containsExactly(humanId);
        assertThat(second.interrupts()).extracting(RunResult.Interrupt::payload).containsExactly("q");

        RunResult done = parent.resume(Command.resume("H"), cfg).orThrow(); // one pending: a plain value is enough
        assertThat(done.get(HUMAN_INPUTS)).containsExactly("H+D");
        assertThat(nodeRuns).hasValue(3);
    }

    // ------------------------------------------------------------------ checkpointer=False

    /** Records the thread ids a checkpointer is asked to save under. */
    private static final class RecordingSaver implements Checkpointer {
        final Checkpointer delegate;
        final java.util.Set<String> saved = java.util.concurrent.ConcurrentHashMap.newKeySet();

        RecordingSaver(Checkpointer delegate) {
            this.delegate = delegate;
        }

        @Override
        public void save(Checkpoint checkpoint, StateCodec codec) {
            saved.add(checkpoint.threadId());
            delegate.save(checkpoint, codec);
        }

        @Override
        public void saveWrites(String threadId, String checkpointId, List<PendingWrite> writes, StateCodec codec) {
            saved.add(threadId);
            delegate.saveWrites(threadId, checkpointId, writes, codec);
        }

        @Override
        public java.util.Optional<Checkpoint> latest(String threadId, StateCodec codec) {
            return delegate.latest(threadId, codec);
        }

        @Override
        public java.util.Optional<Checkpoint> get(String threadId, String checkpointId, StateCodec codec) {
            return delegate.get(threadId, checkpointId, codec);
        }

        @Override
        public List<Checkpoint> history(String threadId, StateCodec codec) {
            return delegate.history(threadId, codec);
        }

        @Override
        public List<Checkpoint> history(String threadId, String before, int limit, StateCodec codec) {
            return delegate.history(threadId, before, limit, codec);
        }

        @Override
        public void runFinished(String threadId) {
            delegate.runFinished(threadId);
        }

        @Override
        public void deleteThread(String threadId) {
            delegate.deleteThread(threadId);
        }
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_checkpointer_false_no_persistence: a checkpointerDisabled graph invoked inside a node starts fresh on every call and saves nothing, under a parent with a checkpointer")
    void checkpointerFalseNoPersistence(Saver saver) {
        CompiledGraph inner = echo("Processed", CompileConfig.builder().checkpointerDisabled(true).build());
        CompiledGraph innerDefault = echo("Processed", CompileConfig.defaults());
        for (boolean disabled : new boolean[] {true, false}) {
            CompiledGraph used = disabled ? inner : innerDefault;
            List<List<String>> subgraphMessages = new ArrayList<>();
            AtomicInteger calls = new AtomicInteger();
            RecordingSaver recording = new RecordingSaver(saver.create());
            CompiledGraph parent = StateGraph.of(RESULT).addNode("call_inner", (s, c) -> {
                String topic = calls.incrementAndGet() == 1 ? "apples" : "bananas";
                RunResult resp = used.invoke(Update.append(MESSAGES, "tell me about " + topic));
                subgraphMessages.add(resp.get(MESSAGES));
                return Update.of(RESULT, last(resp.get(MESSAGES)));
            }).addEdge(START, "call_inner").compile(CompileConfig.builder().checkpointer(recording).build());
            RunConfig cfg = thread();
            assertThat(parent.invoke(Update.of(RESULT, ""), cfg).orThrow().get(RESULT)).isEqualTo("Processed: tell me about apples");
            assertThat(parent.invoke(Update.of(RESULT, ""), cfg).orThrow().get(RESULT)).isEqualTo("Processed: tell me about bananas");
            assertThat(subgraphMessages).containsExactly(
                    List.of("tell me about apples", "Processed: tell me about apples"),
                    List.of("tell me about bananas", "Processed: tell me about bananas"));
            if (disabled) {
                assertThat(recording.saved).as("checkpointer=False: nothing saved but the parent's thread").containsOnly(cfg.threadId());
            } else {
                assertThat(recording.saved).as("checkpointer=None: per-invocation namespaces under the parent's thread")
                        .hasSizeGreaterThan(1).allSatisfy(t -> assertThat(Checkpointer.rootThreadId(t)).isEqualTo(cfg.threadId()));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("checkpointer=False subgraph node with interrupt(): the parent pauses; on resume the subgraph restarts from its input and its interrupt() takes the value (LangGraph's null resume)")
    void checkpointerFalseInterruptRestarts(Saver saver) {
        AtomicInteger before = new AtomicInteger();
        CompiledGraph child = StateGraph.of(MESSAGES)
                .addNode("prepare", (s, c) -> {
                    before.incrementAndGet();
                    return Update.append(MESSAGES, "prepared");
                })
                .addNode("ask", (s, c) -> Update.append(MESSAGES, "answer " + c.interrupt("continue?")))
                .addEdge(START, "prepare").addEdge("prepare", "ask")
                .compile(CompileConfig.builder().checkpointerDisabled(true).build());
        RecordingSaver recording = new RecordingSaver(saver.create());
        CompiledGraph parent = StateGraph.of(MESSAGES).addNode("sub", child).addEdge(START, "sub")
                .compile(CompileConfig.builder().checkpointer(recording).build());
        RunConfig cfg = thread();
        RunResult paused = parent.invoke(Update.append(MESSAGES, "hi"), cfg);
        assertThat(paused.status()).isEqualTo(RunResult.Status.INTERRUPTED);
        assertThat(paused.interrupts()).singleElement().satisfies(i -> {
            assertThat(i.payload()).isEqualTo("continue?");
            assertThat(i.node()).isEqualTo("sub");
        });
        StateSnapshot snap = parent.snapshot(cfg.threadId(), true).orElseThrow();
        assertThat(snap.next()).containsExactly("sub");
        assertThat(snap.tasks()).singleElement().satisfies(t -> assertThat(t.state()).isNull());

        RunResult done = parent.resume(Command.resume("yes"), cfg).orThrow();
        assertThat(done.get(MESSAGES)).containsExactly("hi", "prepared", "answer yes");
        assertThat(before).as("no checkpoint: the subgraph ran again from its input").hasValue(2);
        assertThat(recording.saved).containsOnly(cfg.threadId());
    }

    @org.junit.jupiter.api.Test
    @DisplayName("checkpointer=True and checkpointer=False exclude each other, and checkpointer=False excludes a checkpointer")
    void checkpointerFalseConfig() {
        assertThatThrownBy(() -> CompileConfig.builder().statefulSubgraph(true).checkpointerDisabled(true).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CompileConfig.builder().checkpointer(new InMemoryCheckpointer()).checkpointerDisabled(true).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(CompileConfig.builder().checkpointerDisabled(true).build().checkpointerDisabled()).isTrue();
    }

    // ------------------------------------------------------------------ get_state(subgraphs=True) for an inner invoke

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("get_state(subgraphs=True) with a graph invoked inside a node: snapshot(thread, true) shows the paused inner graph in the node's task")
    void snapshotShowsJoinedInnerGraph(Saver saver) {
        CompiledGraph inner = innerWithInterrupt().compile();
        CompiledGraph parent = parentCalling(saver, (s, c) -> {
            RunResult response = inner.invoke(Update.append(MESSAGES, "tell me about apples"));
            return Update.of(RESULT, last(response.get(MESSAGES)));
        });
        RunConfig cfg = thread();
        assertThat(parent.invoke(Update.of(RESULT, ""), cfg).status()).isEqualTo(RunResult.Status.INTERRUPTED);
        StateSnapshot full = parent.snapshot(cfg.threadId(), true).orElseThrow();
        assertThat(full.tasks()).singleElement().satisfies(t -> {
            assertThat(t.node()).isEqualTo("call_inner");
            assertThat(t.checkpointNs()).startsWith("call_inner:");
            assertThat(t.state()).isNotNull();
            assertThat(t.state().values().get(MESSAGES)).containsExactly("tell me about apples");
            assertThat(t.state().next()).containsExactly("process_input");
            assertThat(t.state().interrupts()).extracting(RunResult.Interrupt::payload).containsExactly("continue?");
        });
        assertThat(parent.snapshot(cfg.threadId()).orElseThrow().tasks()).singleElement()
                .satisfies(t -> assertThat(t.state()).isNull());
        parent.resume(Command.resume(true), cfg).orThrow();
        assertThat(parent.snapshot(cfg.threadId(), true).orElseThrow().tasks()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_subgraph_checkpoint_true: a stateful subgraph called twice in a loop reduces its second input into its kept state; its parts stream under namespace [inner]")
    void subgraphCheckpointTrue(Saver saver) {
        Key<String> innerKey = Key.reducing("my_key", String.class, "", String::concat);
        Key<String> myOtherKey = Key.of("my_other_key", String.class);
        CompiledGraph inner = StateGraph.of(innerKey, myOtherKey)
                .addNode("inner_1", (s, c) -> Update.of(innerKey, " got here", myOtherKey, s.get(innerKey)))
                .addNode("inner_2", (s, c) -> Update.of(innerKey, " and there"))
                .addEdge(START, "inner_1").addEdge("inner_1", "inner_2")
                .compile(CompileConfig.builder().statefulSubgraph(true).build());
        Key<String> myKey = Key.of("my_key", String.class);
        CompiledGraph app = StateGraph.of(myKey)
                .addNode("inner", inner)
                .addEdge(START, "inner")
                .addConditionalEdges("inner", s -> s.get(myKey).split("there", -1).length - 1 < 2 ? "inner" : END, List.of("inner", END))
                .compile(CompileConfig.builder().checkpointer(saver.create()).build());
        List<StreamPart> parts = app.stream(Update.of(myKey, ""), thread(), java.util.EnumSet.of(StreamMode.UPDATES), true).toList();
        assertThat(parts).extracting(p -> p.namespace() + " " + ((Map<?, ?>) p.data()).keySet()).containsExactly(
                "[inner] [inner_1]", "[inner] [inner_2]", "[] [inner]", "[inner] [inner_1]", "[inner] [inner_2]", "[] [inner]");
        String second = " got here and there got here and there";
        assertThat(((Update) ((Map<?, ?>) parts.get(0).data()).get("inner_1")).get(myOtherKey)).isEmpty();
        assertThat(((Update) ((Map<?, ?>) parts.get(3).data()).get("inner_1")).get(myOtherKey))
                .as("the kept state plus the second input, through the reducer").isEqualTo(second);
        assertThat(((Update) ((Map<?, ?>) parts.get(5).data()).get("inner")).get(myKey)).isEqualTo(second + " got here and there");
    }

    @org.junit.jupiter.api.Test
    @DisplayName("a user's thread id cannot contain the namespace separator; subgraph thread ids split into root and namespace")
    void threadIdsAndNamespaces() {
        String sub = Checkpointer.subgraphThreadId("t-1", "agent|inner:42");
        assertThat(Checkpointer.rootThreadId(sub)).isEqualTo("t-1");
        assertThat(Checkpointer.checkpointNs(sub)).isEqualTo("agent|inner:42");
        assertThat(Checkpointer.subgraphThreadId(sub, "other")).as("the root is kept").isEqualTo(Checkpointer.subgraphThreadId("t-1", "other"));
        assertThat(Checkpointer.rootThreadId("t-1")).isEqualTo("t-1");
        assertThat(Checkpointer.checkpointNs("t-1")).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RunConfig.builder().threadId(sub))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+001F");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Checkpointer.subgraphThreadId("t-1", ""))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
