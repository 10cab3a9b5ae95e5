package dev.salesagent.agents.graph;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static dev.salesagent.agents.graph.GraphTestSupport.N;
import static dev.salesagent.agents.graph.StateGraph.END;
import static dev.salesagent.agents.graph.StateGraph.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Round trips of {@link JdbcCheckpointer}, counted by a {@link CountingDataSource} around the real
 * database: reads cost a constant number of statements at any delta-chain length and state size, and
 * a super-step costs one statement. On H2 here; on PostgreSQL in {@link JdbcCheckpointerStatementCountPostgresIT}.
 */
class JdbcCheckpointerStatementCountTest {

    static final Key<List<String>> TRANSCRIPT = Key.appending("transcript", String.class);
    static final Key<Integer> GOAL = Key.of("goal", Integer.class, 0);

    final DataSource raw = dataSource();
    final CountingDataSource counting = new CountingDataSource(raw);
    final JdbcCheckpointer store = new JdbcCheckpointer(counting).createSchema();
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    DataSource dataSource() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:cp-count-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return ds;
    }

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    /** "turn" appends one message per super-step until N reaches GOAL, then "ask" interrupts for approval. */
    CompiledGraph conversation() {
        return StateGraph.of(TRANSCRIPT, N, GOAL)
                .addNode("turn", (s, c) -> Update.append(TRANSCRIPT, "turn " + s.get(N)).and(N, s.get(N) + 1))
                .addNode("ask", (s, c) -> Update.append(TRANSCRIPT, "approved " + c.interrupt("approve?")))
                .addEdge(START, "turn")
                .addConditionalEdges("turn", s -> s.get(N) < s.get(GOAL) ? "more" : "done", Map.of("more", "turn", "done", "ask"))
                .addEdge("ask", END)
                .compile(CompileConfig.builder().checkpointer(store).build());
    }

    RunConfig cfg(String thread) {
        return RunConfig.builder().threadId(thread).recursionLimit(10_000).executor(pool).build();
    }

    /** A thread paused at "ask" after {@code steps} turns on top of {@code messages} initial messages. */
    String pausedThread(CompiledGraph g, int messages, int steps) {
        String t = "t-" + UUID.randomUUID();
        List<String> initial = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            // a random part, as real transcripts have: compressed snapshots stay large, so delta chains get long
            initial.add("message " + i + " about the renewal of the enterprise plan for ACME Corp, ref " + UUID.randomUUID());
        }
        RunResult r = g.invoke(Update.append(TRANSCRIPT, initial.toArray(new String[0])).and(GOAL, steps), cfg(t));
        assertThat(r.status()).isEqualTo(RunResult.Status.INTERRUPTED);
        assertThat(r.get(TRANSCRIPT)).hasSize(messages + steps);
        return t;
    }

    int latestChainLength(String thread) throws SQLException {
        try (Connection c = raw.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT chain_length FROM sa_graph_checkpoints WHERE thread_id = ? ORDER BY seq DESC FETCH FIRST 1 ROWS ONLY")) {
            ps.setString(1, thread);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getInt(1);
            }
        }
    }

    @ParameterizedTest(name = "{0} messages, {1} steps")
    @CsvSource({"0, 1", "0, 60", "1000, 1", "1000, 10", "1000, 90"})
    @DisplayName("get-state is one statement, at any delta-chain length and state size")
    void getStateIsOneStatement(int messages, int steps) throws SQLException {
        CompiledGraph g = conversation();
        String t = pausedThread(g, messages, steps);
        if (messages == 1000 && steps == 90) {
            assertThat(latestChainLength(t)).as("a long delta chain is really being walked").isGreaterThanOrEqualTo(80);
        }
        counting.reset();
        Checkpoint latest = g.state(t).orElseThrow();
        assertThat(counting.statements()).as(counting.log().toString()).isEqualTo(1);
        assertThat(latest.state().get(TRANSCRIPT)).hasSize(messages + steps);
        assertThat(latest.pendingWrites()).singleElement().satisfies(p -> assertThat(p.payload()).isEqualTo("approve?"));

        counting.reset();
        Checkpoint byId = store.get(t, latest.id(), g.codec()).orElseThrow();
        assertThat(counting.statements()).isEqualTo(1);
        assertThat(byId.state()).isEqualTo(latest.state());
        assertThat(store.get("other-" + t, latest.id(), g.codec())).as("ids are scoped to their thread").isEmpty();
    }

    @Test
    @DisplayName("history of 50+ checkpoints with pending writes is at most 3 statements and rebuilds every state")
    void historyOfFifty() {
        CompiledGraph g = conversation();
        String t = pausedThread(g, 1000, 50);
        counting.reset();
        List<Checkpoint> history = g.history(t);
        assertThat(counting.statements()).as(counting.log().toString()).isLessThanOrEqualTo(3);
        assertThat(history).hasSizeGreaterThanOrEqualTo(51);
        for (Checkpoint c : history) {
            assertThat(c.state().get(TRANSCRIPT)).as("step " + c.step()).hasSize(c.step() < 0 ? 0 : 1000 + c.step()); // -1: before the input
        }
        assertThat(history.get(0).pendingWrites()).as("the paused step's interrupt").hasSize(1);
        assertThat(history.subList(1, history.size())).allSatisfy(c -> assertThat(c.pendingWrites()).isEmpty());
    }

    @Test
    @DisplayName("history pages (before/limit) are at most 3 statements each and add up to the full history")
    void historyPages() {
        CompiledGraph g = conversation();
        String t = pausedThread(g, 1000, 40);
        List<Checkpoint> full = store.history(t, g.codec());
        List<Checkpoint> paged = new ArrayList<>();
        String before = null;
        while (true) {
            counting.reset();
            List<Checkpoint> page = store.history(t, before, 7, g.codec());
            assertThat(counting.statements()).as(counting.log().toString()).isLessThanOrEqualTo(3);
            if (page.isEmpty()) {
                break;
            }
            assertThat(page.size()).isLessThanOrEqualTo(7);
            paged.addAll(page);
            before = page.get(page.size() - 1).id();
        }
        assertThat(paged).extracting(Checkpoint::id).containsExactlyElementsOf(full.stream().map(Checkpoint::id).toList());
        assertThat(paged).extracting(Checkpoint::state).containsExactlyElementsOf(full.stream().map(Checkpoint::state).toList());
        assertThat(store.history(t, "no-such-checkpoint", 5, g.codec())).isEmpty();
        assertThatThrownBy(() -> store.history(t, null, 0, g.codec())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("resume costs the same few statements after 5 or 90 steps: one read, one insert per new checkpoint")
    void resumeIsBounded() {
        CompiledGraph g = conversation();
        int[] counts = new int[2];
        int i = 0;
        for (int steps : new int[]{5, 90}) {
            String t = pausedThread(g, 1000, steps);
            int before = store.history(t, g.codec()).size();
            counting.reset();
            RunResult done = g.resume(Resume.withValue("yes"), cfg(t));
            counts[i++] = counting.statements();
            assertThat(done.status()).isEqualTo(RunResult.Status.COMPLETED);
            assertThat(done.get(TRANSCRIPT)).hasSize(1000 + steps + 1).last().isEqualTo("approved yes");
            int added = store.history(t, g.codec()).size() - before;
            assertThat(counts[i - 1]).as("one read + one insert per checkpoint").isEqualTo(1 + added);
        }
        assertThat(counts[1]).as("independent of the chain length").isEqualTo(counts[0]).isLessThanOrEqualTo(3);
    }

    @Test
    @DisplayName("a run costs one statement per saved checkpoint (one implicit commit each) plus one read")
    void oneStatementPerSuperStep() {
        CompiledGraph g = conversation();
        String t = pausedThread(g, 1000, 3);
        g.resume(Resume.withValue("ok"), cfg(t));
        int before = store.history(t, g.codec()).size();
        counting.reset();
        RunResult r = g.invoke(Update.of(GOAL, 13), cfg(t));
        int added = store.history(t, g.codec()).size() - before;
        assertThat(r.status()).isEqualTo(RunResult.Status.INTERRUPTED);
        assertThat(added).isEqualTo(12); // input, __start__ + 10 turns
        counting.reset();
        RunResult again = g.invoke(Update.of(GOAL, 23), cfg(t));
        assertThat(again.status()).isEqualTo(RunResult.Status.INTERRUPTED);
        assertThat(counting.statements()).as(counting.log().toString())
                .isEqualTo(1 + 12 + 1); // latest, 12 checkpoints (input, __start__, 10 turns), the interrupt's pending writes
        assertThat(counting.commits()).as("autocommit: no extra commit round trip").isZero();
    }

    @Test
    @DisplayName("replacing pending writes is one statement and the last set wins")
    void pendingWritesUpsert() {
        CompiledGraph g = conversation();
        String t = pausedThread(g, 0, 2);
        Checkpoint latest = g.state(t).orElseThrow();
        List<PendingWrite> first = List.of(new PendingWrite(0, "ask", PendingWrite.Kind.ERROR, null, "CRM down"));
        List<PendingWrite> second = List.of(new PendingWrite(0, "ask", PendingWrite.Kind.WRITES,
                Update.append(TRANSCRIPT, "late"), null));
        counting.reset();
        store.saveWrites(t, latest.id(), first, g.codec());
        store.saveWrites(t, latest.id(), second, g.codec());
        assertThat(counting.statements()).isEqualTo(2);
        assertThat(g.state(t).orElseThrow().pendingWrites()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(PendingWrite.Kind.WRITES);
            assertThat(p.update().entries()).hasSize(1);
        });
    }

    CompiledGraph conversation(Checkpointer checkpointer) {
        return StateGraph.of(TRANSCRIPT, N, GOAL)
                .addNode("turn", (s, c) -> Update.append(TRANSCRIPT, "turn " + s.get(N)).and(N, s.get(N) + 1))
                .addNode("ask", (s, c) -> Update.append(TRANSCRIPT, "approved " + c.interrupt("approve?")))
                .addEdge(START, "turn")
                .addConditionalEdges("turn", s -> s.get(N) < s.get(GOAL) ? "more" : "done", Map.of("more", "turn", "done", "ask"))
                .addEdge("ask", END)
                .compile(CompileConfig.builder().checkpointer(checkpointer).build());
    }

    @Test
    @DisplayName("a cold read (no cached state, another process) is one range scan, no recursive walk, and equals the warm read")
    void coldReadIsOneRangeScan() {
        CompiledGraph g = conversation();
        String t = pausedThread(g, 1000, 90);
        JdbcCheckpointer cold = JdbcCheckpointer.builder(counting).stateCacheSize(0).build();
        counting.reset();
        Checkpoint read = cold.latest(t, g.codec()).orElseThrow();
        assertThat(counting.statements()).as(counting.log().toString()).isEqualTo(1);
        assertThat(counting.log().get(0)).doesNotContainIgnoringCase("recursive");
        Checkpoint warm = store.latest(t, g.codec()).orElseThrow();
        assertThat(read.state()).isEqualTo(warm.state());
        assertThat(read.state().get(TRANSCRIPT)).hasSize(1090);
        counting.reset();
        List<Checkpoint> page = cold.history(t, null, 50, g.codec());
        assertThat(counting.statements()).as(counting.log().toString()).isLessThanOrEqualTo(2);
        assertThat(counting.log()).noneMatch(sql -> sql.toLowerCase(java.util.Locale.ROOT).contains("recursive"));
        assertThat(page).extracting(Checkpoint::state).containsExactlyElementsOf(
                store.history(t, null, 50, g.codec()).stream().map(Checkpoint::state).toList());
    }

    @Test
    @DisplayName("snapshots are stored compressed (snapshot_z), several times smaller than their JSON, and read back equal")
    void snapshotsAreCompressed() throws SQLException {
        CompiledGraph g = conversation();
        String t = pausedThread(g, 1000, 5);
        Checkpoint latest = JdbcCheckpointer.builder(raw).stateCacheSize(0).build().latest(t, g.codec()).orElseThrow();
        int json = g.codec().toJson(g.codec().encodeState(latest.state())).length();
        List<long[]> snapshots = new ArrayList<>();
        try (Connection c = raw.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT snapshot_json, snapshot_z, step FROM sa_graph_checkpoints WHERE thread_id = ? AND "
                        + "(snapshot_json IS NOT NULL OR snapshot_z IS NOT NULL) ORDER BY seq")) {
            ps.setString(1, t);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    assertThat(rs.getString(1)).as("no JSON text snapshots are written any more").isNull();
                    snapshots.add(new long[]{rs.getBytes(2).length, rs.getInt(3)});
                }
            }
        }
        assertThat(snapshots).as("the first checkpoint and the one holding the 1,000 messages at least").hasSizeGreaterThanOrEqualTo(2);
        long last = snapshots.get(snapshots.size() - 1)[0];
        assertThat(last).as("compressed snapshot of ~%d chars of JSON", json).isGreaterThan(1000).isLessThan(json / 2);
        assertThat(latest.state().get(TRANSCRIPT)).hasSize(1005);
        assertThat(latest.state()).isEqualTo(store.latest(t, g.codec()).orElseThrow().state());
    }

    @Test
    @DisplayName("the cached state is used only on the read checkpoint's chain: other writers, forks and deleted threads are seen")
    void cachedStateNeverHidesTheDatabase() {
        CompiledGraph g = conversation();
        String t = pausedThread(g, 10, 5);
        JdbcCheckpointer other = new JdbcCheckpointer(counting); // another server on the same database
        CompiledGraph elsewhere = conversation(other);
        assertThat(elsewhere.resume(Resume.withValue("there"), cfg(t)).status()).isEqualTo(RunResult.Status.COMPLETED);
        assertThat(elsewhere.invoke(Update.of(GOAL, 8), cfg(t)).status()).isEqualTo(RunResult.Status.INTERRUPTED);
        JdbcCheckpointer cold = JdbcCheckpointer.builder(counting).stateCacheSize(0).build();
        Checkpoint truth = cold.latest(t, g.codec()).orElseThrow();
        counting.reset();
        Checkpoint seen = store.latest(t, g.codec()).orElseThrow();
        assertThat(counting.statements()).isEqualTo(1);
        assertThat(seen.id()).isEqualTo(truth.id());
        assertThat(seen.state()).isEqualTo(truth.state());
        assertThat(seen.state().get(TRANSCRIPT)).contains("approved there").hasSize(10 + 5 + 1 + 3);

        // a fork from an old checkpoint: the cached (newer) state is on another branch
        Checkpoint old = store.history(t, g.codec()).get(6);
        g.updateState(t, old.id(), Update.append(TRANSCRIPT, "edited"), "turn");
        Checkpoint fork = store.latest(t, g.codec()).orElseThrow();
        assertThat(fork.state()).isEqualTo(cold.latest(t, g.codec()).orElseThrow().state());
        assertThat(fork.state().get(TRANSCRIPT)).hasSize(old.state().get(TRANSCRIPT).size() + 1).last().isEqualTo("edited");
        assertThat(store.get(t, seen.id(), g.codec()).orElseThrow().state()).isEqualTo(truth.state());

        // a deleted thread whose id is used again
        store.deleteThread(t);
        assertThat(store.latest(t, g.codec())).isEmpty();
        RunResult again = g.invoke(Update.append(TRANSCRIPT, "fresh").and(GOAL, 1), cfg(t));
        assertThat(again.status()).isEqualTo(RunResult.Status.INTERRUPTED);
        assertThat(cold.latest(t, g.codec()).orElseThrow().state().get(TRANSCRIPT)).containsExactly("fresh", "turn 0");
    }

    @Test
    @DisplayName("rows written before snapshot_seq existed are read by walking the chain (two statements), with the same states")
    void rowsOfEarlierVersionsStayReadable() throws SQLException {
        CompiledGraph g = conversation();
        String t = pausedThread(g, 100, 20);
        List<Checkpoint> before = store.history(t, g.codec());
        try (Connection c = raw.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE sa_graph_checkpoints SET snapshot_seq = NULL WHERE thread_id = ?")) {
            ps.setString(1, t);
            assertThat(ps.executeUpdate()).isEqualTo(before.size());
        }
        JdbcCheckpointer cold = JdbcCheckpointer.builder(counting).stateCacheSize(0).build();
        counting.reset();
        Checkpoint latest = cold.latest(t, g.codec()).orElseThrow();
        assertThat(counting.statements()).as(counting.log().toString()).isEqualTo(2);
        assertThat(latest.state()).isEqualTo(before.get(0).state());
        assertThat(cold.history(t, null, 10, g.codec())).extracting(Checkpoint::state)
                .containsExactlyElementsOf(before.subList(0, 10).stream().map(Checkpoint::state).toList());
        RunResult done = conversation(cold).resume(Resume.withValue("ok"), cfg(t));
        assertThat(done.get(TRANSCRIPT)).hasSize(121).last().isEqualTo("approved ok");
    }

    @Test
    @DisplayName("durability EXIT: nothing is written during the run, all of it in one transaction when the run ends")
    void exitDurabilityWritesOnceAtTheEnd() throws SQLException {
        JdbcCheckpointer exit = JdbcCheckpointer.builder(counting).durability(JdbcCheckpointer.Durability.EXIT, null).build();
        String t = "exit-" + UUID.randomUUID();
        List<Integer> seenDuringRun = new ArrayList<>();
        CompiledGraph g = StateGraph.of(TRANSCRIPT, N, GOAL)
                .addNode("turn", (s, c) -> {
                    seenDuringRun.add(rows(t));
                    return Update.append(TRANSCRIPT, "turn " + s.get(N)).and(N, s.get(N) + 1);
                })
                .addNode("ask", (s, c) -> Update.append(TRANSCRIPT, "approved " + c.interrupt("approve?")))
                .addEdge(START, "turn")
                .addConditionalEdges("turn", s -> s.get(N) < s.get(GOAL) ? "more" : "done", Map.of("more", "turn", "done", "ask"))
                .addEdge("ask", END)
                .compile(CompileConfig.builder().checkpointer(exit).build());
        counting.reset();
        RunResult r = g.invoke(Update.of(GOAL, 10), cfg(t));
        assertThat(r.status()).isEqualTo(RunResult.Status.INTERRUPTED);
        assertThat(seenDuringRun).hasSize(10).containsOnly(0);
        assertThat(rows(t)).isEqualTo(12); // input, __start__ + 10 turns; the step that interrupted left pending writes
        assertThat(counting.commits()).as("one transaction for the run").isEqualTo(1);
        assertThat(counting.statements()).as(counting.log().toString()).isLessThanOrEqualTo(3); // read, batch insert, writes

        JdbcCheckpointer sync = new JdbcCheckpointer(raw);
        Checkpoint paused = sync.latest(t, g.codec()).orElseThrow();
        assertThat(paused.pendingWrites()).singleElement().satisfies(p -> assertThat(p.payload()).isEqualTo("approve?"));
        assertThat(sync.history(t, g.codec())).hasSize(12);
        // a resume that answers the interrupt and pauses again: its checkpoint and the next interrupt's pending
        // writes in one transaction (SYNC commits the checkpoint before the next step's nodes run: two commits)
        CompiledGraph asking = StateGraph.of(TRANSCRIPT)
                .addNode("ask", (s, c) -> Update.append(TRANSCRIPT, "approved " + c.interrupt("approve?")))
                .addEdge(START, "ask").addEdge("ask", "ask")
                .compile(CompileConfig.builder().checkpointer(exit).build());
        String q = "exit-ask-" + UUID.randomUUID();
        assertThat(asking.invoke(Update.empty(), cfg(q)).status()).isEqualTo(RunResult.Status.INTERRUPTED);
        counting.reset();
        RunResult again = asking.resume(Resume.withValue("yes"), cfg(q));
        assertThat(again.status()).isEqualTo(RunResult.Status.INTERRUPTED);
        assertThat(counting.commits()).as("resume: one commit").isEqualTo(1);
        assertThat(counting.statements()).as(counting.log().toString()).isEqualTo(3); // read, insert, pending writes
        assertThat(sync.latest(q, asking.codec()).orElseThrow().pendingWrites()).singleElement()
                .satisfies(p -> assertThat(p.payload()).isEqualTo("approve?"));
        assertThat(sync.latest(q, asking.codec()).orElseThrow().state().get(TRANSCRIPT)).containsExactly("approved yes");

        RunResult done = conversation(exit).resume(Resume.withValue("yes"), cfg(t));
        assertThat(done.status()).isEqualTo(RunResult.Status.COMPLETED);
        assertThat(sync.latest(t, g.codec()).orElseThrow().state().get(TRANSCRIPT)).hasSize(11).last().isEqualTo("approved yes");
    }

    @Test
    @DisplayName("durability EXIT: a failed run's checkpoints and its finished nodes' pending writes are written at exit")
    void exitDurabilityOnFailure() {
        JdbcCheckpointer exit = JdbcCheckpointer.builder(counting).durability(JdbcCheckpointer.Durability.EXIT, null).build();
        String t = "exit-fail-" + UUID.randomUUID();
        CompiledGraph g = StateGraph.of(TRANSCRIPT, N)
                .addNode("a", (s, c) -> Update.append(TRANSCRIPT, "a"))
                .addNode("ok", (s, c) -> Update.append(TRANSCRIPT, "ok"))
                .addNode("boom", (s, c) -> {
                    throw new IllegalStateException("CRM down");
                })
                .addEdge(START, "a").addEdge("a", "ok").addEdge("a", "boom")
                .compile(CompileConfig.builder().checkpointer(exit).build());
        RunResult r = g.invoke(Update.empty(), cfg(t));
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        Checkpoint stored = JdbcCheckpointer.builder(raw).stateCacheSize(0).build().latest(t, g.codec()).orElseThrow();
        assertThat(stored.state().get(TRANSCRIPT)).containsExactly("a");
        assertThat(stored.pendingWrites()).anySatisfy(p -> assertThat(p.node()).isEqualTo("ok"));
    }

    @Test
    @DisplayName("durability EXIT: a run's end writes its thread and its subgraphs' namespaces, not other threads")
    void exitDurabilityWritesTheRunsNamespaces() {
        JdbcCheckpointer exit = JdbcCheckpointer.builder(counting).durability(JdbcCheckpointer.Durability.EXIT, null).build();
        StateCodec codec = conversation().codec();
        String t = "ns-" + UUID.randomUUID();
        String sub = Checkpointer.subgraphThreadId(t, "sub:0");
        for (String thread : List.of(t, sub, t + "-other")) {
            Update input = Update.append(TRANSCRIPT, thread);
            exit.save(new Checkpoint(UUID.randomUUID().toString(), thread, null, -1, java.time.Instant.now(),
                    AgentState.empty().apply(input), input, List.of(), Map.of(), Map.of("source", "input"), List.of()), codec);
        }
        assertThat(rows(t) + rows(sub) + rows(t + "-other")).as("held until the run ends").isZero();
        exit.runFinished(t);
        assertThat(rows(t)).isEqualTo(1);
        assertThat(rows(sub)).as("the subgraph's namespace goes with its run").isEqualTo(1);
        assertThat(rows(t + "-other")).as("another thread's run is still running").isZero();
        exit.flush();
        assertThat(rows(t + "-other")).isEqualTo(1);
    }

    int rows(String thread) {
        try (Connection c = raw.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM sa_graph_checkpoints WHERE thread_id = ?")) {
            ps.setString(1, thread);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
