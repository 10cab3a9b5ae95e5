package dev.salesagent.benchmarks.graph;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Companion of {@link GraphBenchmark} for a machine shared with other builds: the three shapes of the issue-13 goal
 * (linear, linear with the in-memory checkpointer, 8-way fan-out + join) measured in <b>paired rounds</b>, ours then
 * LangGraph4j, {@code n} whole runs each, round robin, on the very graphs of {@link GraphBenchmark.Graphs}. Per round
 * it takes the wall time and the <b>CPU time of this JVM's Java threads</b> per run (the sum of every live thread's
 * CPU time from {@code ThreadMXBean}, nanosecond resolution: the fan-out's pool threads count, other processes' load
 * does not; the JVM's GC threads are not included, which favours the runtime that allocates more, LangGraph4j), and prints the median and quartiles of the per-round ratio
 * LangGraph4j / ours. Under load, wall times mostly measure how often the scheduler takes the core away; CPU time per
 * run measures the work. Run:
 * {@code java -cp benchmarks/target/benchmarks.jar dev.salesagent.benchmarks.graph.GraphRatios [rounds] [n]}.
 */
public final class GraphRatios {

    private GraphRatios() {
    }

    private interface Op {
        void run() throws Exception;
    }

    /**
     * Prints per shape: median wall and CPU microseconds per run of each runtime, and the ratios.
     *
     * @param args optional rounds (default 15) and runs per round and runtime (default 2000)
     * @throws Exception if a graph fails
     */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        GraphBenchmark bench = new GraphBenchmark();
        GraphBenchmark.Graphs g = new GraphBenchmark.Graphs();
        g.setUp();
        try {
            Map<String, Op[]> pairs = new LinkedHashMap<>();
            pairs.put("(1) linear, 3 nodes", new Op[] {() -> bench.linear_ours(g), () -> bench.linear_langgraph4j(g)});
            pairs.put("(2) linear + in-memory checkpointer", new Op[] {() -> bench.linearCheckpointed_ours(g),
                    () -> bench.linearCheckpointed_langgraph4j(g)});
            pairs.put("(3) a -> 8 parallel -> join", new Op[] {() -> bench.parallel8_ours(g), () -> bench.parallel8_langgraph4j(g)});
            for (Op[] pair : pairs.values()) { // warm-up: let the JIT compile both sides
                for (Op op : pair) {
                    for (int i = 0; i < 20_000; i++) {
                        op.run();
                    }
                }
            }
            java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
            Map<String, List<double[]>> samples = new LinkedHashMap<>(); // per round: ours wall, lg wall, ours cpu, lg cpu
            double loadBefore = os.getSystemLoadAverage();
            for (int round = 0; round < rounds; round++) {
                for (Map.Entry<String, Op[]> e : pairs.entrySet()) {
                    double[] s = new double[4];
                    for (int side = 0; side < 2; side++) {
                        Op op = e.getValue()[side];
                        long cpu0 = threadCpu();
                        long t0 = System.nanoTime();
                        for (int i = 0; i < n; i++) {
                            op.run();
                        }
                        s[side] = (System.nanoTime() - t0) / 1e3 / n;
                        s[2 + side] = (threadCpu() - cpu0) / 1e3 / n;
                    }
                    samples.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(s);
                }
            }
            System.out.printf("%d paired rounds of %d runs per runtime; load average %.1f before, %.1f after%n", rounds, n,
                    loadBefore, os.getSystemLoadAverage());
            System.out.printf("%-38s %10s %10s %22s %10s %10s %22s%n", "case", "ours wall", "LG4j wall",
                    "wall ratio [q1, q3]", "ours CPU", "LG4j CPU", "CPU ratio [q1, q3]");
            for (Map.Entry<String, List<double[]>> e : samples.entrySet()) {
                List<double[]> rs = e.getValue();
                double[] wallRatio = sorted(rs.stream().mapToDouble(s -> s[1] / s[0]).toArray());
                double[] cpuRatio = sorted(rs.stream().mapToDouble(s -> s[3] / s[2]).toArray());
                System.out.printf("%-38s %10.2f %10.2f %9.1fx [%.1f, %.1f] %10.2f %10.2f %9.1fx [%.1f, %.1f]%n", e.getKey(),
                        median(rs, 0), median(rs, 1), wallRatio[rounds / 2], wallRatio[rounds / 4], wallRatio[(3 * rounds) / 4],
                        median(rs, 2), median(rs, 3), cpuRatio[rounds / 2], cpuRatio[rounds / 4], cpuRatio[(3 * rounds) / 4]);
            }
        } finally {
            g.tearDown();
        }
    }

    /** CPU time, nanoseconds, of every live Java thread of this JVM (pool threads persist across a batch). */
    private static long threadCpu() {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long id : mx.getAllThreadIds()) {
            long t = mx.getThreadCpuTime(id);
            if (t > 0) {
                sum += t;
            }
        }
        return sum;
    }

    private static double median(List<double[]> rows, int column) {
        double[] a = sorted(rows.stream().mapToDouble(r -> r[column]).toArray());
        return a[a.length / 2];
    }

    private static double[] sorted(double[] a) {
        Arrays.sort(a);
        return a;
    }
}
