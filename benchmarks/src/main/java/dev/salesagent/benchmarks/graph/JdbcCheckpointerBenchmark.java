package dev.salesagent.benchmarks.graph;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.salesagent.agents.graph.AgentState;
import dev.salesagent.agents.graph.Checkpoint;
import dev.salesagent.agents.graph.Checkpointer;
import dev.salesagent.agents.graph.CompileConfig;
import dev.salesagent.agents.graph.CompiledGraph;
import dev.salesagent.agents.graph.InMemoryCheckpointer;
import dev.salesagent.agents.graph.JdbcCheckpointer;
import dev.salesagent.agents.graph.Key;
import dev.salesagent.agents.graph.Resume;
import dev.salesagent.agents.graph.RunConfig;
import dev.salesagent.agents.graph.RunResult;
import dev.salesagent.agents.graph.StateCodec;
import dev.salesagent.agents.graph.StateGraph;
import dev.salesagent.agents.graph.Update;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * {@link JdbcCheckpointer} on the local PostgreSQL (issue 24), with {@link InMemoryCheckpointer} in the
 * same run as the floor. {@code store}: {@code memory}, {@code postgres} (durability SYNC: one commit per
 * checkpoint), {@code postgres-async} (durability ASYNC: background group commits), {@code postgres-exit}
 * (durability EXIT: one transaction per run). PostgreSQL is reached
 * through a HikariCP pool of 10 ({@code -Dbench.pg.url}, default {@code jdbc:postgresql://127.0.0.1:5432/test},
 * user {@code -Dbench.pg.user}, default {@code postgres}). Microseconds per operation unless noted:
 * <ul>
 *   <li>{@code run3}, {@code run10}: a whole run of a linear 3- / 10-node graph on a new thread (each node
 *       appends one message): one empty read, then the input checkpoint and one per node;</li>
 *   <li>{@code step0}, {@code step1000}: saving one super-step's checkpoint (one appended message) on a
 *       thread holding 0 / 1,000 messages of ~60 chars;</li>
 *   <li>{@code getState}: the latest checkpoint of a thread of 1,000 messages and 50 more steps (a delta
 *       chain of 50 on a snapshot), through the instance that wrote it (its state cache holds the thread);
 *       {@code getStateCold}: the same through an instance without the state cache (as another process);</li>
 *   <li>{@code history50}: 50 checkpoints of that thread with states and pending writes;</li>
 *   <li>{@code resume}: answering a pending interrupt on a thread of 1,000+ messages: read, one step,
 *       and the next interrupt's pending writes; {@code resumeCold}: the same without the state cache;</li>
 *   <li>{@code runs8Threads}: runs of the 3-node graph per second with 8 threads, each run on its own thread id.</li>
 * </ul>
 * {@link PostgresRoundTripBenchmark} measures one pooled {@code SELECT 1} in the same run for the ratio.
 * {@link #main} prints the stored bytes per thread. Run:
 * {@code java -jar benchmarks/target/benchmarks.jar 'JdbcCheckpointerBenchmark|PostgresRoundTrip' -f 1 -wi 2 -i 3 -w 1s -r 1s}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class JdbcCheckpointerBenchmark {

    static final Key<List<String>> MESSAGES = Key.appending("messages", String.class);
    static final String PREFIX = "bench-cp-";
    static final Map<String, Object> META = Map.of("source", "loop", "writers", List.of("turn"));

    @Param({"memory", "postgres", "postgres-async", "postgres-exit"})
    public String store;

    HikariDataSource pool;
    ExecutorService writer;
    ExecutorService nodes;
    Checkpointer cp;
    /** The same store without the state cache: a read as by another process (for memory: the same store). */
    Checkpointer coldCp;
    CompiledGraph interviewerCold;
    StateCodec codec;
    CompiledGraph run3;
    CompiledGraph run10;
    CompiledGraph interviewer;
    String readThread;
    String resumeThread;
    Chain chain0;
    Chain chain1000;

    /** The head of a thread that {@code step*} extends one checkpoint at a time. */
    static final class Chain {
        final String thread;
        String parent;
        AgentState state;
        int step;

        Chain(String thread, String parent, AgentState state, int step) {
            this.thread = thread;
            this.parent = parent;
            this.state = state;
            this.step = step;
        }
    }

    static HikariDataSource pool(int size) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(System.getProperty("bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/test"));
        hc.setUsername(System.getProperty("bench.pg.user", "postgres"));
        hc.setMaximumPoolSize(size);
        hc.setMinimumIdle(size);
        hc.setPoolName("checkpointer-bench");
        return new HikariDataSource(hc);
    }

    static String[] messages(int n) {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = "message " + i + " about the renewal of the enterprise plan for ACME Corp";
        }
        return out;
    }

    static CompiledGraph linear(int nodes, Checkpointer cp) {
        StateGraph g = StateGraph.of(MESSAGES);
        String prev = StateGraph.START;
        for (int i = 0; i < nodes; i++) {
            String name = "n" + i;
            g.addNode(name, (s, c) -> Update.append(MESSAGES, "from " + name));
            g.addEdge(prev, name);
            prev = name;
        }
        g.addEdge(prev, StateGraph.END);
        return g.compile(CompileConfig.builder().checkpointer(cp).build());
    }

    /** Asks for approval, records the answer, asks again: every resume is one answered interrupt. */
    static CompiledGraph interviewer(Checkpointer cp) {
        return StateGraph.of(MESSAGES)
                .addNode("ask", (s, c) -> Update.append(MESSAGES, "approved: " + c.interrupt("approve the quote?")))
                .addEdge(StateGraph.START, "ask")
                .addConditionalEdges("ask", s -> s.get(MESSAGES).size() < 1_000_000 ? "again" : "done",
                        Map.of("again", "ask", "done", StateGraph.END))
                .compile(CompileConfig.builder().checkpointer(cp).build());
    }

    RunConfig cfg(String thread) {
        return RunConfig.builder().threadId(thread).executor(nodes).recursionLimit(10_000).build();
    }

    @Setup(Level.Trial)
    public void setUpTrial() {
        nodes = Executors.newFixedThreadPool(2);
        if (!store.equals("memory")) {
            pool = pool(10);
            writer = Executors.newSingleThreadExecutor();
            new JdbcCheckpointer(pool).createSchema();
            cleanUp(pool);
        }
        setUpStore();
    }

    void setUpStore() {
        cp = switch (store) {
            case "memory" -> new InMemoryCheckpointer();
            case "postgres" -> new JdbcCheckpointer(pool).createSchema();
            case "postgres-async" -> JdbcCheckpointer.builder(pool)
                    .durability(JdbcCheckpointer.Durability.ASYNC, writer).build().createSchema();
            case "postgres-exit" -> JdbcCheckpointer.builder(pool)
                    .durability(JdbcCheckpointer.Durability.EXIT, null).build().createSchema();
            default -> throw new IllegalArgumentException(store);
        };
        coldCp = store.equals("memory") ? cp : JdbcCheckpointer.builder(pool).stateCacheSize(0).build();
        interviewerCold = interviewer(coldCp);
        run3 = linear(3, cp);
        run10 = linear(10, cp);
        interviewer = interviewer(cp);
        codec = run3.codec();
        CompiledGraph turns = linear(1, cp);
        readThread = PREFIX + UUID.randomUUID();
        turns.invoke(Update.append(MESSAGES, messages(1000)), cfg(readThread));
        for (int i = 0; i < 24; i++) {
            turns.invoke(Update.empty(), cfg(readThread)); // 2 checkpoints per turn: 50 steps on top
        }
        cp.flush();
    }

    @Setup(Level.Iteration)
    public void setUpIteration() {
        if (store.equals("memory")) {
            setUpStore(); // a fresh map, so memory does not grow across iterations
        }
        chain0 = newChain(0);
        chain1000 = newChain(1000);
        resumeThread = PREFIX + UUID.randomUUID();
        RunResult paused = interviewer.invoke(Update.append(MESSAGES, messages(1000)), cfg(resumeThread));
        if (paused.status() != RunResult.Status.INTERRUPTED) {
            throw new IllegalStateException("expected an interrupt but got " + paused.status());
        }
    }

    Chain newChain(int messages) {
        String t = PREFIX + UUID.randomUUID();
        String id = UUID.randomUUID().toString();
        Update input = Update.append(MESSAGES, messages(messages));
        AgentState state = AgentState.empty().apply(input);
        cp.save(new Checkpoint(id, t, null, -1, Instant.now(), state, input, List.of(), Map.of(), Map.of("source", "input"),
                List.of()), codec);
        return new Chain(t, id, state, 0);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        cp.flush();
        nodes.shutdownNow();
        if (pool != null) {
            writer.shutdownNow();
            cleanUp(pool);
            pool.close();
        }
    }

    static void cleanUp(DataSource ds) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM sa_graph_pending_writes WHERE thread_id LIKE '" + PREFIX + "%'");
            st.executeUpdate("DELETE FROM sa_graph_checkpoints WHERE thread_id LIKE '" + PREFIX + "%'");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot remove the benchmark's threads", e);
        }
    }

    String step(Chain ch) {
        Update u = Update.append(MESSAGES, "turn " + ch.step);
        AgentState next = ch.state.apply(u);
        String id = UUID.randomUUID().toString();
        cp.save(new Checkpoint(id, ch.thread, ch.parent, ch.step++, Instant.now(), next, u, List.of(), Map.of(), META, List.of()),
                codec);
        cp.runFinished(ch.thread); // a one-step run: EXIT writes it now (a no-op for the others)
        ch.parent = id;
        ch.state = next;
        return id;
    }

    @Benchmark
    public RunResult run3() {
        return run3.invoke(Update.empty(), cfg(PREFIX + UUID.randomUUID()));
    }

    @Benchmark
    public RunResult run10() {
        return run10.invoke(Update.empty(), cfg(PREFIX + UUID.randomUUID()));
    }

    @Benchmark
    public String step0() {
        return step(chain0);
    }

    @Benchmark
    public String step1000() {
        return step(chain1000);
    }

    @Benchmark
    public Optional<Checkpoint> getState() {
        return cp.latest(readThread, codec);
    }

    @Benchmark
    public Optional<Checkpoint> getStateCold() {
        return coldCp.latest(readThread, codec);
    }

    @Benchmark
    public List<Checkpoint> history50() {
        List<Checkpoint> page = cp.history(readThread, null, 50, codec);
        if (page.size() != 50) {
            throw new IllegalStateException("expected 50 checkpoints but got " + page.size());
        }
        return page;
    }

    @Benchmark
    public RunResult resume() {
        RunResult r = interviewer.resume(Resume.withValue("yes"), cfg(resumeThread));
        if (r.status() != RunResult.Status.INTERRUPTED) {
            throw new IllegalStateException("expected the next interrupt but got " + r.status() + " " + r.error());
        }
        return r;
    }

    @Benchmark
    public RunResult resumeCold() {
        RunResult r = interviewerCold.resume(Resume.withValue("yes"), cfg(resumeThread));
        if (r.status() != RunResult.Status.INTERRUPTED) {
            throw new IllegalStateException("expected the next interrupt but got " + r.status() + " " + r.error());
        }
        return r;
    }

    @Benchmark
    @Threads(8)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public RunResult runs8Threads() {
        return run3.invoke(Update.empty(), cfg(PREFIX + UUID.randomUUID()));
    }

    /**
     * Prints the bytes PostgreSQL stores per thread ({@code pg_column_size} of the rows): after a 10-node
     * run, and after a 50-turn conversation on top of 1,000 messages. Run:
     * {@code java -cp benchmarks/target/benchmarks.jar dev.salesagent.benchmarks.graph.JdbcCheckpointerBenchmark}.
     */
    public static void main(String[] args) throws SQLException {
        try (HikariDataSource ds = pool(2)) {
            JdbcCheckpointer cp = new JdbcCheckpointer(ds).createSchema();
            cleanUp(ds);
            ExecutorService nodes = Executors.newFixedThreadPool(2);
            try {
                String ten = PREFIX + UUID.randomUUID();
                linear(10, cp).invoke(Update.empty(), RunConfig.builder().threadId(ten).executor(nodes).build());
                String talk = PREFIX + UUID.randomUUID();
                CompiledGraph turn = linear(1, cp);
                turn.invoke(Update.append(MESSAGES, messages(1000)), RunConfig.builder().threadId(talk).executor(nodes).build());
                long afterInput = bytes(ds, talk);
                for (int i = 0; i < 50; i++) {
                    turn.invoke(Update.empty(), RunConfig.builder().threadId(talk).executor(nodes).build());
                }
                long afterTalk = bytes(ds, talk);
                System.out.printf("10-node run: %d bytes, %d checkpoints%n", bytes(ds, ten), cp.history(ten, linear(10, cp).codec()).size());
                System.out.printf("1,000 messages: %d bytes; + 50 turns (100 checkpoints): %d bytes, %.0f bytes per checkpoint%n",
                        afterInput, afterTalk, (afterTalk - afterInput) / 100.0);
            } finally {
                nodes.shutdownNow();
                cleanUp(ds);
            }
        }
    }

    static long bytes(DataSource ds, String thread) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT COALESCE(SUM(pg_column_size(k.*)), 0) FROM sa_graph_checkpoints k WHERE thread_id = ?")) {
            ps.setString(1, thread);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
