package dev.salesagent.agents.graph;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static dev.salesagent.agents.graph.StateGraph.END;
import static dev.salesagent.agents.graph.StateGraph.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Behaviour tests ported from LangGraph ({@code langchain-ai/langgraph}, {@code libs/langgraph/tests/test_pregel.py});
 * each names the Python test it ports. Every test runs with the in-memory and with the JDBC (H2) checkpointer, so a
 * behaviour cannot work in memory and fail on JDBC. LangGraph's untyped {@code Annotated[list, operator.add]} state
 * becomes an appending {@code Key<List<String>>}.
 */
class LangGraphConformanceTest {

    /** The checkpointers every test runs with. */
    enum Saver {
        MEMORY(InMemoryCheckpointer::new),
        JDBC(() -> {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL("jdbc:h2:mem:conformance-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            // no state cache: every read decodes the stored JSON, so what survives a checkpoint is what is tested
            return JdbcCheckpointer.builder(ds).stateCacheSize(0).build().createSchema();
        });

        private final Supplier<Checkpointer> factory;

        Saver(Supplier<Checkpointer> factory) {
            this.factory = factory;
        }

        Checkpointer create() {
            return factory.get();
        }
    }

    static final Key<List<String>> LOG = Key.appending("log", String.class);
    static final Key<Integer> ARG = Key.of("arg", Integer.class);

    private static CompileConfig with(Saver saver) {
        return CompileConfig.builder().checkpointer(saver.create()).build();
    }

    private static RunConfig thread() {
        return RunConfig.builder().threadId("t-" + UUID.randomUUID()).executor(Runnable::run).build();
    }

    /** LangGraph's {@code Node(name)} helper: appends its name, or {@code name|arg} when a Send gave it an argument. */
    private static Node named(String name) {
        return (s, c) -> Update.append(LOG, s.get(ARG) == null ? name : name + "|" + s.get(ARG));
    }

    // ------------------------------------------------------------------ routing

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_cond_edge_after_send: the conditional edge of a node reached by two sends runs per task, its target once")
    void condEdgeAfterSend(Saver saver) {
        AtomicInteger routerCalls = new AtomicInteger();
        CompiledGraph g = StateGraph.of(LOG, ARG)
                .addNode("1", named("1")).addNode("2", named("2")).addNode("3", named("3"))
                .addEdge(START, "1")
                .addConditionalEdges("1", s -> List.of(new Send("2", Update.empty()), new Send("2", Update.empty())), List.of("2"))
                .addConditionalEdges("2", s -> {
                    routerCalls.incrementAndGet();
                    return "3";
                }, List.of("3"))
                .compile(with(saver));
        assertThat(g.invoke(Update.append(LOG, "0"), thread()).orThrow().get(LOG)).containsExactly("0", "1", "2", "2", "3");
        assertThat(routerCalls).as("once per task of '2'").hasValue(2);
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_concurrent_emit_sends: sends of parallel routers run after the plain targets, in emission order")
    void concurrentEmitSends(Saver saver) {
        CompiledGraph g = StateGraph.of(LOG, ARG)
                .addNode("1", named("1")).addNode("1.1", named("1.1")).addNode("2", named("2"))
                .addNode("3", named("3")).addNode("3.1", named("3.1"))
                .addEdge(START, "1").addEdge(START, "1.1")
                .addConditionalEdges("1", s -> List.of(Send.to("2", ARG, 1), Send.to("2", ARG, 2), "3.1"), List.of("2", "3.1"))
                .addConditionalEdges("1.1", s -> List.of(Send.to("2", ARG, 3), Send.to("2", ARG, 4)), List.of("2"))
                .addConditionalEdges("2", s -> "3", List.of("3"))
                .compile(with(saver));
        assertThat(g.invoke(Update.append(LOG, "0"), thread()).orThrow().get(LOG))
                .containsExactly("0", "1", "1.1", "3.1", "2|1", "2|2", "2|3", "2|4", "3");
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("local_read (pregel/_algo.py): a router sees the step's start state plus its own task's writes, not a sibling's")
    void routerReadsOwnWritesOnly(Saver saver) {
        Key<String> mine = Key.of("mine", String.class);
        Key<String> sibling = Key.of("sibling", String.class);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        CompiledGraph g = StateGraph.of(LOG, mine, sibling)
                .addNode("a", (s, c) -> Update.of(mine, "a-wrote"))
                .addNode("b", (s, c) -> Update.of(sibling, "b-wrote"))
                .addNode("after", named("after"))
                .addEdge(START, "a").addEdge(START, "b")
                .addConditionalEdges("a", s -> {
                    seen.add(s.get(mine) + "," + s.get(sibling));
                    return "after";
                }, List.of("after"))
                .compile(with(saver));
        RunResult r = g.invoke(Update.empty(), thread()).orThrow();
        assertThat(seen).containsExactly("a-wrote,null");
        assertThat(r.get(sibling)).as("the sibling's write still lands in the state").isEqualTo("b-wrote");
        assertThat(r.get(LOG)).containsExactly("after");
    }

    // ------------------------------------------------------------------ Command

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_send_sequences: a Send carrying a Command runs its target, then the Command's goto (a further Send)")
    void sendSequences(Saver saver) {
        CompiledGraph g = StateGraph.of(LOG, ARG)
                .addNode("1", named("1")).addNode("2", (s, c) -> Update.append(LOG, s.get(ARG) == null ? "2|Command" : "2|" + s.get(ARG)))
                .addNode("3", named("3")).addNode("3.1", named("3.1"))
                .addEdge(START, "1")
                .addConditionalEdges("1", s -> List.of(new Send("2", Command.goTo(Send.to("2", ARG, 3))),
                        new Send("2", Command.goTo(Send.to("2", ARG, 4))), "3.1"), List.of("2", "3.1"))
                .addConditionalEdges("2", s -> "3", List.of("3"))
                .compile(with(saver));
        assertThat(g.invoke(Update.append(LOG, "0"), thread()).orThrow().get(LOG))
                .containsExactly("0", "1", "3.1", "2|Command", "2|Command", "3", "2|3", "2|4", "3");
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_graph_validation_with_command: nodes routed only by Command goto; a node without edges ends the run")
    void graphValidationWithCommand(Saver saver) {
        Key<String> foo = Key.of("foo", String.class);
        Key<String> bar = Key.of("bar", String.class);
        CompiledGraph g = StateGraph.of(foo, bar)
                .addNode("a", (s, c) -> Command.goTo("b").withUpdate(Update.of(foo, "bar")))
                .addNode("b", (s, c) -> Command.goTo(END).withUpdate(Update.of(bar, "baz")))
                .addEdge(START, "a")
                .compile(with(saver));
        RunResult r = g.invoke(Update.of(foo, ""), thread()).orThrow();
        assertThat(r.get(foo)).isEqualTo("bar");
        assertThat(r.get(bar)).isEqualTo("baz");
        assertThat(r.steps()).extracting(RunResult.Step::node).containsExactly("a", "b");
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("Command goto adds to a node's static edges (LangGraph: goto is a dynamic edge) and may carry Sends")
    void commandGotoPlusEdges(Saver saver) {
        CompiledGraph g = StateGraph.of(LOG, ARG)
                .addNode("a", (s, c) -> Command.goTo(Send.to("c", ARG, 7)).withUpdate(Update.append(LOG, "a")))
                .addNode("b", named("b")).addNode("c", named("c"))
                .addEdge(START, "a").addEdge("a", "b")
                .compile(with(saver));
        assertThat(g.invoke(Update.empty(), thread()).orThrow().get(LOG)).containsExactly("a", "b", "c|7");
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_parent_command_goto: a subgraph node's Command(graph=PARENT) updates and routes the parent; the subgraph stops")
    void parentCommandGoto(Saver saver) {
        Key<List<String>> dialog = Key.appending("dialog_state", String.class);
        CompiledGraph sub = StateGraph.of(dialog)
                .addNode("node_a_child", (s, c) -> Update.append(dialog, "a_child_state"))
                .addNode("node_b_child", (s, c) -> Command.goTo("node_b_parent").withUpdate(Update.append(dialog, "b_child_state")).toParent())
                .addEdge(START, "node_a_child").addEdge("node_a_child", "node_b_child")
                .compile();
        CompiledGraph main = StateGraph.of(dialog)
                .addNode("node_b_parent", (s, c) -> Update.append(dialog, "node_b_parent"))
                .addNode("subgraph_node", sub)
                .addEdge(START, "subgraph_node")
                .compile(with(saver));
        assertThat(main.invoke(Update.append(dialog, "init_state"), thread()).orThrow().get(dialog))
                .containsExactly("init_state", "b_child_state", "node_b_parent");
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_parent_command: a subgraph writes a key only the parent declares via Command(graph=PARENT)")
    void parentCommand(Saver saver) {
        Key<List<String>> messages = Key.appending("messages", String.class);
        Key<String> userName = Key.of("user_name", String.class);
        CompiledGraph sub = StateGraph.of(messages)
                .addNode("tool", (s, c) -> Command.update(Update.of(userName, "Meow")).toParent())
                .addEdge(START, "tool")
                .compile();
        CompiledGraph graph = StateGraph.of(messages, userName).addNode("alice", sub).addEdge(START, "alice").compile(with(saver));
        RunConfig cfg = thread();
        RunResult r = graph.invoke(Update.append(messages, "get user name"), cfg).orThrow();
        assertThat(r.get(messages)).containsExactly("get user name");
        assertThat(r.get(userName)).isEqualTo("Meow");
        Checkpoint latest = graph.state(cfg.threadId()).orElseThrow();
        assertThat(latest.next()).isEmpty();
        assertThat(latest.state().get(userName)).isEqualTo("Meow");
        assertThat(latest.metadata().get("source")).isEqualTo("loop");
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_parent_command: Command(graph=PARENT) in a graph that is not a subgraph fails the run")
    void parentCommandWithoutParent(Saver saver) {
        CompiledGraph g = StateGraph.of(LOG).addNode("a", (s, c) -> Command.goTo("a").toParent()).addEdge(START, "a").compile(with(saver));
        RunResult r = g.invoke(Update.empty(), thread());
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error()).isInstanceOf(InvalidUpdateException.class).hasMessageContaining("not running as a subgraph");
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_command_with_static_breakpoints: resume with Command(resume=...) continues past interrupt_before")
    void commandWithStaticBreakpoints(Saver saver) {
        Key<String> foo = Key.of("foo", String.class);
        CompiledGraph g = StateGraph.of(foo)
                .addNode("node1", (s, c) -> Update.of(foo, s.get(foo) + "|node-1"))
                .addNode("node2", (s, c) -> Update.of(foo, s.get(foo) + "|node-2"))
                .addEdge(START, "node1").addEdge("node1", "node2")
                .compile(CompileConfig.builder().checkpointer(saver.create()).interruptBefore("node1").build());
        RunConfig cfg = thread();
        assertThat(g.invoke(Update.of(foo, "abc"), cfg).status()).isEqualTo(RunResult.Status.INTERRUPTED);
        assertThat(g.resume(Command.resume("node1"), cfg).orThrow().get(foo)).isEqualTo("abc|node-1|node-2");
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_command_goto_with_static_breakpoints: resume with Command(goto=...) adds the target to the resumed step")
    void commandGotoWithStaticBreakpoints(Saver saver) {
        Key<String> foo = Key.reducing("foo", String.class, "", String::concat);
        CompiledGraph g = StateGraph.of(foo)
                .addNode("node1", (s, c) -> Update.of(foo, "|node-1"))
                .addNode("node2", (s, c) -> Update.of(foo, "|node-2"))
                .addEdge(START, "node1").addEdge("node1", "node2")
                .compile(CompileConfig.builder().checkpointer(saver.create()).interruptBefore("node1").build());
        RunConfig cfg = thread();
        g.invoke(Update.of(foo, "abc"), cfg);
        assertThat(g.resume(Command.goTo("node2"), cfg).orThrow().get(foo)).isEqualTo("abc|node-1|node-2|node-2");
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("resume with Command(update=...) applies the update before continuing")
    void resumeWithCommandUpdate(Saver saver) {
        Key<String> foo = Key.reducing("foo", String.class, "", String::concat);
        CompiledGraph g = StateGraph.of(foo)
                .addNode("node1", (s, c) -> Update.of(foo, "|node-1"))
                .addEdge(START, "node1")
                .compile(CompileConfig.builder().checkpointer(saver.create()).interruptBefore("node1").build());
        RunConfig cfg = thread();
        g.invoke(Update.of(foo, "abc"), cfg);
        assertThat(g.resume(Command.update(Update.of(foo, "|edit")), cfg).orThrow().get(foo)).isEqualTo("abc|edit|node-1");
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("a Command returned by a node survives a pending-write round trip: resume after a sibling's interrupt keeps its goto")
    void commandInPendingWrites(Saver saver) {
        AtomicInteger aRuns = new AtomicInteger();
        CompiledGraph g = StateGraph.of(LOG)
                .addNode("a", (s, c) -> {
                    aRuns.incrementAndGet();
                    return Command.goTo("c").withUpdate(Update.append(LOG, "a"));
                })
                .addNode("ask", (s, c) -> Update.append(LOG, "ask:" + c.interrupt("ok?")))
                .addNode("c", (s, c) -> Update.append(LOG, "c"))
                .addEdge(START, "a").addEdge(START, "ask")
                .compile(with(saver));
        RunConfig cfg = thread();
        assertThat(g.invoke(Update.empty(), cfg).status()).isEqualTo(RunResult.Status.INTERRUPTED);
        RunResult r = g.resume(Command.resume("yes"), cfg).orThrow();
        assertThat(r.get(LOG)).containsExactly("a", "ask:yes", "c");
        assertThat(aRuns).as("a's saved writes are reused, not re-run").hasValue(1);
    }

    // ------------------------------------------------------------------ interrupts

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_null_resume_disallowed_with_multiple_interrupts: two parallel interrupts need a map of id -> value")
    void nullResumeDisallowedWithMultipleInterrupts(Saver saver) {
        Key<String> text1 = Key.of("text_1", String.class);
        Key<String> text2 = Key.of("text_2", String.class);
        CompiledGraph g = StateGraph.of(text1, text2)
                .addNode("human_node_1", (s, c) -> Update.of(text1, (String) c.interrupt(Map.of("text_to_revise", s.get(text1)))))
                .addNode("human_node_2", (s, c) -> Update.of(text2, (String) c.interrupt(Map.of("text_to_revise", s.get(text2)))))
                .addEdge(START, "human_node_1").addEdge(START, "human_node_2")
                .compile(with(saver));
        RunConfig cfg = thread();
        RunResult paused = g.invoke(Update.of(text1, "original text 1", text2, "original text 2"), cfg);
        assertThat(paused.status()).isEqualTo(RunResult.Status.INTERRUPTED);
        List<RunResult.Interrupt> pending = g.state(cfg.threadId()).orElseThrow().interrupts();
        assertThat(pending).hasSize(2).extracting(RunResult.Interrupt::id).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(paused.interrupts().stream().map(RunResult.Interrupt::id).toList());
        Map<String, Object> resumeMap = new java.util.HashMap<>();
        for (RunResult.Interrupt i : pending) {
            resumeMap.put(i.id(), "resume for prompt: " + ((Map<?, ?>) i.payload()).get("text_to_revise"));
        }
        assertThatThrownBy(() -> g.resume(Command.resume("singular resume"), cfg))
                .isInstanceOf(GraphException.class)
                .hasMessageContaining("When there are multiple pending interrupts, you must specify the interrupt id when resuming");
        RunResult done = g.resume(Command.resume(resumeMap), cfg).orThrow();
        assertThat(done.get(text1)).isEqualTo("resume for prompt: original text 1");
        assertThat(done.get(text2)).isEqualTo("resume for prompt: original text 2");
    }

    static final Key<List<String>> PROMPTS = Key.listOf("prompts", String.class);
    static final Key<List<String>> HUMAN_INPUTS = Key.appending("human_inputs", String.class);
    static final Key<String> PROMPT = Key.of("prompt", String.class);
    static final Key<String> HUMAN_INPUT = Key.of("human_input", String.class);

    /** The parent/child pair of test_parallel_interrupts and test_multi_resume: one child per prompt via Send. */
    private static CompiledGraph parallelHumanInput(Saver saver, List<Integer> cleanups) {
        CompiledGraph child = StateGraph.of(PROMPT, HUMAN_INPUT, HUMAN_INPUTS)
                .addNode("get_human_input", (s, c) -> {
                    String in = (String) c.interrupt(s.get(PROMPT));
                    return Update.of(HUMAN_INPUT, in).and(HUMAN_INPUTS, List.of(in));
                })
                .addEdge(START, "get_human_input").addEdge("get_human_input", END)
                .compile();
        return StateGraph.of(PROMPTS, HUMAN_INPUTS)
                .addNode("child_graph", child)
                .addNode("cleanup", (s, c) -> {
                    cleanups.add(s.get(HUMAN_INPUTS).size());
                    return Update.empty();
                })
                .addConditionalEdges(START, s -> s.get(PROMPTS).stream().map(p -> Send.to("child_graph", PROMPT, p)).toList(),
                        List.of("child_graph"))
                .addEdge("child_graph", "cleanup").addEdge("cleanup", END)
                .compile(with(saver));
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_parallel_interrupts: interrupts in parallel Send-ed subgraphs are resumed one at a time by id")
    void parallelInterrupts(Saver saver) {
        List<Integer> cleanups = Collections.synchronizedList(new ArrayList<>());
        CompiledGraph parent = parallelHumanInput(saver, cleanups);
        RunConfig cfg = thread();
        RunResult r = parent.invoke(Update.of(PROMPTS, List.of("a", "b")), cfg);
        int invokes = 1;
        List<List<Object>> seen = new ArrayList<>();
        while (r.status() == RunResult.Status.INTERRUPTED && invokes < 10) {
            seen.add(r.interrupts().stream().map(RunResult.Interrupt::payload).toList());
            r = parent.resume(Command.resume(Map.of(r.interrupts().get(0).id(), "Resume #" + invokes)), cfg);
            invokes++;
        }
        assertThat(invokes).isEqualTo(3);
        assertThat(seen.get(0)).containsExactlyInAnyOrder("a", "b");
        assertThat(seen.get(1)).hasSize(1);
        assertThat(r.orThrow().get(HUMAN_INPUTS)).containsExactlyInAnyOrder("Resume #1", "Resume #2");
        assertThat(cleanups).containsExactly(2);
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_multi_resume: five parallel interrupts answered at once with one id -> value map")
    void multiResume(Saver saver) {
        List<Integer> cleanups = Collections.synchronizedList(new ArrayList<>());
        CompiledGraph parent = parallelHumanInput(saver, cleanups);
        RunConfig cfg = thread();
        List<String> prompts = List.of("a", "b", "c", "d", "e");
        RunResult r = parent.invoke(Update.of(PROMPTS, prompts), cfg);
        assertThat(r.interrupts()).hasSize(5).extracting(RunResult.Interrupt::payload).containsExactlyInAnyOrderElementsOf(prompts);
        Map<String, Object> resumeMap = new java.util.HashMap<>();
        for (RunResult.Interrupt i : parent.state(cfg.threadId()).orElseThrow().interrupts()) {
            resumeMap.put(i.id(), "human input for prompt " + i.payload());
        }
        RunResult done = parent.resume(Command.resume(resumeMap), cfg).orThrow();
        assertThat(done.get(PROMPTS)).isEqualTo(prompts);
        assertThat(done.get(HUMAN_INPUTS)).containsExactlyElementsOf(prompts.stream().map(p -> "human input for prompt " + p).toList());
        assertThat(cleanups).containsExactly(5);
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("interrupt_before=\"*\" and interrupt_after=\"*\" (LangGraph's All) pause at every node")
    void interruptAll(Saver saver) {
        CompiledGraph before = StateGraph.of(LOG).addNode("a", named("a")).addNode("b", named("b"))
                .addEdge(START, "a").addEdge("a", "b")
                .compile(CompileConfig.builder().checkpointer(saver.create()).interruptBefore(CompileConfig.ALL_NODES).build());
        RunConfig cfg = thread();
        List<String> pausedAt = new ArrayList<>();
        RunResult r = before.invoke(Update.empty(), cfg);
        while (r.status() == RunResult.Status.INTERRUPTED) {
            pausedAt.add(r.interrupts().get(0).node() + ":" + r.interrupts().get(0).when());
            r = before.resume(Resume.empty(), cfg);
        }
        assertThat(pausedAt).containsExactly("a:BEFORE", "b:BEFORE");
        assertThat(r.get(LOG)).containsExactly("a", "b");

        CompiledGraph after = StateGraph.of(LOG).addNode("a", named("a")).addNode("b", named("b"))
                .addEdge(START, "a").addEdge("a", "b")
                .compile(CompileConfig.builder().checkpointer(saver.create()).interruptAfter(CompileConfig.ALL_NODES).build());
        RunConfig cfg2 = thread();
        pausedAt.clear();
        r = after.invoke(Update.empty(), cfg2);
        while (r.status() == RunResult.Status.INTERRUPTED) {
            pausedAt.add(r.interrupts().get(0).node() + ":" + r.interrupts().get(0).when());
            r = after.resume(Resume.empty(), cfg2);
        }
        assertThat(pausedAt).containsExactly("a:AFTER", "b:AFTER");
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("the same interrupt keeps its id when the paused state is read again and after a resume with an update")
    void interruptIdsAreStable(Saver saver) {
        CompiledGraph g = StateGraph.of(LOG).addNode("ask", (s, c) -> Update.append(LOG, "got " + c.interrupt("q")))
                .addEdge(START, "ask").compile(with(saver));
        RunConfig cfg = thread();
        String id = g.invoke(Update.empty(), cfg).interrupts().get(0).id();
        assertThat(g.state(cfg.threadId()).orElseThrow().interrupts()).extracting(RunResult.Interrupt::id).containsExactly(id);
        assertThat(g.resume(Command.resume(Map.of(id, "yes")), cfg).orThrow().get(LOG)).containsExactly("got yes");
    }

    // ------------------------------------------------------------------ subgraphs, input rule

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_nested_graph: a subgraph hands the parent its final values of the shared keys only")
    void nestedGraph(Saver saver) {
        Key<String> myKey = Key.of("my_key", String.class);
        Key<String> myOtherKey = Key.of("my_other_key", String.class);
        CompiledGraph inner = StateGraph.of(myKey, myOtherKey)
                .addNode("up", (s, c) -> Update.of(myKey, s.get(myKey) + " there", myOtherKey, s.get(myKey)))
                .addEdge(START, "up").compile();
        List<GraphEvent.NodeCompleted> updates = Collections.synchronizedList(new ArrayList<>());
        CompiledGraph app = StateGraph.of(myKey)
                .addNode("inner", inner)
                .addNode("side", (s, c) -> Update.of(myKey, s.get(myKey) + " and back again"))
                .addEdge(START, "inner").addEdge("inner", "side")
                .compile(with(saver));
        RunResult r = app.invoke(Update.of(myKey, "my value"), thread().toBuilder().listener(e -> {
            if (e instanceof GraphEvent.NodeCompleted nc && !nc.node().equals("up")) {
                updates.add(nc);
            }
        }).build()).orThrow();
        assertThat(r.get(myKey)).isEqualTo("my value there and back again");
        assertThat(updates).extracting(GraphEvent.NodeCompleted::node).containsExactly("inner", "side");
        assertThat(updates.get(0).update().keys()).containsExactly("my_key");
        assertThat(updates.get(0).update().get(myKey)).isEqualTo("my value there");
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("a looping subgraph's many writes reach the parent once, as its final value (not replayed through a counting reducer)")
    void subgraphFinalValueThroughReducerOnce(Saver saver) {
        Key<Integer> count = Key.reducing("count", Integer.class, 0, Integer::sum);
        Key<Integer> laps = Key.of("laps", Integer.class, 0);
        CompiledGraph loop = StateGraph.of(laps)
                .addNode("lap", (s, c) -> Update.of(laps, s.get(laps) + 1))
                .addEdge(START, "lap")
                .addConditionalEdges("lap", s -> s.get(laps) < 5 ? "lap" : END, List.of("lap", END))
                .compile();
        CompiledGraph parent = StateGraph.of(laps, count)
                .addNode("sub", loop)
                .addNode("tally", (s, c) -> Update.of(count, s.get(laps)))
                .addEdge(START, "sub").addEdge("sub", "tally")
                .compile(with(saver));
        RunResult r = parent.invoke(Update.empty(), thread()).orThrow();
        assertThat(r.get(laps)).isEqualTo(5);
        assertThat(r.get(count)).isEqualTo(5);
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("input keys the graph does not declare are dropped, identically with every checkpointer (LangGraph's input schema rule)")
    void undeclaredInputKeysDropped(Saver saver) {
        Key<String> stray = Key.of("stray", String.class);
        CompiledGraph g = StateGraph.of(LOG).addNode("a", (s, c) -> Update.append(LOG, "saw " + s.get(stray)))
                .addEdge(START, "a").compile(with(saver));
        RunConfig cfg = thread();
        RunResult r = g.invoke(Update.append(LOG, "in").and(stray, "x"), cfg).orThrow();
        assertThat(r.get(LOG)).containsExactly("in", "saw null");
        assertThat(g.state(cfg.threadId()).orElseThrow().state().has(stray)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("a Send's argument under a key the graph does not declare is the target's input, also across a JDBC checkpoint")
    void sendWithUndeclaredKey(Saver saver) {
        Key<String> item = Key.of("item", String.class);
        Key<List<Integer>> nums = Key.listOf("nums", Integer.class);
        CompiledGraph g = StateGraph.of(LOG)
                .addNode("fan", (s, c) -> Update.empty())
                .addNode("work", (s, c) -> Update.append(LOG, c.interrupt("go?") + ":" + s.get(item) + s.get(nums)))
                .addEdge(START, "fan")
                .addConditionalEdges("fan", s -> List.of(new Send("work", Update.of(item, "x", nums, List.of(1, 2)))), List.of("work"))
                .compile(with(saver));
        RunConfig cfg = thread();
        assertThat(g.invoke(Update.empty(), cfg).status()).isEqualTo(RunResult.Status.INTERRUPTED);
        assertThat(g.resume(Command.resume("go"), cfg).orThrow().get(LOG)).containsExactly("go:x[1, 2]");
    }

    // ------------------------------------------------------------------ deferred nodes, managed values

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_in_one_fan_out_state_graph_defer_node: a deferred node waits for the longer branch (plain edges and waiting edge)")
    void deferNode(Saver saver) {
        for (boolean waitingEdge : List.of(false, true)) {
            Key<String> query = Key.of("query", String.class);
            Key<String> answer = Key.of("answer", String.class);
            Key<List<String>> docs = Key.reducing("docs", (Class<List<String>>) (Class<?>) List.class, List.of(), (a, b) -> {
                List<String> all = new ArrayList<>(a);
                all.addAll(b);
                Collections.sort(all);
                return List.copyOf(all);
            });
            StateGraph w = StateGraph.of(query, answer, docs)
                    .addNode("rewrite_query", (s, c) -> Update.of(query, "query: " + s.get(query)))
                    .addNode("analyzer_one", (s, c) -> Update.of(query, "analyzed: " + s.get(query)))
                    .addNode("retriever_one", (s, c) -> Update.of(docs, List.of("doc1", "doc2")))
                    .addNode("retriever_two", (s, c) -> Update.of(docs, List.of("doc3", "doc4")))
                    .addDeferredNode("qa", (s, c) -> Update.of(answer, String.join(",", s.get(docs))))
                    .addEdge(START, "rewrite_query")
                    .addEdge("rewrite_query", "retriever_one").addEdge("retriever_one", "analyzer_one")
                    .addEdge("rewrite_query", "retriever_two")
                    .addEdge("qa", END);
            if (waitingEdge) {
                w.addEdge(List.of("retriever_one", "retriever_two"), "qa");
            } else {
                w.addEdge("retriever_one", "qa").addEdge("retriever_two", "qa");
            }
            RunResult r = w.compile(with(saver)).invoke(Update.of(query, "what is weather in sf"), thread()).orThrow();
            assertThat(r.get(query)).isEqualTo("analyzed: query: what is weather in sf");
            assertThat(r.get(docs)).containsExactly("doc1", "doc2", "doc3", "doc4");
            assertThat(r.get(answer)).isEqualTo("doc1,doc2,doc3,doc4");
            assertThat(r.steps()).extracting(RunResult.Step::node)
                    .containsExactly("rewrite_query", "retriever_one", "retriever_two", "analyzer_one", "qa");
            assertThat(r.steps()).as("qa runs alone, after analyzer_one's step").extracting(RunResult.Step::step)
                    .containsExactly(1, 2, 2, 3, 4); // LangGraph's numbering: input -1, __start__ 0
        }
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("RemainingSteps / IsLastStep (managed values): a loop that watches them stops before the recursion limit")
    void managedValues(Saver saver) {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        CompiledGraph g = StateGraph.of(LOG, ManagedValues.REMAINING_STEPS, ManagedValues.IS_LAST_STEP)
                .addNode("agent", (s, c) -> {
                    seen.add(s.get(ManagedValues.REMAINING_STEPS) + "/" + s.get(ManagedValues.IS_LAST_STEP));
                    return Update.append(LOG, "turn");
                })
                .addEdge(START, "agent")
                .addConditionalEdges("agent", s -> s.get(ManagedValues.REMAINING_STEPS) > 2 ? "agent" : END, List.of("agent", END))
                .compile(with(saver));
        RunConfig cfg = RunConfig.builder().threadId("t-" + UUID.randomUUID()).recursionLimit(4).executor(Runnable::run).build();
        RunResult r = g.invoke(Update.empty(), cfg).orThrow();
        assertThat(seen).containsExactly("4/false", "3/false", "2/false");
        assertThat(r.get(LOG)).hasSize(3);
        assertThat(g.state(cfg.threadId()).orElseThrow().state().has(ManagedValues.REMAINING_STEPS)).as("never checkpointed").isFalse();
        CompiledGraph writer = StateGraph.of(LOG, ManagedValues.REMAINING_STEPS)
                .addNode("bad", (s, c) -> Update.of(ManagedValues.REMAINING_STEPS, 99)).addEdge(START, "bad").compile(with(saver));
        assertThat(writer.invoke(Update.empty(), thread()).error()).isInstanceOf(InvalidUpdateException.class);
    }

    // ------------------------------------------------------------------ stream modes

    private static List<StreamPart> stream(CompiledGraph g, Update input, RunConfig cfg, boolean subgraphs, StreamMode... modes) {
        return g.stream(input, cfg, java.util.EnumSet.copyOf(List.of(modes)), subgraphs).toList();
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_get_stream_writer: custom, values and custom+updates modes")
    void getStreamWriter(Saver saver) {
        Key<String> foo = Key.of("foo", String.class);
        CompiledGraph g = StateGraph.of(foo).addNode("my_node", (s, c) -> {
            c.write("custom!");
            return Update.of(foo, s.get(foo));
        }).addEdge(START, "my_node").compile(with(saver));
        assertThat(stream(g, Update.of(foo, "bar"), thread(), false, StreamMode.CUSTOM)).extracting(StreamPart::data).containsExactly("custom!");
        assertThat(stream(g, Update.of(foo, "bar"), thread(), false, StreamMode.VALUES))
                .extracting(p -> ((AgentState) p.data()).get(foo)).containsExactly("bar", "bar");
        List<StreamPart> both = stream(g, Update.of(foo, "bar"), thread(), false, StreamMode.CUSTOM, StreamMode.UPDATES);
        assertThat(both).extracting(StreamPart::mode).containsExactly(StreamMode.CUSTOM, StreamMode.UPDATES);
        assertThat(both.get(0).data()).isEqualTo("custom!");
        assertThat(new ArrayList<Object>(((Map<?, ?>) both.get(1).data()).keySet())).containsExactly("my_node");
        assertThat(((Update) ((Map<?, ?>) both.get(1).data()).get("my_node")).get(foo)).isEqualTo("bar");
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_nested_graph (stream part): updates per node; with subgraphs=true the child's parts are namespaced")
    void nestedGraphStream(Saver saver) {
        Key<String> myKey = Key.of("my_key", String.class);
        CompiledGraph inner = StateGraph.of(myKey)
                .addNode("up", (s, c) -> {
                    c.emitToken("tok");
                    return Update.of(myKey, s.get(myKey) + " there");
                })
                .addEdge(START, "up").compile();
        CompiledGraph app = StateGraph.of(myKey)
                .addNode("inner", inner)
                .addNode("side", (s, c) -> Update.of(myKey, s.get(myKey) + " and back again"))
                .addEdge(START, "inner").addEdge("inner", "side")
                .compile(with(saver));
        List<StreamPart> updates = stream(app, Update.of(myKey, "my value"), thread(), false, StreamMode.UPDATES);
        assertThat(updates).extracting(p -> (Object) ((Map<?, ?>) p.data()).keySet().iterator().next()).containsExactly("inner", "side");
        assertThat(updates).allSatisfy(p -> assertThat(p.namespace()).isEmpty());

        List<StreamPart> nested = stream(app, Update.of(myKey, "my value"), thread(), true, StreamMode.UPDATES, StreamMode.MESSAGES);
        assertThat(nested).extracting(p -> p.mode() + " " + p.namespace() + " " + (p.data() instanceof Map<?, ?> m
                        ? m.keySet() : ((GraphEvent.ModelToken) p.data()).token()))
                .map(line -> line.replaceAll("inner:[0-9a-f-]{36}", "inner:<task id>"))
                .containsExactly("MESSAGES [inner:<task id>] tok", "UPDATES [inner:<task id>] [up]", "UPDATES [] [inner]", "UPDATES [] [side]");
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("debug mode reports tasks, task results and checkpoints; an interrupt ends updates with __interrupt__")
    void debugAndInterruptParts(Saver saver) {
        CompiledGraph g = StateGraph.of(LOG).addNode("a", named("a")).addNode("ask", (s, c) -> Update.append(LOG, "got " + c.interrupt("q")))
                .addEdge(START, "a").addEdge("a", "ask").compile(with(saver));
        RunConfig cfg = thread();
        List<StreamPart> parts = stream(g, Update.empty(), cfg, false, StreamMode.DEBUG, StreamMode.UPDATES);
        assertThat(parts).filteredOn(p -> p.mode() == StreamMode.DEBUG).extracting(p -> (Object) ((Map<?, ?>) p.data()).get("type"))
                .containsExactly("checkpoint", "checkpoint", "task", "task_result", "checkpoint", "task"); // input, __start__, a
        StreamPart last = parts.get(parts.size() - 1);
        assertThat(last.mode()).isEqualTo(StreamMode.UPDATES);
        assertThat(new ArrayList<Object>(((Map<?, ?>) last.data()).keySet())).containsExactly("__interrupt__");
        List<StreamPart> resumed = g.streamResume(Resume.withValue("yes"), cfg, java.util.EnumSet.of(StreamMode.VALUES), false).toList();
        assertThat(((AgentState) resumed.get(resumed.size() - 1).data()).get(LOG)).containsExactly("a", "got yes");
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("a failing run ends a multi-mode stream by throwing its failure (LangGraph's stream raises)")
    void failingStreamThrows(Saver saver) {
        CompiledGraph g = StateGraph.of(LOG).addNode("boom", (s, c) -> {
            throw new IllegalStateException("boom");
        }).addEdge(START, "boom").compile(with(saver));
        assertThatThrownBy(() -> stream(g, Update.empty(), thread(), false, StreamMode.VALUES))
                .isInstanceOf(NodeExecutionException.class).hasRootCauseMessage("boom");
    }

    // ------------------------------------------------------------------ update_state

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("update_state(as_node=...): the edit counts as that node's output and the run continues after it")
    void updateStateAsNode(Saver saver) {
        AtomicInteger bRuns = new AtomicInteger();
        CompiledGraph g = StateGraph.of(LOG)
                .addNode("a", named("a"))
                .addNode("b", (s, c) -> {
                    bRuns.incrementAndGet();
                    return Update.append(LOG, "b");
                })
                .addNode("c", named("c"))
                .addEdge(START, "a").addEdge("a", "b").addEdge("b", "c")
                .compile(CompileConfig.builder().checkpointer(saver.create()).interruptBefore("b").build());
        RunConfig cfg = thread();
        RunResult paused = g.invoke(Update.empty(), cfg);
        Checkpoint before = g.state(cfg.threadId()).orElseThrow();
        assertThat(before.nextNodes()).containsExactly("b");
        Checkpoint edited = g.updateState(cfg.threadId(), Update.append(LOG, "human as b"), "b");
        assertThat(edited.nextNodes()).containsExactly("c");
        assertThat(edited.step()).isEqualTo(before.step() + 1);
        assertThat(edited.parentId()).isEqualTo(before.id());
        assertThat(g.resume(Resume.empty(), cfg).orThrow().get(LOG)).containsExactly("a", "human as b", "c");
        assertThat(bRuns).hasValue(0);
        assertThat(paused.status()).isEqualTo(RunResult.Status.INTERRUPTED);
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("update_state at a past checkpoint forks without running; the original history stays")
    void updateStateForkWithoutRunning(Saver saver) {
        CompiledGraph g = StateGraph.of(LOG).addNode("a", named("a")).addNode("b", named("b"))
                .addEdge(START, "a").addEdge("a", "b").compile(with(saver));
        RunConfig cfg = thread();
        g.invoke(Update.empty(), cfg).orThrow();
        List<Checkpoint> history = g.history(cfg.threadId());
        Checkpoint afterA = history.stream().filter(c -> c.nextNodes().equals(List.of("b"))).findFirst().orElseThrow();
        Checkpoint fork = g.updateState(cfg.threadId(), afterA.id(), Command.goTo("a").withUpdate(Update.append(LOG, "edit")), "a");
        assertThat(fork.parentId()).isEqualTo(afterA.id());
        assertThat(fork.nextNodes()).containsExactly("a", "b");
        assertThat(fork.state().get(LOG)).containsExactly("a", "edit");
        assertThat(g.history(cfg.threadId())).hasSize(history.size() + 1);
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("time-ordered checkpoint ids (LangGraph's uuid6 ids, checkpoint/base/id.py): a thread's ids sort as its history, even with a clock that stands still")
    void checkpointIdsAreTimeOrdered(Saver saver) {
        java.time.Clock frozen = java.time.Clock.fixed(java.time.Instant.parse("2026-01-01T00:00:00Z"), java.time.ZoneOffset.UTC);
        CompiledGraph g = StateGraph.of(LOG).addNode("a", named("a")).addNode("b", named("b"))
                .addEdge(START, "a").addEdge("a", "b")
                .compile(CompileConfig.builder().checkpointer(saver.create()).clock(frozen).build());
        RunConfig cfg = thread();
        g.invoke(Update.empty(), cfg).orThrow();
        g.invoke(Update.append(LOG, "again"), cfg).orThrow();
        List<Checkpoint> history = g.history(cfg.threadId());
        g.updateState(cfg.threadId(), history.get(history.size() - 1).id(), Update.append(LOG, "edit"), "a");
        List<String> ids = g.history(cfg.threadId()).stream().map(Checkpoint::id).toList();
        assertThat(ids).hasSize(history.size() + 1).doesNotHaveDuplicates();
        assertThat(ids).as("newest first = descending ids").isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(UUID.fromString(ids.get(0)).version()).isEqualTo(7);
        long before = System.currentTimeMillis();
        CompiledGraph timed = StateGraph.of(LOG).addNode("a", named("a")).addEdge(START, "a").compile(with(saver));
        RunConfig other = thread();
        timed.invoke(Update.empty(), other).orThrow();
        long after = System.currentTimeMillis();
        assertThat(timed.history(other.threadId())).allSatisfy(c ->
                assertThat(UUID.fromString(c.id()).getMostSignificantBits() >>> 16).as("unix millis of the id")
                        .isBetween(before, after + 1000));
    }

    @ParameterizedTest
    @EnumSource(Saver.class)
    @DisplayName("test_pending_writes_resume: after a failure the snapshot applies the finished node's writes, next lists only the failed node, resume re-runs only it")
    void pendingWritesResume(Saver saver) {
        Key<Integer> value = Key.reducing("value", Integer.class, 0, Integer::sum);
        AtomicInteger one = new AtomicInteger();
        AtomicInteger two = new AtomicInteger();
        CompiledGraph graph = StateGraph.of(value)
                .addNode("one", (s, c) -> {
                    one.incrementAndGet();
                    return Update.of(value, 2);
                })
                .addNode("two", (s, c) -> {
                    two.incrementAndGet();
                    throw new java.net.ConnectException("I'm not good");
                }, NodePolicy.builder().maxAttempts(2).build())
                .addEdge(START, "one").addEdge(START, "two")
                .compile(with(saver));
        RunConfig cfg = thread();
        RunResult failed = graph.invoke(Update.of(value, 1), cfg);
        assertThat(failed.error()).hasRootCauseInstanceOf(java.net.ConnectException.class).hasRootCauseMessage("I'm not good");
        assertThat(one).hasValue(1);
        assertThat(two).hasValue(2);
        StateSnapshot state = graph.snapshot(cfg.threadId()).orElseThrow();
        assertThat(state.values().get(value)).isEqualTo(3);
        assertThat(state.next()).containsExactly("two");
        assertThat(state.checkpoint().state().get(value)).as("the checkpoint itself has no pending writes applied").isEqualTo(1);
        assertThat(state.checkpoint().nextNodes()).containsExactly("one", "two");
        assertThat(state.checkpoint().pendingWrites()).extracting(PendingWrite::kind)
                .containsExactlyInAnyOrder(PendingWrite.Kind.WRITES, PendingWrite.Kind.ERROR);
        int checkpoints = graph.history(cfg.threadId()).size();
        RunResult again = graph.resume(Resume.empty(), cfg);
        assertThat(again.error()).hasRootCauseMessage("I'm not good");
        assertThat(one).as("one succeeded before and is not called again").hasValue(1);
        assertThat(two).hasValue(4);
        assertThat(graph.history(cfg.threadId())).as("no new checkpoints").hasSize(checkpoints);
    }
}
