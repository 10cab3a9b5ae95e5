package dev.salesagent.agents.graph;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.salesagent.agents.graph.GraphTestSupport.N;
import static dev.salesagent.agents.graph.GraphTestSupport.TRACE;
import static dev.salesagent.agents.graph.GraphTestSupport.tracing;
import static dev.salesagent.agents.graph.StateGraph.END;
import static dev.salesagent.agents.graph.StateGraph.START;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several writers on one thread id at once, each with its own connection: the lineage index lets only
 * one extend a checkpoint, so the history stays one chain and no update is lost. On H2 here; on
 * PostgreSQL in {@link JdbcCheckpointerConcurrencyPostgresIT}.
 */
class JdbcCheckpointerConcurrencyTest {

    static final int WRITERS = 8;

    final DataSource dataSource = dataSource();
    final JdbcCheckpointer store = new JdbcCheckpointer(dataSource).createSchema();
    private final ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
    private final ExecutorService nodes = Executors.newFixedThreadPool(2);

    DataSource dataSource() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:cp-conc-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return ds;
    }

    @AfterEach
    void stop() {
        writers.shutdownNow();
        nodes.shutdownNow();
    }

    private <T> List<T> race(Callable<T> task) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            futures.add(writers.submit(() -> {
                go.await();
                return task.call();
            }));
        }
        go.countDown();
        List<T> out = new ArrayList<>();
        for (Future<T> f : futures) {
            out.add(f.get(5, TimeUnit.MINUTES));
        }
        return out;
    }

    static void assertOneChain(List<Checkpoint> history) {
        for (int i = 0; i + 1 < history.size(); i++) {
            assertThat(history.get(i).parentId()).as("checkpoint %d extends the one before it", i).isEqualTo(history.get(i + 1).id());
        }
        assertThat(history.get(history.size() - 1).parentId()).isNull();
    }

    @Test
    @DisplayName("8 writers incrementing one thread's counter with read-modify-save lose no increment; history is one chain")
    void noLostUpdates() throws Exception {
        StateCodec codec = StateCodec.of(List.of(N));
        String t = "t-" + UUID.randomUUID();
        store.save(new Checkpoint(UUID.randomUUID().toString(), t, null, -1, Instant.now(), AgentState.empty(), Update.empty(),
                List.of(), Map.of(), Map.of("source", "input"), List.of()), codec);
        int perWriter = 10;
        race(() -> {
            for (int done = 0; done < perWriter; ) {
                Checkpoint latest = store.latest(t, codec).orElseThrow();
                Update inc = Update.of(N, latest.state().get(N) + 1);
                try {
                    store.save(new Checkpoint(UUID.randomUUID().toString(), t, latest.id(), latest.step() + 1, Instant.now(),
                            latest.state().apply(inc), inc, List.of(), Map.of(), Map.of("source", "loop"), List.of()), codec);
                    done++;
                } catch (CheckpointConflictException e) {
                    // lost the race to another writer: re-read the latest checkpoint and retry
                }
            }
            return null;
        });
        assertThat(store.latest(t, codec).orElseThrow().state().get(N)).isEqualTo(WRITERS * perWriter);
        List<Checkpoint> history = store.history(t, codec);
        assertThat(history).hasSize(1 + WRITERS * perWriter);
        assertOneChain(history);
        for (Checkpoint c : history) {
            assertThat(c.state().get(N)).as("each checkpoint's state rebuilds from its own chain").isEqualTo(c.step() + 1);
        }
    }

    @Test
    @DisplayName("8 graph runs racing on one thread: losers fail with a conflict, winners' steps form one chain")
    void racingRunsNeverInterleave() throws Exception {
        CompiledGraph g = StateGraph.of(TRACE, N)
                .addNode("a", tracing("a")).addNode("b", tracing("b")).addNode("c", tracing("c"))
                .addEdge(START, "a").addEdge("a", "b").addEdge("b", "c").addEdge("c", END)
                .compile(CompileConfig.builder().checkpointer(store).build());
        String t = "t-" + UUID.randomUUID();
        List<RunResult> results = race(() -> g.invoke(Update.empty(), RunConfig.builder().threadId(t).executor(nodes).build()));
        int completed = 0;
        for (RunResult r : results) {
            if (r.status() == RunResult.Status.COMPLETED) {
                completed++;
            } else {
                assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
                assertThat(r.error()).isInstanceOf(CheckpointConflictException.class);
            }
        }
        assertThat(completed).isGreaterThanOrEqualTo(1);
        List<Checkpoint> history = g.history(t);
        assertOneChain(history);
        Set<String> parents = new HashSet<>();
        history.forEach(c -> assertThat(parents.add(String.valueOf(c.parentId()))).isTrue());
        List<String> trace = g.state(t).orElseThrow().state().get(TRACE);
        assertThat(trace.stream().filter("c"::equals).count()).as("every completed run's last step is in the one chain")
                .isEqualTo(completed);
        for (int i = 1; i < history.size(); i++) {
            Checkpoint child = history.get(i - 1);
            assertThat(history.get(i).state().apply(child.writes())).isEqualTo(child.state());
        }
    }

    @Test
    @DisplayName("a fork may branch from a checkpoint that already has a child; a second plain child may not")
    void forksAreExempt() {
        StateCodec codec = StateCodec.of(List.of(N));
        String t = "t-" + UUID.randomUUID();
        String root = UUID.randomUUID().toString();
        store.save(new Checkpoint(root, t, null, -1, Instant.now(), AgentState.empty(), Update.empty(), List.of(), Map.of(),
                Map.of("source", "input"), List.of()), codec);
        store.save(child(t, root, "loop"), codec);
        store.save(child(t, root, "fork"), codec);
        store.save(child(t, root, "fork"), codec);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.save(child(t, root, "loop"), codec))
                .isInstanceOf(CheckpointConflictException.class).hasMessageContaining(root);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.save(new Checkpoint(UUID.randomUUID().toString(), t, null,
                        -1, Instant.now(), AgentState.empty(), Update.empty(), List.of(), Map.of(), Map.of("source", "input"), List.of()), codec))
                .as("a second first checkpoint").isInstanceOf(CheckpointConflictException.class);
        assertThat(store.history(t, codec)).hasSize(4);
    }

    private static Checkpoint child(String t, String parent, String source) {
        Update inc = Update.of(N, 1);
        return new Checkpoint(UUID.randomUUID().toString(), t, parent, 0, Instant.now(), AgentState.empty().apply(inc), inc,
                List.of(), Map.of(), Map.of("source", source), List.of());
    }
}
