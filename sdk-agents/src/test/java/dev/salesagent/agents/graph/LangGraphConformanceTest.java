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
            return new JdbcCheckpointer(ds).createSchema();
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
}
