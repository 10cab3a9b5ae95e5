package dev.salesagent.agents.graph;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Virtual time for tests: a {@link GraphTimer} whose time moves only when {@link #advance} is called, so a node's
 * timeout and its retry backoff are tested without waiting for them. {@link #sleep} blocks the calling thread until
 * the time has been advanced past its end; {@link #advance} runs every action that falls due, in deadline order (ties
 * in scheduling order), on the advancing thread, setting the time to each deadline as it goes.
 * {@link #awaitScheduled} lets the test thread wait (in real time, bounded) until the graph has scheduled what it
 * expects, e.g. a node's timeout plus the backoff of its retry. {@link #clock()} reads the same time, so checkpoint
 * and event timestamps can follow it. Thread-safe.
 *
 * <pre>{@code
 * ManualGraphTimer time = new ManualGraphTimer();
 * CompiledGraph g = graph.compile(CompileConfig.builder().timer(time).clock(time.clock()).build());
 * CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> g.invoke(Update.empty()));
 * time.awaitScheduled(1, Duration.ofSeconds(5)); // the node's timeout is armed
 * time.advance(Duration.ofMinutes(5));           // its timeout passes at once
 * }</pre>
 */
public final class ManualGraphTimer implements GraphTimer {

    private final Instant origin;
    private final Object lock = new Object();
    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private long nanos;
    private long sequence;

    /** A timer at elapsed zero, whose {@link #clock()} starts at {@code 2026-01-01T00:00:00Z}. */
    public ManualGraphTimer() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    /**
     * A timer at elapsed zero whose {@link #clock()} starts at {@code origin}.
     *
     * @param origin the instant of elapsed zero, not null
     */
    public ManualGraphTimer(Instant origin) {
        this.origin = Objects.requireNonNull(origin, "origin");
    }

    /** {@return the virtual time elapsed since this timer was created} */
    public Duration elapsed() {
        synchronized (lock) {
            return Duration.ofNanos(nanos);
        }
    }

    /** {@return a UTC clock reading {@code origin + elapsed()} (for {@link CompileConfig.Builder#clock})} */
    public Clock clock() {
        return new VirtualClock(ZoneOffset.UTC);
    }

    /** {@return how many actions and sleeps are scheduled and not yet due or cancelled} */
    public int scheduled() {
        synchronized (lock) {
            return queue.size();
        }
    }

    /**
     * Blocks, in real time, until at least {@code count} actions or sleeps are scheduled, or {@code within} passes.
     *
     * @param count how many scheduled entries to wait for
     * @param within the real-time bound of the wait
     * @return true if {@code count} entries were scheduled, false if {@code within} passed first
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public boolean awaitScheduled(int count, Duration within) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        synchronized (lock) {
            while (queue.size() < count) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    /**
     * Moves the time forward by {@code by}, running each action that falls due on the way (and waking each sleep) at
     * its deadline, in deadline order.
     *
     * @param by how far to move, zero or positive
     * @throws IllegalArgumentException if {@code by} is negative
     */
    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("time only moves forward but advance was " + by);
        }
        long target;
        synchronized (lock) {
            target = saturatedAdd(nanos, SystemGraphTimer.saturatedNanos(by));
        }
        while (true) {
            Entry due;
            synchronized (lock) {
                due = queue.peek();
                if (due == null || due.deadline > target) {
                    nanos = Math.max(nanos, target);
                    return;
                }
                queue.poll();
                nanos = Math.max(nanos, due.deadline);
                due.state = Entry.RUN;
                lock.notifyAll();
            }
            due.action.run(); // outside the lock: an action may cancel, schedule or interrupt
        }
    }

    /**
     * Blocks until the time has been {@link #advance advanced} by {@code duration} from now.
     *
     * @param duration how long to wait in virtual time; zero or negative returns at once
     * @throws InterruptedException if the waiting thread is interrupted (the sleep is then cancelled)
     */
    @Override
    public void sleep(Duration duration) throws InterruptedException {
        if (duration.isNegative() || duration.isZero()) {
            return;
        }
        CountDownLatch woken = new CountDownLatch(1);
        Scheduled s = schedule(duration, woken::countDown);
        try {
            woken.await();
        } catch (InterruptedException e) {
            s.cancel();
            throw e;
        }
    }

    /**
     * Runs {@code action} when the time has been advanced by {@code delay} from now (on the advancing thread).
     *
     * @param delay how long from now in virtual time; zero or negative for the next {@link #advance}
     * @param action what to run, not null
     * @return the handle that cancels the action
     */
    @Override
    public Scheduled schedule(Duration delay, Runnable action) {
        Objects.requireNonNull(action, "action");
        synchronized (lock) {
            Entry e = new Entry(saturatedAdd(nanos, Math.max(0, SystemGraphTimer.saturatedNanos(delay))), sequence++, action);
            queue.add(e);
            lock.notifyAll();
            return () -> {
                synchronized (lock) {
                    if (e.state != Entry.PENDING) {
                        return false;
                    }
                    e.state = Entry.CANCELLED;
                    queue.remove(e);
                    lock.notifyAll();
                    return true;
                }
            };
        }
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    @Override
    public String toString() {
        return "ManualGraphTimer[elapsed=" + elapsed() + ", scheduled=" + scheduled() + "]";
    }

    private static final class Entry implements Comparable<Entry> {
        static final int PENDING = 0;
        static final int RUN = 1;
        static final int CANCELLED = 2;
        final long deadline;
        final long seq;
        final Runnable action;
        int state; // guarded by the timer's lock

        Entry(long deadline, long seq, Runnable action) {
            this.deadline = deadline;
            this.seq = seq;
            this.action = action;
        }

        @Override
        public int compareTo(Entry o) {
            int c = Long.compare(deadline, o.deadline);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    /** Reads the timer's virtual time. */
    private final class VirtualClock extends Clock {
        private final ZoneId zone;

        VirtualClock(ZoneId zone) {
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId z) {
            return new VirtualClock(z);
        }

        @Override
        public Instant instant() {
            return origin.plusNanos(elapsed().toNanos());
        }
    }
}
