package dev.salesagent.agents.graph;

import dev.salesagent.common.retry.Sleeper;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Real time; the scheduler thread is created on first use and lives as long as the JVM (daemon). */
final class SystemGraphTimer implements GraphTimer {
    static final SystemGraphTimer INSTANCE = new SystemGraphTimer();
    private static final Sleeper SLEEP = Sleeper.threadSleep();

    private SystemGraphTimer() {
    }

    /** Holder idiom: the thread exists only once a timed node ran. */
    private static final class Pool {
        static final ScheduledThreadPoolExecutor EXECUTOR = create();

        private static ScheduledThreadPoolExecutor create() {
            ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "salesagent-graph-timer");
                t.setDaemon(true);
                return t;
            });
            e.setRemoveOnCancelPolicy(true); // a node that finishes in time leaves nothing in the queue
            return e;
        }
    }

    /**
     * {@link Thread#sleep} for {@code duration}.
     *
     * @param duration how long to wait; zero or negative returns at once
     * @throws InterruptedException if the waiting thread is interrupted
     */
    @Override
    public void sleep(Duration duration) throws InterruptedException {
        SLEEP.sleep(duration);
    }

    /**
     * Runs {@code action} on the shared timer thread after {@code delay} of real time.
     *
     * @param delay how long from now
     * @param action what to run, not null
     * @return the handle that cancels the action
     */
    @Override
    public Scheduled schedule(Duration delay, Runnable action) {
        Objects.requireNonNull(action, "action");
        long nanos = Math.max(0, saturatedNanos(delay));
        ScheduledFuture<?> f = Pool.EXECUTOR.schedule(action, nanos, TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException overflow) {
            return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    @Override
    public String toString() {
        return "GraphTimer.system()";
    }
}
