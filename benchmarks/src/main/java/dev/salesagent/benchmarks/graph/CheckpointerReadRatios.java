package dev.salesagent.benchmarks.graph;

import com.zaxxer.hikari.HikariDataSource;
import dev.salesagent.agents.graph.CompiledGraph;
import dev.salesagent.agents.graph.JdbcCheckpointer;
import dev.salesagent.agents.graph.Resume;
import dev.salesagent.agents.graph.RunConfig;
import dev.salesagent.agents.graph.RunResult;
import dev.salesagent.agents.graph.StateCodec;
import dev.salesagent.agents.graph.Update;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Companion of {@link JdbcCheckpointerBenchmark} for a machine whose load drifts during a JMH run: each read is
 * measured in <b>paired rounds</b> with one pooled {@code SELECT 1}, round robin (a round: {@code n} SELECT 1s,
 * then {@code n} of each operation), and the median and quartiles of the per-round ratio operation / SELECT 1
 * are printed, so the ratio compares operations measured seconds apart, under the same load. Also printed: the CPU
 * each operation cost, in the client thread ({@code ThreadMXBean}) and in the PostgreSQL backend (its
 * {@code /proc/<pid>/stat}, 10 ms ticks summed over all rounds; PostgreSQL must run on this host), and their sum's ratio
 * to SELECT 1's: the work an operation does, which a loaded machine's scheduling delays do not inflate as they do
 * wall time. Same data as the
 * JMH benchmark (a thread of 1,000 messages of ~60 chars and 50 further steps; resume answers one interrupt
 * on a thread of 1,000+ messages; also with durability EXIT, whose resume commits once), a committed single-row
 * {@code INSERT} (the least any durable write costs), PostgreSQL through HikariCP ({@code -Dbench.pg.url}). Run:
 * {@code java -cp benchmarks/target/benchmarks.jar dev.salesagent.benchmarks.graph.CheckpointerReadRatios [rounds] [n]}.
 */
public final class CheckpointerReadRatios {

    private CheckpointerReadRatios() {
    }

    /** An operation timed in the rounds. */
    private interface Op {
        void run() throws Exception;
    }

    /**
     * Prints, per operation, the median (and quartiles) of its per-round mean time divided by SELECT 1's.
     *
     * @param args optional rounds (default 15) and operations per round (default 40)
     * @throws Exception if PostgreSQL is not reachable or an operation fails
     */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try (HikariDataSource pool = JdbcCheckpointerBenchmark.pool(1)) { // one connection: one backend whose CPU is read
            int backend;
            try (Connection c = pool.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                backend = rs.getInt(1);
            }
            java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
            JdbcCheckpointer warm = new JdbcCheckpointer(pool).createSchema();
            JdbcCheckpointer cold = JdbcCheckpointer.builder(pool).stateCacheSize(0).build();
            JdbcCheckpointerBenchmark.cleanUp(pool);
            RunConfig.Builder cfg = RunConfig.builder().executor(nodes).recursionLimit(1_000_000);
            CompiledGraph turns = JdbcCheckpointerBenchmark.linear(1, warm);
            StateCodec codec = turns.codec();
            String read = JdbcCheckpointerBenchmark.PREFIX + UUID.randomUUID();
            turns.invoke(Update.append(JdbcCheckpointerBenchmark.MESSAGES, JdbcCheckpointerBenchmark.messages(1000)),
                    cfg.threadId(read).build());
            for (int i = 0; i < 24; i++) {
                turns.invoke(Update.empty(), cfg.threadId(read).build());
            }
            CompiledGraph interviewer = JdbcCheckpointerBenchmark.interviewer(warm);
            CompiledGraph interviewerCold = JdbcCheckpointerBenchmark.interviewer(cold);
            String paused = JdbcCheckpointerBenchmark.PREFIX + UUID.randomUUID();
            interviewer.invoke(Update.append(JdbcCheckpointerBenchmark.MESSAGES, JdbcCheckpointerBenchmark.messages(1000)),
                    cfg.threadId(paused).build());
            RunConfig resumeCfg = cfg.threadId(paused).build();
            JdbcCheckpointer exit = JdbcCheckpointer.builder(pool).durability(JdbcCheckpointer.Durability.EXIT, null).build();
            CompiledGraph interviewerExit = JdbcCheckpointerBenchmark.interviewer(exit);
            String pausedExit = JdbcCheckpointerBenchmark.PREFIX + UUID.randomUUID();
            interviewerExit.invoke(Update.append(JdbcCheckpointerBenchmark.MESSAGES, JdbcCheckpointerBenchmark.messages(1000)),
                    cfg.threadId(pausedExit).build());
            RunConfig resumeExitCfg = cfg.threadId(pausedExit).build();
            try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS sa_bench_round_trip (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, v TEXT)");
            }

            Map<String, Op> ops = new LinkedHashMap<>();
            ops.put("SELECT 1", () -> {
                try (Connection c = pool.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
                    rs.next();
                }
            });
            ops.put("committed INSERT", () -> {
                try (Connection c = pool.getConnection(); java.sql.PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO sa_bench_round_trip (v) VALUES (?)")) {
                    ps.setString(1, "one super-step");
                    ps.executeUpdate();
                }
            });
            ops.put("get-state (state cache)", () -> warm.latest(read, codec).orElseThrow());
            ops.put("get-state (no cache)", () -> cold.latest(read, codec).orElseThrow());
            ops.put("history of 50 (no cache)", () -> cold.history(read, null, 50, codec));
            ops.put("resume (state cache)", () -> expectInterrupt(interviewer.resume(Resume.withValue("yes"), resumeCfg)));
            ops.put("resume (no cache)", () -> expectInterrupt(interviewerCold.resume(Resume.withValue("yes"), resumeCfg)));
            ops.put("resume (EXIT, 1 commit)", () -> expectInterrupt(interviewerExit.resume(Resume.withValue("yes"), resumeExitCfg)));

            Map<String, List<Double>> ratios = new LinkedHashMap<>();
            Map<String, List<Double>> micros = new LinkedHashMap<>();
            Map<String, double[]> cpuMicros = new LinkedHashMap<>(); // client thread, PostgreSQL backend: sums over the rounds
            for (int round = -2; round < rounds; round++) { // two warm-up rounds
                double select1 = 0;
                for (Map.Entry<String, Op> e : ops.entrySet()) {
                    long c0 = cpu.getCurrentThreadCpuTime();
                    long b0 = backendTicks(backend);
                    long t0 = System.nanoTime();
                    for (int i = 0; i < n; i++) {
                        e.getValue().run();
                    }
                    double us = (System.nanoTime() - t0) / 1e3 / n;
                    if (round >= 0) {
                        double[] sum = cpuMicros.computeIfAbsent(e.getKey(), k -> new double[2]);
                        sum[0] += (cpu.getCurrentThreadCpuTime() - c0) / 1e3;
                        sum[1] += (backendTicks(backend) - b0) * 1e6 / TICKS_PER_SECOND;
                    }
                    if (e.getKey().equals("SELECT 1")) {
                        select1 = us;
                    }
                    if (round >= 0) {
                        micros.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(us);
                        ratios.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(us / select1);
                    }
                }
            }
            System.out.printf("%d paired rounds of %d operations each; load average %s%n", rounds, n,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.printf("%-26s %12s %28s %14s %14s %10s%n", "operation", "median us", "ratio to SELECT 1: median [q1, q3]",
                    "client CPU us", "server CPU us", "CPU ratio");
            double[] base = cpuMicros.get("SELECT 1");
            for (String k : ops.keySet()) {
                double[] r = sorted(ratios.get(k));
                double[] c = cpuMicros.get(k);
                double total = (double) rounds * n;
                System.out.printf("%-26s %12.0f %14.2fx [%.2f, %.2f] %14.0f %14.0f %9.2fx%n", k, sorted(micros.get(k))[rounds / 2],
                        r[rounds / 2], r[rounds / 4], r[(3 * rounds) / 4], c[0] / total, c[1] / total, (c[0] + c[1]) / (base[0] + base[1]));
            }
            JdbcCheckpointerBenchmark.cleanUp(pool);
            try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS sa_bench_round_trip");
            }
        } finally {
            nodes.shutdownNow();
        }
    }

    /** Clock ticks per second of /proc/[pid]/stat (USER_HZ, 100 on Linux). */
    private static final double TICKS_PER_SECOND = 100;

    /**
     * CPU the PostgreSQL backend used so far (user + system), in clock ticks, from {@code /proc/<pid>/stat}: the
     * benchmark runs on the database's host, so the server's share of an operation is measured, not only the client's.
     */
    private static long backendTicks(int pid) throws java.io.IOException {
        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
    }

    private static void expectInterrupt(RunResult r) {
        if (r.status() != RunResult.Status.INTERRUPTED) {
            throw new IllegalStateException("expected the next interrupt but got " + r.status() + " " + r.error());
        }
    }

    private static double[] sorted(List<Double> values) {
        double[] a = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a;
    }
}
