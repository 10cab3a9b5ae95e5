package dev.salesagent.crm.http;

import java.time.Duration;

/**
 * Waits between retry attempts. The default sleeps the thread; tests inject one that records the
 * waits instead (deterministic, no real sleeping).
 */
@FunctionalInterface
public interface Sleeper {

    /** Blocks for {@code duration}. */
    void sleep(Duration duration) throws InterruptedException;

    /** {@link Thread#sleep(long)}. */
    static Sleeper threadSleep() {
        return d -> Thread.sleep(d.toMillis());
    }
}
