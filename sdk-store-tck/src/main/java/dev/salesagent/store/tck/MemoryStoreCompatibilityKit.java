package dev.salesagent.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesagent.agents.memory.MemoryFact;
import dev.salesagent.agents.memory.MemoryStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit every {@link MemoryStore} (long-term agent memory) must pass: facts are kept per
 * tenant and subject, recalled newest first up to a limit, never visible to another tenant, and forgotten
 * on request (GDPR erasure). A store's test extends it:
 *
 * <pre>{@code
 * class DynamoMemoryStoreCompatibilityTest extends MemoryStoreCompatibilityKit {
 *     protected MemoryStore createStore() { return new DynamoMemoryStore(dynamo, "memory-facts"); }
 * }
 * }</pre>
 *
 * <p>Each test writes under tenants with a random suffix ({@link #tenant(String)}), so the storage may be
 * shared between tests and runs; it need not be empty. Timestamps are whole seconds.
 */
public abstract class MemoryStoreCompatibilityKit {

    /** 2026-01-01T10:00:00Z, the first timestamp the tests use. */
    protected static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    /** The store under test: the result of {@link #createStore()} for the current test. */
    protected MemoryStore store;

    private String run = UUID.randomUUID().toString();

    /**
     * A store for one test, called once before each test; it creates its schema if needed.
     *
     * @return the store under test; not {@code null}
     */
    protected abstract MemoryStore createStore();

    @BeforeEach
    void createStoreUnderTest() {
        run = UUID.randomUUID().toString();
        store = createStore();
        assertThat(store).as("createStore()").isNotNull();
    }

    /**
     * {@code name} made unique to this test, e.g. {@code acme-tenant-3f2c...}.
     *
     * @param name a readable tenant name, e.g. {@code acme}
     * @return {@code name}, a hyphen and this test's random run id, so tests sharing storage do not see each other's
     *     data
     */
    protected String tenant(String name) {
        return name + "-" + run;
    }

    /** Recording, recalling and forgetting facts. */
    @Nested
    @DisplayName("Facts")
    class Facts {

        @Test
        @DisplayName("facts are kept per tenant and subject, newest first, and can be forgotten")
        void storeContract() {
            String acme = tenant("acme-tenant");
            String other = tenant("other-tenant");
            store.remember(new MemoryFact(acme, "jane@acme.com", "prefers email", "run-1", T0));
            store.remember(new MemoryFact(acme, "jane@acme.com", "budget approved in Q3", "crm", T0.plusSeconds(60)));
            store.remember(new MemoryFact(acme, "bob@acme.com", "on leave", null, T0));
            store.remember(new MemoryFact(other, "jane@acme.com", "secret of another tenant", null, T0.plusSeconds(120)));
            assertThat(store.recall(acme, "jane@acme.com", 10)).extracting(MemoryFact::fact)
                    .containsExactly("budget approved in Q3", "prefers email");
            assertThat(store.recall(acme, "jane@acme.com", 1)).extracting(MemoryFact::fact).containsExactly("budget approved in Q3");
            assertThat(store.recall(acme, "jane@acme.com", 10).get(1).recordedAt()).isEqualTo(T0);
            assertThat(store.recall(tenant("nobody"), "jane@acme.com", 10)).isEmpty();
            assertThat(store.forget(acme, "jane@acme.com")).isEqualTo(2);
            assertThat(store.recall(acme, "jane@acme.com", 10)).isEmpty();
            assertThat(store.recall(other, "jane@acme.com", 10)).hasSize(1);
        }

        @Test
        @DisplayName("a recalled fact keeps its tenant, subject, text, source and time")
        void roundTripsEveryField() {
            String acme = tenant("acme");
            MemoryFact withSource = new MemoryFact(acme, "acme.com", "renewal due in March", "crm", T0);
            MemoryFact withoutSource = new MemoryFact(acme, "acme.com", "uses Salesforce", null, T0.plusSeconds(1));
            store.remember(withSource);
            store.remember(withoutSource);

            assertThat(store.recall(acme, "acme.com", 10)).containsExactly(withoutSource, withSource);
        }

        @Test
        @DisplayName("facts are recalled newest first whatever the order they were remembered in")
        void newestFirstRegardlessOfInsertionOrder() {
            String acme = tenant("acme");
            store.remember(new MemoryFact(acme, "jane@acme.com", "second", null, T0.plusSeconds(60)));
            store.remember(new MemoryFact(acme, "jane@acme.com", "third", null, T0.plusSeconds(120)));
            store.remember(new MemoryFact(acme, "jane@acme.com", "first", null, T0));

            assertThat(store.recall(acme, "jane@acme.com", 10)).extracting(MemoryFact::fact)
                    .containsExactly("third", "second", "first");
            assertThat(store.recall(acme, "jane@acme.com", 2)).extracting(MemoryFact::fact).containsExactly("third", "second");
        }

        @Test
        @DisplayName("forget removes only the subject's facts and returns 0 for an unknown subject")
        void forgetIsScopedToTheSubject() {
            String acme = tenant("acme");
            store.remember(new MemoryFact(acme, "jane@acme.com", "prefers email", null, T0));
            store.remember(new MemoryFact(acme, "bob@acme.com", "on leave", null, T0));

            assertThat(store.forget(acme, "nobody@acme.com")).isZero();
            assertThat(store.forget(acme, "jane@acme.com")).isEqualTo(1);
            assertThat(store.recall(acme, "bob@acme.com", 10)).extracting(MemoryFact::fact).containsExactly("on leave");
        }
    }

    /** A tenant never sees another tenant's facts. */
    @Nested
    @DisplayName("Tenant isolation")
    class Tenants {

        @Test
        @DisplayName("forgetting a subject in one tenant keeps the same subject's facts in another tenant")
        void forgetDoesNotCrossTenants() {
            String acme = tenant("acme");
            String globex = tenant("globex");
            store.remember(new MemoryFact(acme, "jane@example.com", "acme fact", null, T0));
            store.remember(new MemoryFact(globex, "jane@example.com", "globex fact", null, T0));

            assertThat(store.forget(acme, "jane@example.com")).isEqualTo(1);

            assertThat(store.recall(globex, "jane@example.com", 10)).extracting(MemoryFact::fact).containsExactly("globex fact");
            assertThat(store.forget(globex, "jane@example.com")).isEqualTo(1);
        }
    }

    /** Implementations are thread-safe. */
    @Nested
    @DisplayName("Concurrency")
    class Concurrency {

        @Test
        @DisplayName("100 facts remembered by 4 racing threads about one subject are all recalled")
        void concurrentRemembersLoseNothing() throws Exception {
            String acme = tenant("acme");
            ExecutorService pool = Executors.newFixedThreadPool(4);
            CountDownLatch go = new CountDownLatch(1);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int w = 0; w < 4; w++) {
                    int worker = w;
                    futures.add(pool.submit(() -> {
                        go.await();
                        for (int i = 0; i < 25; i++) {
                            int n = worker * 25 + i;
                            store.remember(new MemoryFact(acme, "acme.com", "fact " + n, null, T0.plusSeconds(n)));
                        }
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : futures) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            List<MemoryFact> all = store.recall(acme, "acme.com", 1000);
            assertThat(all).hasSize(100);
            assertThat(all.get(0).fact()).isEqualTo("fact 99");
            assertThat(all.get(99).fact()).isEqualTo("fact 0");
            assertThat(store.forget(acme, "acme.com")).isEqualTo(100);
        }
    }
}
