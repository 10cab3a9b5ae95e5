package dev.salesagent.server.workspace.run;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The SSE stream of a run ({@code GET /api/v1/agent-runs/{id}/events}): replays the run's event log from the
 * database after {@code Last-Event-ID} (so late subscribers see everything, in order), then follows it live, woken by
 * {@link RunEventHub} on this instance and by a one-second poll for runs executing elsewhere. Each SSE event carries
 * {@code id} (the event's sequence number), {@code event} (its type) and JSON {@code data}; the stream ends after
 * {@code run.completed}, {@code run.failed} or {@code run.cancelled}.
 */
@Component
public class RunEventStream {

    /** Event types that end a run's stream. */
    static final Set<String> TERMINAL = Set.of("run.completed", "run.failed", "run.cancelled");

    private final AgentRunStore store;
    private final RunEventHub hub;
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final ExecutorService pumps = Executors.newFixedThreadPool(2, daemon("agent-run-sse"));
    private final ScheduledExecutorService poll = Executors.newSingleThreadScheduledExecutor(daemon("agent-run-sse-poll"));

    RunEventStream(AgentRunStore store, RunEventHub hub) {
        this.store = store;
        this.hub = hub;
        poll.scheduleWithFixedDelay(() -> subscriptions.forEach(s -> pumps.execute(s::pump)), 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Opens a stream of an (already authorised) run.
     *
     * @param run the run
     * @param lastEventId the last event the client has, 0 for all
     * @return the emitter, already replaying
     */
    public SseEmitter open(AgentRun run, long lastEventId) {
        SseEmitter emitter = new SseEmitter(TimeUnit.MINUTES.toMillis(30));
        Subscription sub = new Subscription(run.tenantId(), run.id(), emitter, lastEventId);
        Runnable wake = () -> pumps.execute(sub::pump);
        Runnable end = () -> {
            subscriptions.remove(sub);
            hub.unsubscribe(run.id(), wake);
        };
        emitter.onCompletion(end);
        emitter.onTimeout(end);
        emitter.onError(e -> end.run());
        subscriptions.add(sub);
        hub.subscribe(run.id(), wake);
        pumps.execute(sub::pump);
        return emitter;
    }

    @PreDestroy
    void close() {
        poll.shutdownNow();
        pumps.shutdownNow();
        subscriptions.forEach(s -> s.emitter.complete());
    }

    private final class Subscription {
        private final UUID tenantId;
        private final UUID runId;
        private final SseEmitter emitter;
        private long last;
        private boolean done;

        Subscription(UUID tenantId, UUID runId, SseEmitter emitter, long last) {
            this.tenantId = tenantId;
            this.runId = runId;
            this.emitter = emitter;
            this.last = last;
        }

        synchronized void pump() {
            if (done) {
                return;
            }
            try {
                while (true) {
                    List<AgentRun.Event> events = store.events(tenantId, runId, last, 500);
                    for (AgentRun.Event e : events) {
                        emitter.send(SseEmitter.event().id(Long.toString(e.seq())).name(e.type())
                                .data(e.data(), MediaType.APPLICATION_JSON));
                        last = e.seq();
                        if (TERMINAL.contains(e.type())) {
                            done = true;
                            emitter.complete();
                            return;
                        }
                    }
                    if (events.size() < 500) {
                        return;
                    }
                }
            } catch (IOException | IllegalStateException e) {
                done = true; // the client went away
                emitter.completeWithError(e);
            } catch (RuntimeException e) {
                done = true;
                emitter.completeWithError(e);
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
