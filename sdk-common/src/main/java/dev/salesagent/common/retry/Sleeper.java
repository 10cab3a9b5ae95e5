package dev.salesagent.common.retry;

import java.time.Duration;

/**
 * Waits between retry attempts. The one waiting hook of the SDK: the model router, the CRM HTTP support and the graph
 * runtime all take a {@code Sleeper}, so tests inject one that records the waits instead of sleeping.
 */
@FunctionalInterface
public interface Sleeper {

    /**
     * Blocks for {@code duration}.
     *
     * @param duration how long to wait; zero or negative returns at once
     * @throws InterruptedException if the waiting thread is interrupted
     */
    void sleep(Duration duration) throws InterruptedException;

    /**
     * {@link Thread#sleep(long, int)}, to the nanosecond part of the duration.
     *
     * @return a sleeper that blocks the calling thread
     */
    static Sleeper threadSleep() {
        return d -> {
            if (!d.isNegative() && !d.isZero()) {
                Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
            }
        };
    }
}
