package dev.salesagent.server.workspace.run;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Wakes the SSE subscribers of a run on this instance when new events of the run were written. Subscribers also poll
 * on a timer, so events written by another instance arrive too (a little later).
 */
@Component
public class RunEventHub {

    private final Map<UUID, Set<Runnable>> subscribers = new ConcurrentHashMap<>();

    /** Calls {@code wake} whenever the run has new events, until {@link #unsubscribe}. */
    void subscribe(UUID runId, Runnable wake) {
        subscribers.computeIfAbsent(runId, k -> ConcurrentHashMap.newKeySet()).add(wake);
    }

    /** Stops calling {@code wake}. */
    void unsubscribe(UUID runId, Runnable wake) {
        subscribers.computeIfPresent(runId, (k, set) -> {
            set.remove(wake);
            return set.isEmpty() ? null : set;
        });
    }

    /** Wakes the run's subscribers. */
    void wake(UUID runId) {
        Set<Runnable> set = subscribers.get(runId);
        if (set != null) {
            set.forEach(Runnable::run);
        }
    }
}
