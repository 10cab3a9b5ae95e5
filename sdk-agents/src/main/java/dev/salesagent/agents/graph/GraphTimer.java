package dev.salesagent.agents.graph;

import dev.salesagent.common.retry.Sleeper;

import java.time.Duration;

/**
 * The time source of a graph's node timeouts and retry backoff: it waits between the attempts of a node
 * ({@link #sleep}, as a {@link Sleeper}) and fires a node's {@link NodePolicy#timeout() timeout}
 * ({@link #schedule}). {@link #system()} is real time; {@link ManualGraphTimer} is virtual time a test advances, so
 * retries and timeouts are tested without waiting. Set it with {@link CompileConfig.Builder#timer(GraphTimer)}.
 * Only nodes with a timeout schedule anything: untimed nodes never touch the timer.
 * Implementations are thread-safe.
 */
public interface GraphTimer extends Sleeper {

    /**
     * Runs {@code action} once, when {@code delay} has passed on this timer's time, unless it is cancelled first.
     * The action runs on a thread of the timer (for {@link ManualGraphTimer}: the thread that advances the time); it
     * must be short and must not block.
     *
     * @param delay how long from now, zero or negative for as soon as possible
     * @param action what to run, not null
     * @return the handle that cancels the action
     */
    Scheduled schedule(Duration delay, Runnable action);

    /** A scheduled action of a {@link GraphTimer}. */
    interface Scheduled {
        /**
         * Cancels the action if it has not started; does nothing otherwise (idempotent).
         *
         * @return true if this call stopped the action from running, false if it had run or was cancelled before
         */
        boolean cancel();
    }

    /**
     * {@return real time: {@link Thread#sleep} for backoff and one shared daemon scheduler thread
     * ({@code salesagent-graph-timer}, started by the first timed node) for timeouts}
     */
    static GraphTimer system() {
        return SystemGraphTimer.INSTANCE;
    }
}
