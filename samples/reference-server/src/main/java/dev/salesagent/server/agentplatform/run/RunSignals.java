package dev.salesagent.server.agentplatform.run;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * In-process wake-ups: a stream reader waits on its run's monitor and the worker that appends an event wakes it, so
 * readers on the run's own instance see events at once; readers on other instances find them at their next poll of
 * {@code lg_run_event}. Likewise the queue's poller wakes when a run is created here.
 */
@Component
public class RunSignals {

    private final ConcurrentMap<UUID, Object> monitors = new ConcurrentHashMap<>();
    private final Object queue = new Object();

    /** Wakes the readers of a run. */
    public void eventAppended(UUID runId) {
        Object m = monitors.get(runId);
        if (m != null) {
            synchronized (m) {
                m.notifyAll();
            }
        }
    }

    /** Waits up to {@code max} for an event of a run (or returns early on any wake-up). */
    public void awaitEvent(UUID runId, Duration max) throws InterruptedException {
        Object m = monitors.computeIfAbsent(runId, k -> new Object());
        synchronized (m) {
            m.wait(Math.max(1, max.toMillis()));
        }
    }

    /** Forgets a finished run's monitor. */
    public void forget(UUID runId) {
        monitors.remove(runId);
    }

    /** Wakes the queue's poller (a run was created or a worker became free). */
    public void runQueued() {
        synchronized (queue) {
            queue.notifyAll();
        }
    }

    /** Waits up to {@code max} for {@link #runQueued()}. */
    public void awaitQueued(Duration max) throws InterruptedException {
        synchronized (queue) {
            queue.wait(Math.max(1, max.toMillis()));
        }
    }
}
