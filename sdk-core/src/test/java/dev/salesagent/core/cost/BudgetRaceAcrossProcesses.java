package dev.salesagent.core.cost;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared ledger's race across processes: two forked JVMs, each with its own {@link CostTracker} on its own
 * client of the same shared {@link BudgetStore}, race {@code reservations} reservations of 0.01 USD (half each, on
 * many threads, released together) against a daily hard limit of 0.01 x {@code fits} USD; every admitted call settles
 * at its reserved cost. Exactly {@code fits} may be admitted in total, and the ledger must end at the limit with
 * nothing reserved.
 *
 * <p>The store comes from {@code storeFactory}, a class with a public no-argument constructor implementing
 * {@code Supplier<BudgetStore>}, on the test class path; the child JVMs get the same class path and the parent's
 * {@code salesagent.it.*} system properties.
 */
public final class BudgetRaceAcrossProcesses {

    private static final BigDecimal CALL_USD = new BigDecimal("0.01");

    private BudgetRaceAcrossProcesses() {
    }

    /**
     * Forks two JVMs racing one budget and asserts exactly {@code fits} admissions in total.
     *
     * @return the admissions per process
     */
    public static int[] race(Class<? extends Supplier<BudgetStore>> storeFactory, int reservations, int fits)
            throws Exception {
        String tenant = "race-" + System.nanoTime();
        BigDecimal limit = CALL_USD.multiply(BigDecimal.valueOf(fits));
        List<Process> processes = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                processes.add(fork(storeFactory, tenant, limit, reservations / 2));
            }
            List<BufferedReader> outs = new ArrayList<>();
            for (Process p : processes) {
                BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                assertThat(readLine(out, p)).as("child ready").isEqualTo("READY");
                outs.add(out);
            }
            for (Process p : processes) {
                Writer in = new java.io.OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8);
                in.write("GO\n");
                in.flush();
            }
            int[] admitted = new int[2];
            for (int i = 0; i < 2; i++) {
                String line = readLine(outs.get(i), processes.get(i));
                assertThat(line).as("child result").startsWith("ADMITTED ");
                admitted[i] = Integer.parseInt(line.substring("ADMITTED ".length()).trim());
                assertThat(processes.get(i).waitFor(5, TimeUnit.MINUTES)).as("child exits").isTrue();
                assertThat(processes.get(i).exitValue()).isZero();
            }
            assertThat(admitted[0] + admitted[1]).as("admitted across both processes").isEqualTo(fits);

            Budget budget = budget(tenant, limit);
            Instant start = budget.periodStart(Clock.systemUTC().instant());
            BudgetStore.Balance balance = storeFactory.getDeclaredConstructor().newInstance().get()
                    .balance(budget.id(), start);
            assertThat(balance.spentUsd()).isEqualByComparingTo(limit);
            assertThat(balance.reservedUsd()).isEqualByComparingTo("0");
            return admitted;
        } finally {
            for (Process p : processes) {
                p.destroyForcibly();
            }
        }
    }

    private static String readLine(BufferedReader out, Process p) throws IOException {
        String line = out.readLine();
        if (line == null) {
            throw new AssertionError("child JVM ended without output (exit " + (p.isAlive() ? "?" : p.exitValue())
                    + "); see its stderr above");
        }
        return line;
    }

    private static Process fork(Class<?> storeFactory, String tenant, BigDecimal limit, int reservations)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("salesagent.it."))
                .forEach(k -> cmd.add("-D" + k + "=" + System.getProperty(k)));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(BudgetRaceAcrossProcesses.class.getName());
        cmd.add(storeFactory.getName());
        cmd.add(tenant);
        cmd.add(limit.toPlainString());
        cmd.add(Integer.toString(reservations));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static Budget budget(String tenant, BigDecimal limit) {
        return Budget.forTenant(tenant).daily().hardLimitUsd(limit).build();
    }

    /**
     * The child: {@code <storeFactoryClass> <tenant> <limitUsd> <reservations>}. Prints {@code READY}, waits for a
     * line on stdin, races the reservations on 16 threads, prints {@code ADMITTED <n>}.
     */
    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        @SuppressWarnings("unchecked")
        Supplier<BudgetStore> factory = (Supplier<BudgetStore>) Class.forName(args[0]).getDeclaredConstructor()
                .newInstance();
        String tenant = args[1];
        Budget budget = budget(tenant, new BigDecimal(args[2]));
        int reservations = Integer.parseInt(args[3]);
        CostTracker tracker = CostTracker.builder().budgetStore(factory.get()).budget(budget).build();
        tracker.budgetStatus(budget); // opens the period and warms the connection before the start signal
        out.println("READY");
        out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();

        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger admitted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < reservations; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                try {
                    CostTracker.Reservation r = tracker.reserve(tenant, "race", CALL_USD);
                    admitted.incrementAndGet();
                    r.settle(UsageRecord.builder().tenant(tenant).feature("race").provider("openai")
                            .model("gpt-4o-mini").costUsd(CALL_USD).build());
                } catch (BudgetExceededException refused) {
                    // expected for all but the calls that fit
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();
        out.println("ADMITTED " + admitted.get());
        out.flush();
        System.exit(0);
    }
}
