package dev.salesagent.agents.graph;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.salesagent.agents.graph.GraphTestSupport.TRACE;
import static dev.salesagent.agents.graph.GraphTestSupport.tracing;
import static dev.salesagent.agents.graph.StateGraph.END;
import static dev.salesagent.agents.graph.StateGraph.START;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Node timeouts and retry backoff on the graph's {@link GraphTimer}: with a {@link ManualGraphTimer} a node that blocks
 * for ever times out when the test advances the virtual time, and nothing waits for the timeout in real time (the
 * timeouts are minutes long; each test's real duration is asserted to stay far below them).
 */
class NodeTimeoutVirtualTimeTest {

    private static final Duration REAL_BOUND = Duration.ofSeconds(10);

    private static RunResult await(CompletableFuture<RunResult> run) throws Exception {
        return run.get(REAL_BOUND.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("a node blocked for ever times out when the virtual time reaches its 30-minute timeout, not before; its thread is interrupted")
    void blockedNodeTimesOutOnVirtualTime() throws Exception {
        ManualGraphTimer time = new ManualGraphTimer();
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch sawInterrupt = new CountDownLatch(1);
        Duration timeout = Duration.ofMinutes(30);
        CompiledGraph g = StateGraph.of(TRACE)
                .addNode("slow", (s, c) -> {
                    started.countDown();
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        sawInterrupt.countDown();
                        throw e;
                    }
                    return Update.append(TRACE, "never");
                }, NodePolicy.builder().timeout(timeout).build())
                .addEdge(START, "slow").addEdge("slow", END)
                .compile(CompileConfig.builder().timer(time).build());
        long t0 = System.nanoTime();
        CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> g.invoke(Update.empty()));
        assertThat(started.await(REAL_BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(time.scheduled()).as("the timeout is armed on the manual timer").isEqualTo(1);

        time.advance(timeout.minusMillis(1));
        assertThat(time.scheduled()).as("1 ms before its timeout the node's timeout has not fired").isEqualTo(1);
        assertThat(run).isNotDone();

        time.advance(Duration.ofMillis(1));
        RunResult r = await(run);
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error()).isInstanceOf(NodeTimeoutException.class);
        NodeTimeoutException e = (NodeTimeoutException) r.error();
        assertThat(e.node()).isEqualTo("slow");
        assertThat(e.timeout()).isEqualTo(timeout);
        // the run fails as soon as the timeout fires; it does not wait for the node's thread to notice the interrupt
        assertThat(sawInterrupt.await(REAL_BOUND.toSeconds(), TimeUnit.SECONDS))
                .as("the node's thread was interrupted").isTrue();
        assertThat(time.elapsed()).isEqualTo(timeout);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(REAL_BOUND);
    }

    @Test
    @DisplayName("backoff waits run on the virtual clock (10 s, then 20 s) and the 25 s timeout, which covers the retries, fires during the second wait")
    void backoffAndTimeoutOnTheVirtualClock() throws Exception {
        ManualGraphTimer time = new ManualGraphTimer();
        List<Duration> attemptsAt = Collections.synchronizedList(new ArrayList<>());
        CompiledGraph g = StateGraph.of(TRACE)
                .addNode("flaky", (s, c) -> {
                    attemptsAt.add(time.elapsed());
                    throw new IOException("down");
                }, NodePolicy.builder().maxAttempts(5).backoff(Duration.ofSeconds(10), 2.0)
                        .timeout(Duration.ofSeconds(25)).build())
                .addEdge(START, "flaky").addEdge("flaky", END)
                .compile(CompileConfig.builder().timer(time).build());
        long t0 = System.nanoTime();
        CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> g.invoke(Update.empty()));

        assertThat(time.awaitScheduled(2, REAL_BOUND)).as("timeout + the 10 s backoff after attempt 1").isTrue();
        time.advance(Duration.ofSeconds(10));
        assertThat(time.awaitScheduled(2, REAL_BOUND)).as("timeout + the 20 s backoff after attempt 2").isTrue();
        assertThat(attemptsAt).containsExactly(Duration.ZERO, Duration.ofSeconds(10));
        time.advance(Duration.ofSeconds(20)); // the timeout passes at 25 s, inside the second backoff

        RunResult r = await(run);
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.error()).isInstanceOf(NodeTimeoutException.class).hasMessageContaining("'flaky'");
        assertThat(attemptsAt).as("no third attempt: the timeout covers the retries").hasSize(2);
        assertThat(time.elapsed()).isEqualTo(Duration.ofSeconds(30));
        // the interrupted backoff is cancelled by the node's thread as it unwinds, which may finish after the run fails
        long until = System.nanoTime() + REAL_BOUND.toNanos();
        while (time.scheduled() > 0 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertThat(time.scheduled()).as("the interrupted backoff was cancelled").isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(REAL_BOUND);
    }

    @Test
    @DisplayName("a node that succeeds on its retry within the timeout completes, and its timeout is disarmed")
    void retryWithinTheTimeoutCompletes() throws Exception {
        ManualGraphTimer time = new ManualGraphTimer(Instant.parse("2026-03-01T00:00:00Z"));
        AtomicInteger calls = new AtomicInteger();
        CompiledGraph g = StateGraph.of(TRACE)
                .addNode("flaky", (s, c) -> {
                    if (calls.incrementAndGet() == 1) {
                        throw new IOException("once");
                    }
                    return Update.append(TRACE, "flaky@" + time.elapsed().toSeconds());
                }, NodePolicy.builder().maxAttempts(3).backoff(Duration.ofSeconds(10), 2.0)
                        .timeout(Duration.ofMinutes(1)).build())
                .addEdge(START, "flaky").addEdge("flaky", END)
                .compile(CompileConfig.builder().timer(time).clock(time.clock())
                        .checkpointer(new InMemoryCheckpointer()).build());
        CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> g.invoke(Update.empty(), RunConfig.forThread("t")));
        assertThat(time.awaitScheduled(2, REAL_BOUND)).isTrue();
        time.advance(Duration.ofSeconds(10));
        RunResult r = await(run);
        assertThat(r.orThrow().get(TRACE)).containsExactly("flaky@10");
        assertThat(time.scheduled()).as("the node finished: its timeout no longer waits on the timer").isZero();
        assertThat(g.state("t").orElseThrow().createdAt()).as("timestamps follow the same virtual time")
                .isEqualTo(Instant.parse("2026-03-01T00:00:10Z"));
    }

    @Test
    @DisplayName("with the system timer a timed node still times out in real time (default behaviour kept)")
    void systemTimerStillTimesOut() {
        CompiledGraph g = StateGraph.of(TRACE)
                .addNode("slow", (s, c) -> {
                    new CountDownLatch(1).await();
                    return Update.empty();
                }, NodePolicy.builder().timeout(Duration.ofMillis(50)).build())
                .addEdge(START, "slow").addEdge("slow", END).compile();
        assertThat(g.config.timer()).isSameAs(GraphTimer.system());
        RunResult r = g.invoke(Update.empty());
        assertThat(r.error()).isInstanceOf(NodeTimeoutException.class);
    }

    /**
     * A fan-out where one branch times out on virtual time while its sibling finished: the sibling's writes are kept as
     * pending writes of the failed step, and a resume re-runs only the timed-out node. Both checkpointers.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"in-memory", "jdbc-h2"})
    @DisplayName("a timed-out branch leaves its sibling's writes saved; the resume re-runs only the timed-out node")
    void timedOutBranchResumesFromTheCheckpoint(String store) throws Exception {
        Checkpointer cp = checkpointer(store);
        ManualGraphTimer time = new ManualGraphTimer();
        AtomicInteger fastRuns = new AtomicInteger();
        AtomicInteger slowRuns = new AtomicInteger();
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch slowStarted = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CompiledGraph g = StateGraph.of(TRACE)
                    .addNode("a", tracing("a"))
                    .addNode("fast", (s, c) -> {
                        fastRuns.incrementAndGet();
                        return Update.append(TRACE, "fast");
                    })
                    .addNode("slow", (s, c) -> {
                        if (slowRuns.incrementAndGet() == 1) {
                            slowStarted.countDown();
                            never.await();
                        }
                        return Update.append(TRACE, "slow");
                    }, NodePolicy.builder().timeout(Duration.ofMinutes(10)).build())
                    .addNode("join", tracing("join"))
                    .addEdge(START, "a").addEdge("a", "fast").addEdge("a", "slow")
                    .addEdge(List.of("fast", "slow"), "join").addEdge("join", END)
                    .compile(CompileConfig.builder().checkpointer(cp).timer(time).build());
            String thread = "timeout-" + UUID.randomUUID();
            RunConfig cfg = RunConfig.builder().threadId(thread).executor(pool).build();
            CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> g.invoke(Update.empty(), cfg));
            assertThat(slowStarted.await(REAL_BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(time.scheduled()).as("slow's timeout is armed").isEqualTo(1);
            time.advance(Duration.ofMinutes(10));
            RunResult failed = await(run);
            assertThat(failed.error()).isInstanceOf(NodeTimeoutException.class);

            Checkpoint latest = g.state(thread).orElseThrow();
            assertThat(latest.state().get(TRACE)).containsExactly("a");
            assertThat(latest.next()).extracting(Checkpoint.Task::node).containsExactly("fast", "slow");
            assertThat(latest.pendingWrites()).extracting(PendingWrite::node, PendingWrite::kind)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("fast", PendingWrite.Kind.WRITES),
                            org.assertj.core.groups.Tuple.tuple("slow", PendingWrite.Kind.ERROR));

            RunResult resumed = await(CompletableFuture.supplyAsync(
                    () -> g.resume(Resume.empty(), RunConfig.builder().threadId(thread).executor(pool).build())));
            assertThat(resumed.orThrow().get(TRACE)).containsExactly("a", "fast", "slow", "join");
            assertThat(fastRuns).as("the finished sibling is not re-run").hasValue(1);
            assertThat(slowRuns).hasValue(2);
            assertThat(time.scheduled()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    private static Checkpointer checkpointer(String store) {
        if (store.equals("in-memory")) {
            return new InMemoryCheckpointer();
        }
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:timeout-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return new JdbcCheckpointer(ds).createSchema();
    }
}
