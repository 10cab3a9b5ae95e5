package dev.salesagent.agents.graph;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static dev.salesagent.agents.graph.GraphTestSupport.TRACE;
import static dev.salesagent.agents.graph.GraphTestSupport.tracing;
import static dev.salesagent.agents.graph.StateGraph.END;
import static dev.salesagent.agents.graph.StateGraph.START;
import static org.assertj.core.api.Assertions.assertThat;

/** Per-run interrupts and the start checkpoint of {@link RunConfig} (LangGraph's interrupt_before/after, checkpoint_id). */
class RunConfigRunOptionsTest {

    private static CompiledGraph abc() {
        return abc(new InMemoryCheckpointer());
    }

    /** The graph on a JDBC checkpointer (H2), whose lineage index lets only forks and edits branch. */
    private static CompiledGraph abcJdbc() {
        org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
        ds.setURL("jdbc:h2:mem:runoptions-" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return abc(new JdbcCheckpointer(ds).createSchema());
    }

    private static CompiledGraph abc(Checkpointer checkpointer) {
        return StateGraph.of(TRACE).addNode("a", tracing("a")).addNode("b", tracing("b")).addNode("c", tracing("c"))
                .addEdge(START, "a").addEdge("a", "b").addEdge("b", "c").addEdge("c", END)
                .compile(CompileConfig.builder().checkpointer(checkpointer).build());
    }

    @Test
    @DisplayName("interruptBefore of one run pauses before the node; a resume continues; other runs do not pause")
    void interruptBeforePerRun() {
        CompiledGraph g = abc();
        RunResult paused = g.invoke(Update.empty(), RunConfig.builder().threadId("t1")
                .interruptBefore(List.of("b")).build());
        assertThat(paused.status()).isEqualTo(RunResult.Status.INTERRUPTED);
        assertThat(paused.interrupts()).singleElement().satisfies(i -> {
            assertThat(i.node()).isEqualTo("b");
            assertThat(i.when()).isEqualTo(RunResult.Interrupt.When.BEFORE);
        });
        assertThat(paused.get(TRACE)).containsExactly("a");

        RunResult resumed = g.resume(Resume.empty(), RunConfig.builder().threadId("t1")
                .interruptBefore(List.of("b")).build());
        assertThat(resumed.status()).as("the resume passes the pause it ends").isEqualTo(RunResult.Status.COMPLETED);
        assertThat(resumed.get(TRACE)).containsExactly("a", "b", "c");

        RunResult plain = g.invoke(Update.empty(), RunConfig.forThread("t2"));
        assertThat(plain.status()).as("the option is the run's, not the graph's").isEqualTo(RunResult.Status.COMPLETED);
    }

    @Test
    @DisplayName("interruptAfter \"*\" pauses after every node")
    void interruptAfterAll() {
        CompiledGraph g = abc();
        RunConfig cfg = RunConfig.builder().threadId("t").interruptAfter(Set.of(CompileConfig.ALL_NODES)).build();
        RunResult first = g.invoke(Update.empty(), cfg);
        assertThat(first.status()).isEqualTo(RunResult.Status.INTERRUPTED);
        assertThat(first.interrupts()).singleElement().satisfies(i -> {
            assertThat(i.node()).isEqualTo("a");
            assertThat(i.when()).isEqualTo(RunResult.Interrupt.When.AFTER);
        });
        RunResult second = g.resume(Resume.empty(), cfg);
        assertThat(second.interrupts()).singleElement().extracting(RunResult.Interrupt::node).isEqualTo("b");
        assertThat(second.get(TRACE)).containsExactly("a", "b");
    }

    @Test
    @DisplayName("checkpointId: a resume replays from that checkpoint on a new branch (opened by a fork checkpoint);"
            + " the old history stays; JDBC admits the branch")
    void replayFromCheckpoint() {
        replayFromCheckpoint(abc());
        replayFromCheckpoint(abcJdbc());
    }

    private static void replayFromCheckpoint(CompiledGraph g) {
        assertThat(g.invoke(Update.empty(), RunConfig.forThread("t")).get(TRACE)).containsExactly("a", "b", "c");
        List<Checkpoint> before = g.history("t");
        Checkpoint beforeB = before.stream().filter(c -> c.nextNodes().equals(List.of("b"))).findFirst().orElseThrow();

        RunResult replay = g.resume(Resume.empty(), RunConfig.builder().threadId("t").checkpointId(beforeB.id()).build());
        assertThat(replay.status()).isEqualTo(RunResult.Status.COMPLETED);
        assertThat(replay.get(TRACE)).as("b and c ran again on a's state").containsExactly("a", "b", "c");
        List<Checkpoint> after = g.history("t");
        List<String> beforeIds = before.stream().map(Checkpoint::id).toList();
        assertThat(after).as("a fork checkpoint, then b's and c's").hasSize(before.size() + 3)
                .extracting(Checkpoint::id).containsAll(beforeIds);
        Checkpoint fork = after.stream().filter(c -> beforeB.id().equals(c.parentId()) && !beforeIds.contains(c.id()))
                .findFirst().orElseThrow();
        assertThat(fork.metadata()).containsEntry("source", "fork");
        assertThat(fork.state().get(TRACE)).containsExactly("a");
        assertThat(fork.nextNodes()).containsExactly("b");
        assertThat(g.state("t").orElseThrow().state().get(TRACE)).containsExactly("a", "b", "c");
    }

    @Test
    @DisplayName("checkpointId: a start applies its input to that checkpoint's state, not the latest; JDBC admits the"
            + " branch")
    void startFromCheckpoint() {
        startFromCheckpoint(abc());
        startFromCheckpoint(abcJdbc());
    }

    private static void startFromCheckpoint(CompiledGraph g) {
        g.invoke(Update.append(TRACE, "first"), RunConfig.forThread("t"));
        Checkpoint input = g.history("t").stream().filter(c -> "input".equals(c.metadata().get("source")))
                .findFirst().orElseThrow();
        RunResult again = g.invoke(Update.append(TRACE, "second"),
                RunConfig.builder().threadId("t").checkpointId(input.id()).build());
        assertThat(again.get(TRACE)).as("the first run's nodes are not in the forked state")
                .containsExactly("second", "a", "b", "c");
    }

    @Test
    @DisplayName("checkpointId naming no checkpoint of the thread fails the run with that id")
    void unknownCheckpoint() {
        CompiledGraph g = abc();
        g.invoke(Update.empty(), RunConfig.forThread("t"));
        RunResult r = g.invoke(Update.empty(), RunConfig.builder().threadId("t").checkpointId("nope").build());
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error()).hasMessageContaining("nope");
    }
}
