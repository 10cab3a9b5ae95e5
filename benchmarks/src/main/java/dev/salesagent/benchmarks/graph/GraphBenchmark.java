package dev.salesagent.benchmarks.graph;

import dev.salesagent.agents.graph.CompileConfig;
import dev.salesagent.agents.graph.CompiledGraph;
import dev.salesagent.agents.graph.InMemoryCheckpointer;
import dev.salesagent.agents.graph.JdbcCheckpointer;
import dev.salesagent.agents.graph.Key;
import dev.salesagent.agents.graph.RunConfig;
import dev.salesagent.agents.graph.RunResult;
import dev.salesagent.agents.graph.StateGraph;
import dev.salesagent.agents.graph.Update;
import org.bsc.langgraph4j.GraphStateException;
import org.bsc.langgraph4j.RunnableConfig;
import org.bsc.langgraph4j.checkpoint.MemorySaver;
import org.bsc.langgraph4j.state.AgentState;
import org.bsc.langgraph4j.state.Channel;
import org.bsc.langgraph4j.state.Channels;
import org.h2.jdbcx.JdbcDataSource;
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
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.bsc.langgraph4j.StateGraph.END;
import static org.bsc.langgraph4j.StateGraph.START;
import static org.bsc.langgraph4j.action.AsyncNodeAction.node_async;

/**
 * Our graph runtime side by side with LangGraph4j ({@code org.bsc.langgraph4j:langgraph4j-core}) on the
 * same graphs, in one JMH run (issue 4). Average time per whole run, microseconds (lower is better):
 * <ol>
 *   <li>{@code linear}: START -> a -> b -> c -> END, each node writes one key, no checkpointer;</li>
 *   <li>{@code linearCheckpointed}: the same with the in-memory checkpointer (LangGraph4j: {@code MemorySaver});</li>
 *   <li>{@code parallel8}: START -> a -> 8 parallel branches -> join -> END, both on the same 8-thread pool;</li>
 *   <li>{@code linearJdbcH2}: (1) with {@code JdbcCheckpointer} on in-memory H2 (LangGraph4j core has no JDBC saver);</li>
 *   <li>{@code carry*}: (1) and (2) with a {@code messages} list of 0, 10, 100, 1,000 strings of ~100 chars in the
 *       input, carried through every step; {@code carry10} is a 10-node chain, so
 *       {@code (carry10 - carry) / 7} is the cost of one step at that state size.</li>
 * </ol>
 * Each checkpointed run uses a fresh thread id and releases it afterwards, so stores do not grow. Run:
 * {@code java -jar benchmarks/target/benchmarks.jar GraphBenchmark -f 1 -wi 2 -i 3 -w 1s -r 2s}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
public class GraphBenchmark {

    static final Key<String> K1 = Key.of("k1", String.class);
    static final Key<String> K2 = Key.of("k2", String.class);
    static final Key<String> K3 = Key.of("k3", String.class);
    static final Key<List<String>> MESSAGES = Key.appending("messages", String.class);
    static final Key<List<String>> BRANCHES = Key.appending("branches", String.class);

    /** LangGraph4j's state for the same graphs. */
    public static final class LgState extends AgentState {
        public LgState(Map<String, Object> data) {
            super(data);
        }
    }

    static CompiledGraph oursLinear(CompileConfig config) {
        return StateGraph.of(K1, K2, K3, MESSAGES)
                .addNode("a", (s, c) -> Update.of(K1, "a"))
                .addNode("b", (s, c) -> Update.of(K2, "b"))
                .addNode("c", (s, c) -> Update.of(K3, "c"))
                .addEdge(StateGraph.START, "a").addEdge("a", "b").addEdge("b", "c").addEdge("c", StateGraph.END)
                .compile(config);
    }

    /** START -> n1 -> ... -> n10 -> END, each node writing one key: with (1) gives the per-step cost. */
    static CompiledGraph oursLinear10() {
        StateGraph g = StateGraph.of(K1, MESSAGES);
        String prev = StateGraph.START;
        for (int i = 1; i <= 10; i++) {
            String n = "n" + i;
            String v = "v" + i;
            g.addNode(n, (s, c) -> Update.of(K1, v)).addEdge(prev, n);
            prev = n;
        }
        return g.addEdge(prev, StateGraph.END).compile();
    }

    static org.bsc.langgraph4j.CompiledGraph<LgState> lgLinear10() throws GraphStateException {
        org.bsc.langgraph4j.StateGraph<LgState> g = new org.bsc.langgraph4j.StateGraph<>(lgChannels(), LgState::new);
        String prev = START;
        for (int i = 1; i <= 10; i++) {
            String n = "n" + i;
            String v = "v" + i;
            g.addNode(n, node_async(s -> Map.of("k1", v))).addEdge(prev, n);
            prev = n;
        }
        return g.addEdge(prev, END).compile();
    }

    static Map<String, Channel<?>> lgChannels() {
        Map<String, Channel<?>> channels = new HashMap<>();
        channels.put("messages", Channels.appenderWithDuplicate(ArrayList::new));
        channels.put("branches", Channels.appenderWithDuplicate(ArrayList::new));
        return channels;
    }

    static org.bsc.langgraph4j.CompiledGraph<LgState> lgLinear(org.bsc.langgraph4j.CompileConfig config) throws GraphStateException {
        return new org.bsc.langgraph4j.StateGraph<>(lgChannels(), LgState::new)
                .addNode("a", node_async(s -> Map.of("k1", "a")))
                .addNode("b", node_async(s -> Map.of("k2", "b")))
                .addNode("c", node_async(s -> Map.of("k3", "c")))
                .addEdge(START, "a").addEdge("a", "b").addEdge("b", "c").addEdge("c", END)
                .compile(config);
    }

    /** Graphs and stores shared by the fixed-size cases (1) to (4). */
    @State(Scope.Benchmark)
    public static class Graphs {
        CompiledGraph ours;
        CompiledGraph oursCheckpointed;
        InMemoryCheckpointer oursMemory;
        CompiledGraph oursParallel;
        CompiledGraph oursJdbc;
        JdbcCheckpointer jdbc;
        org.bsc.langgraph4j.CompiledGraph<LgState> lg;
        org.bsc.langgraph4j.CompiledGraph<LgState> lgCheckpointed;
        MemorySaver lgMemory;
        org.bsc.langgraph4j.CompiledGraph<LgState> lgParallel;
        ExecutorService pool;
        RunConfig oursParallelConfig;
        RunnableConfig lgParallelConfig;
        final AtomicLong threads = new AtomicLong();

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            pool = Executors.newFixedThreadPool(8);
            ours = oursLinear(CompileConfig.defaults());
            oursMemory = new InMemoryCheckpointer();
            oursCheckpointed = oursLinear(CompileConfig.builder().checkpointer(oursMemory).build());
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL("jdbc:h2:mem:graphbench;DB_CLOSE_DELAY=-1");
            jdbc = new JdbcCheckpointer(ds).createSchema();
            oursJdbc = oursLinear(CompileConfig.builder().checkpointer(jdbc).build());

            StateGraph parallel = StateGraph.of(K1, BRANCHES).addNode("a", (s, c) -> Update.of(K1, "a"));
            List<String> names = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String n = "p" + i;
                names.add(n);
                parallel.addNode(n, (s, c) -> Update.append(BRANCHES, n)).addEdge("a", n);
            }
            parallel.addNode("join", (s, c) -> Update.of(K1, "joined " + s.get(BRANCHES).size()))
                    .addEdge(StateGraph.START, "a").addEdge(names, "join").addEdge("join", StateGraph.END);
            oursParallel = parallel.compile();
            oursParallelConfig = RunConfig.builder().executor(pool).build();

            lg = lgLinear(org.bsc.langgraph4j.CompileConfig.builder().build());
            lgMemory = new MemorySaver();
            lgCheckpointed = lgLinear(org.bsc.langgraph4j.CompileConfig.builder().checkpointSaver(lgMemory).build());
            org.bsc.langgraph4j.StateGraph<LgState> lgp = new org.bsc.langgraph4j.StateGraph<>(lgChannels(), LgState::new)
                    .addNode("a", node_async(s -> Map.of("k1", "a")));
            for (String n : names) {
                lgp.addNode(n, node_async(s -> Map.of("branches", List.of(n)))).addEdge("a", n).addEdge(n, "join");
            }
            lgParallel = lgp.addNode("join", node_async(s -> Map.of("k1", "joined " + s.<List<?>>value("branches").map(List::size).orElse(0))))
                    .addEdge(START, "a").addEdge("join", END).compile();
            lgParallelConfig = RunnableConfig.builder().addParallelNodeExecutor("a", pool).build();

            // sanity: both runtimes compute the same results
            check(ours.invoke(Update.empty()).get(K3).equals("c"), "ours linear");
            check("c".equals(lg.invoke(Map.of()).orElseThrow().value("k3").orElse(null)), "lg linear");
            check(oursParallel.invoke(Update.empty(), oursParallelConfig).get(K1).equals("joined 8"), "ours parallel");
            check("joined 8".equals(lgParallel.invoke(Map.of(), lgParallelConfig).orElseThrow().value("k1").orElse(null)), "lg parallel");
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            pool.shutdownNow();
        }
    }

    static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("benchmark graph computes the wrong result: " + what);
        }
    }

    /** Case (5): the state carries a list of {@code messages} strings of ~100 characters. */
    @State(Scope.Benchmark)
    public static class Carry {
        @Param({"0", "10", "100", "1000"})
        public int messages;

        List<String> transcript;
        Update oursInput;
        Map<String, Object> lgInput;
        CompiledGraph ours;
        CompiledGraph oursCheckpointed;
        InMemoryCheckpointer oursMemory;
        CompiledGraph ours10;
        org.bsc.langgraph4j.CompiledGraph<LgState> lg;
        org.bsc.langgraph4j.CompiledGraph<LgState> lgCheckpointed;
        org.bsc.langgraph4j.CompiledGraph<LgState> lg10;
        MemorySaver lgMemory;
        final AtomicLong threads = new AtomicLong();

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            ours10 = oursLinear10();
            lg10 = lgLinear10();
            transcript = new ArrayList<>();
            for (int i = 0; i < messages; i++) {
                transcript.add(String.format("message %04d: the customer asked about renewal pricing for the premium tier again.....", i));
            }
            oursInput = Update.of(MESSAGES, List.copyOf(transcript));
            lgInput = Map.of("messages", List.copyOf(transcript));
            ours = oursLinear(CompileConfig.defaults());
            oursMemory = new InMemoryCheckpointer();
            oursCheckpointed = oursLinear(CompileConfig.builder().checkpointer(oursMemory).build());
            lg = lgLinear(org.bsc.langgraph4j.CompileConfig.builder().build());
            lgMemory = new MemorySaver();
            lgCheckpointed = lgLinear(org.bsc.langgraph4j.CompileConfig.builder().checkpointSaver(lgMemory).build());
            check(ours.invoke(oursInput).get(MESSAGES).size() == messages, "ours carry");
            check(lg.invoke(lgInput).orElseThrow().<List<?>>value("messages").map(List::size).orElse(0) == messages, "lg carry");
        }
    }

    // ---- (1) linear, no checkpointer

    @Benchmark
    public RunResult linear_ours(Graphs g) {
        return g.ours.invoke(Update.empty());
    }

    @Benchmark
    public Optional<LgState> linear_langgraph4j(Graphs g) {
        return g.lg.invoke(Map.of());
    }

    // ---- (2) linear, in-memory checkpointer

    @Benchmark
    public RunResult linearCheckpointed_ours(Graphs g) {
        String thread = "t" + g.threads.incrementAndGet();
        RunResult r = g.oursCheckpointed.invoke(Update.empty(), RunConfig.forThread(thread));
        g.oursMemory.deleteThread(thread);
        return r;
    }

    @Benchmark
    public Optional<LgState> linearCheckpointed_langgraph4j(Graphs g) throws Exception {
        RunnableConfig config = RunnableConfig.builder().threadId("t" + g.threads.incrementAndGet()).build();
        Optional<LgState> r = g.lgCheckpointed.invoke(Map.of(), config);
        g.lgMemory.release(config);
        return r;
    }

    // ---- (3) 8 parallel branches and a join

    @Benchmark
    public RunResult parallel8_ours(Graphs g) {
        return g.oursParallel.invoke(Update.empty(), g.oursParallelConfig);
    }

    @Benchmark
    public Optional<LgState> parallel8_langgraph4j(Graphs g) {
        return g.lgParallel.invoke(Map.of(), g.lgParallelConfig);
    }

    // ---- (4) linear with JdbcCheckpointer on H2

    @Benchmark
    public RunResult linearJdbcH2_ours(Graphs g) {
        String thread = "j" + g.threads.incrementAndGet();
        RunResult r = g.oursJdbc.invoke(Update.empty(), RunConfig.forThread(thread));
        g.jdbc.deleteThread(thread);
        return r;
    }

    // ---- (5) state carrying 0..1,000 messages

    @Benchmark
    public RunResult carry_ours(Carry c) {
        return c.ours.invoke(c.oursInput);
    }

    @Benchmark
    public Optional<LgState> carry_langgraph4j(Carry c) {
        return c.lg.invoke(c.lgInput);
    }

    @Benchmark
    public RunResult carry10_ours(Carry c) {
        return c.ours10.invoke(c.oursInput);
    }

    @Benchmark
    public Optional<LgState> carry10_langgraph4j(Carry c) {
        return c.lg10.invoke(c.lgInput);
    }

    @Benchmark
    public RunResult carryCheckpointed_ours(Carry c) {
        String thread = "c" + c.threads.incrementAndGet();
        RunResult r = c.oursCheckpointed.invoke(c.oursInput, RunConfig.forThread(thread));
        c.oursMemory.deleteThread(thread);
        return r;
    }

    @Benchmark
    public Optional<LgState> carryCheckpointed_langgraph4j(Carry c) throws Exception {
        RunnableConfig config = RunnableConfig.builder().threadId("c" + c.threads.incrementAndGet()).build();
        Optional<LgState> r = c.lgCheckpointed.invoke(c.lgInput, config);
        c.lgMemory.release(config);
        return r;
    }
}
