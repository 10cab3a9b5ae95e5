package dev.salesagent.agents.graph;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static dev.salesagent.agents.graph.GraphTestSupport.N;
import static dev.salesagent.agents.graph.GraphTestSupport.TRACE;
import static dev.salesagent.agents.graph.GraphTestSupport.tracing;
import static dev.salesagent.agents.graph.StateGraph.END;
import static dev.salesagent.agents.graph.StateGraph.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link JdbcCheckpointer.Durability#ASYNC}: queued checkpoints are written by the executor, many per
 * transaction; reads through the same instance see them; a failed write surfaces on that thread only.
 * On H2 here; on PostgreSQL in {@link JdbcCheckpointerDurabilityPostgresIT}.
 */
class JdbcCheckpointerDurabilityTest {

    static final StateCodec CODEC = StateCodec.of(List.of(N));

    final DataSource raw = dataSource();
    final CountingDataSource counting = new CountingDataSource(raw);
    /** Background tasks handed to the executor, run when the test says so. */
    final List<Runnable> tasks = new ArrayList<>();
    final JdbcCheckpointer async = JdbcCheckpointer.builder(counting)
            .durability(JdbcCheckpointer.Durability.ASYNC, tasks::add).build().createSchema();
    final JdbcCheckpointer reader = new JdbcCheckpointer(raw);
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    DataSource dataSource() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:cp-async-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return ds;
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    static Checkpoint checkpoint(String thread, String parent, int n) {
        Update inc = Update.of(N, n);
        return new Checkpoint(UUID.randomUUID().toString(), thread, parent, n - 1, Instant.now(), AgentState.empty().apply(inc), inc,
                List.of(), Map.of(), Map.of("source", "loop"), List.of());
    }

    void runQueuedTasks() {
        while (!tasks.isEmpty()) {
            tasks.remove(0).run();
        }
    }

    @Test
    @DisplayName("ASYNC: save returns before anything is written; one background task writes 10 steps in one commit")
    void groupCommit() {
        String t = "t-" + UUID.randomUUID();
        counting.reset(); // forget the DDL
        String parent = null;
        for (int n = 0; n < 10; n++) {
            Checkpoint c = checkpoint(t, parent, n);
            async.save(c, CODEC);
            parent = c.id();
        }
        async.saveWrites(t, parent, List.of(new PendingWrite(0, "x", PendingWrite.Kind.ERROR, null, "boom")), CODEC);
        assertThat(counting.statements()).as("nothing written yet").isZero();
        assertThat(reader.latest(t, CODEC)).as("not durable yet").isEmpty();
        assertThat(tasks).hasSize(1);

        counting.reset();
        runQueuedTasks();
        assertThat(counting.statements()).as(counting.log().toString()).isEqualTo(2); // one batch per table
        assertThat(counting.commits()).isEqualTo(1);
        Checkpoint latest = reader.latest(t, CODEC).orElseThrow();
        assertThat(latest.id()).isEqualTo(parent);
        assertThat(latest.state().get(N)).isEqualTo(9);
        assertThat(latest.pendingWrites()).singleElement().satisfies(p -> assertThat(p.payload()).isEqualTo("boom"));
        assertThat(reader.history(t, CODEC)).hasSize(10);
    }

    @Test
    @DisplayName("ASYNC: a conflicting step fails its own thread (reported on its next call) and drops its later steps; other threads are written")
    void conflictIsolatedToItsThread() {
        String a = "a-" + UUID.randomUUID();
        String b = "b-" + UUID.randomUUID();
        Checkpoint aRoot = checkpoint(a, null, 0);
        Checkpoint aOne = checkpoint(a, aRoot.id(), 1);
        Checkpoint aRival = checkpoint(a, aRoot.id(), 1);
        Checkpoint aAfterRival = checkpoint(a, aRival.id(), 2);
        Checkpoint bRoot = checkpoint(b, null, 0);
        Checkpoint bOne = checkpoint(b, bRoot.id(), 1);
        for (Checkpoint c : List.of(aRoot, aOne, aRival, aAfterRival, bRoot, bOne)) {
            async.save(c, CODEC);
        }
        runQueuedTasks();
        assertThatThrownBy(() -> async.save(checkpoint(a, aOne.id(), 2), CODEC))
                .isInstanceOf(CheckpointConflictException.class).hasMessageContaining(aRoot.id());
        assertThat(async.history(a, CODEC)).extracting(Checkpoint::id).containsExactly(aOne.id(), aRoot.id());
        assertThat(async.history(b, CODEC)).extracting(Checkpoint::id).containsExactly(bOne.id(), bRoot.id());
        async.flush(); // the failure was reported once
    }

    @Test
    @DisplayName("ASYNC on a real executor: a graph run reads its own writes; after flush a new instance sees the same thread")
    void readYourWrites() {
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try (JdbcCheckpointer store = JdbcCheckpointer.builder(raw).durability(JdbcCheckpointer.Durability.ASYNC, writer).build()) {
            CompiledGraph g = StateGraph.of(TRACE)
                    .addNode("a", tracing("a")).addNode("b", tracing("b")).addNode("c", tracing("c"))
                    .addEdge(START, "a").addEdge("a", "b").addEdge("b", "c").addEdge("c", END)
                    .compile(CompileConfig.builder().checkpointer(store).build());
            String t = "t-" + UUID.randomUUID();
            RunConfig cfg = RunConfig.builder().threadId(t).executor(pool).build();
            g.invoke(Update.empty(), cfg);
            RunResult second = g.invoke(Update.append(TRACE, "again"), cfg);
            assertThat(second.get(TRACE)).containsExactly("a", "b", "c", "again", "a", "b", "c");
            assertThat(g.state(t).orElseThrow().state()).isEqualTo(second.state());
            store.flush();
            assertThat(reader.latest(t, g.codec()).orElseThrow().id()).isEqualTo(second.checkpointId());
            assertThat(reader.history(t, g.codec())).as("per run: input, __start__, a, b, c").hasSize(10);
        } finally {
            writer.shutdownNow();
        }
    }

    @Test
    @DisplayName("ASYNC needs an executor")
    void asyncNeedsExecutor() {
        assertThatThrownBy(() -> JdbcCheckpointer.builder(raw).durability(JdbcCheckpointer.Durability.ASYNC, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(JdbcCheckpointer.builder(raw).build().durability()).isEqualTo(JdbcCheckpointer.Durability.SYNC);
    }
}
