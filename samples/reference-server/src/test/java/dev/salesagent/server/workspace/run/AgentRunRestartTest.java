package dev.salesagent.server.workspace.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.salesagent.agents.graph.Checkpointer;
import dev.salesagent.agents.sales.SalesAgents;
import dev.salesagent.agents.sales.research.EnrichmentProvider;
import dev.salesagent.crm.AccountOperations;
import dev.salesagent.crm.ContactOperations;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.CrmUnavailableException;
import dev.salesagent.crm.NoteOperations;
import dev.salesagent.crm.memory.InMemoryCrmClient;
import dev.salesagent.server.platform.PlatformTestSupport;
import dev.salesagent.server.platform.crm.TenantCrmClients;
import dev.salesagent.server.workspace.lead.LeadStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * An instance stops while a run is in its CRM sync; another instance starts and resumes the run from its last
 * checkpoint: no lead analysis runs again and every CRM record is written exactly once.
 */
class AgentRunRestartTest extends PlatformTestSupport {

    @Autowired AgentRunStore store;
    @Autowired LeadStore leads;
    @Autowired SalesAgents agents;
    @Autowired Checkpointer checkpointer;
    @Autowired RunEventHub hub;
    @Autowired JsonMapper json;
    @Autowired Clock clock;

    /** The tenant's real CRM (shared by both instances) and what was written to it. */
    final InMemoryCrmClient crm = InMemoryCrmClient.create();
    final AtomicInteger contactsWritten = new AtomicInteger();
    final AtomicInteger notesWritten = new AtomicInteger();

    @Test
    @DisplayName("restart during a run: the next instance resumes it; no succeeded node reruns, no duplicate CRM write")
    void restartResumesFromCheckpoint() throws Exception {
        Session owner = register("Runs Restart");
        UUID runId = queuedRun(owner, "lead_pipeline", leads(owner));

        // instance A: its CRM sync hangs until the instance stops (the connection dies with the process)
        CountDownLatch inSync = new CountDownLatch(1);
        AgentRunWorker a = worker("a", Duration.ofSeconds(30), inSync);
        a.submit(runId);
        assertThat(inSync.await(120, TimeUnit.SECONDS)).as("instance A reached the CRM sync").isTrue();
        a.close();

        AgentRun left = store.find(runId).orElseThrow();
        assertThat(left.status()).as("a stopped instance leaves its run running").isEqualTo("running");
        assertThat(contactsWritten.get()).isZero();
        long analyzedBefore = steps(owner, runId, "lead_pipeline", "analyze");
        assertThat(analyzedBefore).isEqualTo(3);

        // instance B starts, finds the run stale and resumes it
        AgentRunWorker b = worker("b", Duration.ZERO, null);
        try {
            b.submit(runId);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120); // safety net, not a speed check
            while (!store.find(runId).orElseThrow().finished()) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(50);
            }
        } finally {
            b.close();
        }
        AgentRun done = store.find(runId).orElseThrow();
        assertThat(done.status()).as(String.valueOf(done.error())).isEqualTo("completed");
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(steps(owner, runId, "lead_pipeline", "analyze")).as("no lead analysed again").isEqualTo(3);
        assertThat(steps(owner, runId, "lead", "validate")).isEqualTo(3);
        assertThat(steps(owner, runId, "lead", "score")).isEqualTo(3);
        assertThat(steps(owner, runId, "lead_pipeline", "crm_sync")).isEqualTo(1);
        assertThat(contactsWritten.get()).as("each contact written once").isEqualTo(3);
        assertThat(notesWritten.get()).as("each note written once").isEqualTo(3);
        assertThat(crm.contacts().findByEmail("priya.natarajan@adobe.com")).isPresent();
        List<String> events = store.events(owner.tenantId(), runId, 0, 10_000).stream().map(AgentRun.Event::type)
                .toList();
        assertThat(events.get(0)).isEqualTo("run.started");
        assertThat(events).containsSubsequence("run.started", "step.completed", "run.started", "run.completed");
        assertThat(events.get(events.size() - 1)).isEqualTo("run.completed");
    }

    @Test
    @DisplayName("an instance that lost its run (taken over as stale) writes no steps or events into the new owner's sequence")
    void appendsAreFencedByTheClaim() throws Exception {
        Session owner = register("Runs Fence");
        UUID runId = queuedRun(owner, "research", List.of());
        assertThat(store.claim(runId, "old", clock.instant(), clock.instant().minusSeconds(60))).isTrue();
        assertThat(store.append(runId, owner.tenantId(), "old", List.of(),
                List.of(new AgentRun.Event(1, "run.started", "{}")), clock.instant())).isEqualTo(1);

        // the old instance's heartbeat is older than staleAfter: another instance takes the run over
        assertThat(store.claim(runId, "new", clock.instant(), clock.instant().plusSeconds(1))).isTrue();
        assertThat(store.append(runId, owner.tenantId(), "old", List.of(new AgentRun.Step(1, "g", "lead", 0, "score",
                clock.instant(), 1, "completed")), List.of(new AgentRun.Event(2, "step.completed", "{}")),
                clock.instant())).as("the old owner is fenced off").isZero();
        assertThat(store.lastSeqs(runId)).containsExactly(0, 1);
        assertThat(store.append(runId, owner.tenantId(), "new", List.of(),
                List.of(new AgentRun.Event(2, "run.started", "{}")), clock.instant())).isEqualTo(1);
        assertThat(store.events(owner.tenantId(), runId, 0, 10).stream().map(AgentRun.Event::type))
                .containsExactly("run.started", "run.started");
    }

    @Test
    @DisplayName("cancel answered by another instance: the instance executing the run interrupts it, the run ends cancelled")
    void cancelReachesTheExecutingInstance() throws Exception {
        Session owner = register("Runs Cancel Across");
        UUID runId = queuedRun(owner, "lead_pipeline", leads(owner));

        // instance A executes the run; its CRM sync hangs until the run's thread is interrupted
        CountDownLatch inSync = new CountDownLatch(1);
        AgentRunWorker a = worker("a", Duration.ofSeconds(30), inSync);
        try {
            a.submit(runId);
            assertThat(inSync.await(120, TimeUnit.SECONDS)).as("instance A reached the CRM sync").isTrue();
            assertThat(a.executingCount()).isEqualTo(1);
            a.cancelRequested();
            assertThat(store.find(runId).orElseThrow().status()).as("nothing to cancel yet").isEqualTo("running");

            // the server's own instance (B) answers the cancel: it does not execute the run, it records the request
            mvc.perform(owner.auth(post("/api/v1/agent-runs/" + runId + "/cancel"))).andExpect(status().isAccepted());
            assertThat(store.find(runId).orElseThrow().cancelRequested()).isTrue();

            // A's poll (every second once started) finds the request and interrupts its run
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); // safety net, not a speed check
            while (!store.find(runId).orElseThrow().finished()) {
                a.cancelRequested();
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(50);
            }
        } finally {
            a.close();
        }
        AgentRun done = store.find(runId).orElseThrow();
        assertThat(done.status()).as(String.valueOf(done.error())).isEqualTo("cancelled");
        assertThat(contactsWritten.get()).as("nothing written to the CRM after the cancel").isZero();
        List<String> events = store.events(owner.tenantId(), runId, 0, 10_000).stream().map(AgentRun.Event::type)
                .toList();
        assertThat(events.get(events.size() - 1)).isEqualTo("run.cancelled");
    }

    /** Creates the three sample leads through the API; returns their ids. */
    private List<UUID> leads(Session owner) throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (String body : AgentRunTest.LEADS) {
            var r = mvc.perform(owner.auth(post("/api/v1/leads")).contentType(MediaType.APPLICATION_JSON)
                    .content(body)).andExpect(status().isCreated()).andReturn();
            ids.add(UUID.fromString(read(r, "$.id")));
        }
        return ids;
    }

    /** A queued run of the owner's tenant, as {@code POST /api/v1/agent-runs} stores it. */
    private UUID queuedRun(Session owner, String type, List<UUID> leadIds) {
        UUID runId = UUID.randomUUID();
        store.insert(new AgentRun(runId, owner.tenantId(), owner.userId(), type, "queued", leadIds, false,
                "agent-run-" + runId, null, null, 0, 0, BigDecimal.ZERO, null, null, false, 0, clock.instant(), null,
                null));
        return runId;
    }

    private long steps(Session owner, UUID runId, String graph, String node) {
        return store.steps(owner.tenantId(), runId, 10_000).stream()
                .filter(s -> s.graph().equals(graph) && s.node().equals(node) && s.outcome().equals("completed"))
                .count();
    }

    private AgentRunWorker worker(String name, Duration staleAfter, CountDownLatch hangInSync) {
        CrmClient client = crm(hangInSync);
        TenantCrmClients crms = new TenantCrmClients() {
            @Override
            public CrmClient forTenant(UUID tenantId) {
                return client;
            }

            @Override
            public void evict(UUID tenantId) {
            }
        };
        return new AgentRunWorker(new AgentRunWorker.Settings("test-" + name + "-" + UUID.randomUUID(), store, leads,
                crms, t -> agents, EnrichmentProvider.none(), checkpointer, hub, json, clock, 1, 10, 2, staleAfter,
                RunOutreach.none()));
    }

    /** The shared CRM, counting contact and note writes; with a latch, the account upsert hangs until interrupted. */
    private CrmClient crm(CountDownLatch hangInSync) {
        return proxy(CrmClient.class, crm, (name, args) -> switch (name) {
            case "accounts" -> proxy(AccountOperations.class, crm.accounts(), (n, a) -> {
                if (n.equals("upsertAll") && hangInSync != null) {
                    hangInSync.countDown();
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        throw new CrmUnavailableException("connection closed: the instance is stopping", null, e);
                    }
                }
                return null;
            });
            case "contacts" -> proxy(ContactOperations.class, crm.contacts(), (n, a) -> {
                if (n.equals("upsertAll")) {
                    contactsWritten.addAndGet(((List<?>) a[0]).size());
                }
                return null;
            });
            case "notes" -> proxy(NoteOperations.class, crm.notes(), (n, a) -> {
                if (n.equals("create")) {
                    notesWritten.incrementAndGet();
                }
                return null;
            });
            default -> null;
        });
    }

    /** Before-hook: returns a replacement result, or null to call the target. */
    interface Hook {
        Object before(String method, Object[] args);
    }

    @SuppressWarnings("unchecked")
    static <T> T proxy(Class<T> type, T target, Hook hook) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, args) -> {
            Object replaced = hook.before(m.getName(), args);
            if (replaced != null) {
                return replaced;
            }
            try {
                return m.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }
}
