package dev.salesagent.server.agentplatform.run;

import dev.salesagent.server.agentplatform.AgentPlatformProperties;
import dev.salesagent.server.agentplatform.graph.AssistantRegistry;
import dev.salesagent.server.agentplatform.store.RunStore;
import dev.salesagent.server.agentplatform.store.ThreadStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * This instance's workers on the shared run queue ({@code lg_run} in PostgreSQL): a poller claims runs with
 * {@code FOR UPDATE SKIP LOCKED} while fewer than {@code workers} run here (and the tenant has fewer than
 * {@code per-tenant} running anywhere), a heartbeat renews the leases of the runs held here every third of the lease,
 * and a run whose lease renewal fails (cancelled, or its lease expired and another instance took it) stops streaming.
 * Temporary threads of stateless runs are swept five minutes after they went idle.
 */
@Component
public class RunQueue implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(RunQueue.class);
    private static final Duration TEMPORARY_TTL = Duration.ofMinutes(5);

    private final RunStore runs;
    private final ThreadStore threads;
    private final RunExecutor executor;
    private final RunSignals signals;
    private final AssistantRegistry registry;
    private final AgentPlatformProperties properties;
    private final Clock clock;
    private final java.util.Map<UUID, Integer> held = new ConcurrentHashMap<>();
    private final Set<UUID> lost = ConcurrentHashMap.newKeySet();
    private final Semaphore capacity;
    private volatile boolean running;
    private ExecutorService workers;
    private Thread poller;
    private Thread heartbeat;

    RunQueue(RunStore runs, ThreadStore threads, RunExecutor executor, RunSignals signals, AssistantRegistry registry,
             AgentPlatformProperties properties, Clock clock) {
        this.runs = runs;
        this.threads = threads;
        this.executor = executor;
        this.signals = signals;
        this.registry = registry;
        this.properties = properties;
        this.clock = clock;
        this.capacity = new Semaphore(properties.workers());
    }

    /** {@return this instance's lease-owner name} */
    public String owner() {
        return properties.instanceId();
    }

    @Override
    public void start() {
        running = true;
        workers = Executors.newFixedThreadPool(properties.workers(), r -> {
            Thread t = new Thread(r, "agent-run-worker");
            t.setDaemon(true);
            return t;
        });
        poller = new Thread(this::poll, "agent-run-poller");
        poller.setDaemon(true);
        poller.start();
        heartbeat = new Thread(this::heartbeat, "agent-run-heartbeat");
        heartbeat.setDaemon(true);
        heartbeat.start();
    }

    @Override
    public void stop() {
        running = false;
        signals.runQueued();
        if (poller != null) {
            poller.interrupt();
            heartbeat.interrupt();
            workers.shutdownNow();
            try {
                workers.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void poll() {
        long lastSweep = 0;
        while (running) {
            try {
                boolean claimed = false;
                if (capacity.tryAcquire()) {
                    Optional<RunStore.RunRow> run = Optional.empty();
                    try {
                        run = runs.claim(owner(), properties.lease(), properties.perTenant());
                    } finally {
                        if (run.isEmpty()) {
                            capacity.release();
                        }
                    }
                    if (run.isPresent()) {
                        claimed = true;
                        RunStore.RunRow r = run.get();
                        held.put(r.runId(), r.attempt());
                        workers.execute(() -> work(r));
                    }
                }
                if (System.currentTimeMillis() - lastSweep > 60_000) {
                    lastSweep = System.currentTimeMillis();
                    sweepTemporary();
                }
                if (!claimed) {
                    signals.awaitQueued(properties.poll());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("Run queue poll failed; retrying", e);
                sleep(properties.poll().multipliedBy(5));
            }
        }
    }

    private void work(RunStore.RunRow run) {
        try {
            executor.execute(run, owner(), () -> running && !lost.contains(run.runId()));
        } catch (RuntimeException e) {
            LOG.warn("Run {} worker failed", run.runId(), e);
        } finally {
            try {
                runs.release(run.runId(), owner(), run.attempt()); // a cancelled run's thread is free once we stopped
            } catch (RuntimeException e) {
                LOG.warn("Run {} lease not released; it expires after {}", run.runId(), properties.lease(), e);
            }
            held.remove(run.runId(), run.attempt());
            lost.remove(run.runId());
            capacity.release();
            signals.runQueued();
        }
    }

    private void heartbeat() {
        Duration every = properties.lease().dividedBy(3);
        while (running) {
            sleep(every);
            for (java.util.Map.Entry<UUID, Integer> h : held.entrySet()) {
                UUID runId = h.getKey();
                try {
                    if (!runs.renew(runId, owner(), h.getValue(), properties.lease())) {
                        lost.add(runId);
                    }
                } catch (RuntimeException e) {
                    LOG.warn("Lease renewal of run {} failed", runId, e);
                }
            }
        }
    }

    private void sweepTemporary() {
        for (UUID threadId : threads.staleTemporary(clock.instant().minus(TEMPORARY_TTL))) {
            registry.checkpointer().deleteThread(threadId.toString());
            threads.deleteAnyTenant(threadId);
        }
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = running && !Thread.currentThread().isInterrupted();
        }
    }
}
