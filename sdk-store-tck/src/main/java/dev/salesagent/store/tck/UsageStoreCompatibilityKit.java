package dev.salesagent.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesagent.core.cost.UsageRecord;
import dev.salesagent.core.cost.UsageStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit every {@link UsageStore} must pass: every field of a {@link UsageRecord} survives a
 * round trip, sums are exact ({@code BigDecimal} USD, {@code long} tokens), filters and groupings answer
 * tenant/feature/window questions, and concurrent saves lose nothing. A store's test extends it:
 *
 * <pre>{@code
 * class MongoUsageStoreCompatibilityTest extends UsageStoreCompatibilityKit {
 *     protected UsageStore createStore() {
 *         MongoCollection<Document> c = database.getCollection("usage-" + UUID.randomUUID());
 *         return new MongoUsageStore(c);
 *     }
 * }
 * }</pre>
 *
 * <p>Unlike the other kits, {@link #createStore()} must return an <em>empty</em> store (a fresh table,
 * collection or key prefix): the tests check totals over all records.
 */
public abstract class UsageStoreCompatibilityKit {

    /** 2026-03-01T10:00:00Z, the first timestamp the tests use. */
    protected static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    /** The store under test: the result of {@link #createStore()} for the current test. */
    protected UsageStore store;

    /**
     * A new, empty store for one test; called once before each test.
     *
     * @return the store under test; not {@code null}
     */
    protected abstract UsageStore createStore();

    @BeforeEach
    void createStoreUnderTest() {
        store = createStore();
        assertThat(store).as("createStore()").isNotNull();
    }

    /**
     * A record with 100 input tokens (20 cached, 5 cache-write) and 50 output tokens.
     *
     * @param tenant the tenant id
     * @param user the user id
     * @param feature the feature, e.g. {@code battle_card}
     * @param model the model; the endpoint is {@code ep-<model>}, the provider {@code openai}
     * @param at the record's timestamp
     * @param cost cost in USD as a decimal string, or null for an unpriced call
     * @return the record, with a latency of 123 ms and cost source {@code PROVIDER} (or {@code UNPRICED} without a
     *     cost)
     */
    protected static UsageRecord record(String tenant, String user, String feature, String model, Instant at, String cost) {
        return UsageRecord.builder().timestamp(at).tenant(tenant).user(user).feature(feature).provider("openai")
                .model(model).endpoint("ep-" + model).inputTokens(100).cachedInputTokens(20).cacheWriteTokens(5)
                .outputTokens(50).costUsd(cost == null ? null : new BigDecimal(cost))
                .costSource(cost == null ? UsageRecord.CostSource.UNPRICED : UsageRecord.CostSource.PROVIDER)
                .latency(Duration.ofMillis(123)).build();
    }

    /** Saving and reading back records. */
    @Nested
    @DisplayName("Records")
    class Records {

        @Test
        @DisplayName("every field of a record survives a round trip, cost to the last of 12 decimals")
        void roundTripsEveryField() {
            UsageRecord r = UsageRecord.builder().timestamp(T0).tenant("acme").user("u1").feature("proposal").runId("run-1")
                    .provider("anthropic").model("claude-haiku-4-5").endpoint("claude").inputTokens(11).cachedInputTokens(12)
                    .cacheWriteTokens(13).outputTokens(14).costUsd(new BigDecimal("0.000123456789"))
                    .costSource(UsageRecord.CostSource.ESTIMATED).latency(Duration.ofNanos(1_234_567))
                    .outcome(UsageRecord.Outcome.FAILURE).cacheHit(false).errorType("overloaded_error").build();

            store.save(r);

            assertThat(store.find(UsageStore.Query.all())).singleElement().satisfies(back -> {
                assertThat(back).usingRecursiveComparison().ignoringFields("costUsd").isEqualTo(r);
                assertThat(back.costUsd()).isEqualByComparingTo(r.costUsd());
            });
        }

        @Test
        @DisplayName("find returns the matching records oldest first, whatever the order they were saved in")
        void findsOldestFirst() {
            store.save(record("acme", "u1", "proposal", "gpt-4o", T0.plusSeconds(120), "0.03"));
            store.save(record("acme", "u1", "proposal", "gpt-4o", T0, "0.01"));
            store.save(record("acme", "u1", "proposal", "gpt-4o", T0.plusSeconds(60), "0.02"));

            assertThat(store.find(UsageStore.Query.all())).extracting(UsageRecord::timestamp)
                    .containsExactly(T0, T0.plusSeconds(60), T0.plusSeconds(120));
        }

        @Test
        @DisplayName("an empty store finds nothing and sums to zero")
        void emptyStoreSumsToZero() {
            assertThat(store.find(UsageStore.Query.all())).isEmpty();
            UsageStore.Totals t = store.totals(UsageStore.Query.all());
            assertThat(t.calls()).isZero();
            assertThat(t.inputTokens()).isZero();
            assertThat(t.costUsd()).isEqualByComparingTo("0");
            assertThat(store.totalsBy(UsageStore.Dimension.TENANT, UsageStore.Query.all())).isEmpty();
        }
    }

    /** Filters and sums. */
    @Nested
    @DisplayName("Queries and totals")
    class Queries {

        @Test
        @DisplayName("tenant, feature and time-window questions are answered exactly; unpriced calls are counted")
        void answersTenantFeatureWindowQuestionsExactly() {
            store.save(record("acme", "u1", "proposal", "gpt-4o", T0, "0.10"));
            store.save(record("acme", "u2", "proposal", "gpt-4o", T0.plusSeconds(3600), "0.20"));
            store.save(record("acme", "u1", "lead_scoring", "gpt-4o-mini", T0.plusSeconds(60), "0.01"));
            store.save(record("globex", "u9", "proposal", "gpt-4o", T0.plusSeconds(60), "5.00"));
            store.save(record("acme", "u1", "proposal", "gpt-4o", T0.plus(Duration.ofDays(1)), "0.40"));
            store.save(record("acme", "u1", "proposal", "mystery", T0.plusSeconds(120), null));

            UsageStore.Totals t = store.totals(UsageStore.Query.all().tenant("acme").feature("proposal")
                    .between(T0, T0.plus(Duration.ofDays(1))));

            assertThat(t.costUsd()).isEqualByComparingTo("0.30");
            assertThat(t.calls()).isEqualTo(3);
            assertThat(t.unpricedCalls()).isEqualTo(1);
            assertThat(t.inputTokens()).isEqualTo(300);
            assertThat(t.cachedInputTokens()).isEqualTo(60);
            assertThat(t.cacheWriteTokens()).isEqualTo(15);
            assertThat(t.outputTokens()).isEqualTo(150);
            assertThat(store.totals(UsageStore.Query.all()).costUsd()).isEqualByComparingTo("5.71");
        }

        @Test
        @DisplayName("a window includes its start instant and excludes its end instant")
        void windowIsHalfOpen() {
            store.save(record("acme", "u1", "proposal", "gpt-4o", T0, "0.10"));
            store.save(record("acme", "u1", "proposal", "gpt-4o", T0.plusSeconds(60), "0.20"));

            assertThat(store.find(UsageStore.Query.all().between(T0, T0.plusSeconds(60))))
                    .extracting(UsageRecord::timestamp).containsExactly(T0);
            assertThat(store.totals(UsageStore.Query.all().between(T0.plusSeconds(1), T0.plusSeconds(61))).costUsd())
                    .isEqualByComparingTo("0.20");
        }

        @Test
        @DisplayName("user and model filters match only their records")
        void filtersByUserAndModel() {
            store.save(record("acme", "u1", "proposal", "gpt-4o", T0, "0.10"));
            store.save(record("acme", "u2", "proposal", "gpt-4o-mini", T0.plusSeconds(1), "0.02"));
            store.save(record("acme", "u2", "proposal", "gpt-4o", T0.plusSeconds(2), "0.30"));

            assertThat(store.totals(UsageStore.Query.all().user("u2")).costUsd()).isEqualByComparingTo("0.32");
            assertThat(store.totals(UsageStore.Query.all().model("gpt-4o")).costUsd()).isEqualByComparingTo("0.40");
            assertThat(store.find(UsageStore.Query.all().user("u2").model("gpt-4o"))).singleElement()
                    .satisfies(r -> assertThat(r.costUsd()).isEqualByComparingTo("0.30"));
            assertThat(store.find(UsageStore.Query.all().tenant("nobody"))).isEmpty();
        }

        @Test
        @DisplayName("sums of many sub-cent costs are exact, with no floating-point drift")
        void sumsAreExact() {
            for (int i = 0; i < 30; i++) {
                store.save(record("acme", "u1", "proposal", "gpt-4o", T0.plusSeconds(i), "0.000000100001"));
            }
            assertThat(store.totals(UsageStore.Query.all()).costUsd()).isEqualByComparingTo("0.00000300003");
        }

        @Test
        @DisplayName("totals group by feature, user, model, UTC day and tenant, with records lacking a user under \"\"")
        void groupsByEveryDimension() {
            store.save(record("acme", "u1", "proposal", "gpt-4o", T0, "0.10"));
            store.save(record("acme", "u2", "lead_scoring", "gpt-4o-mini", T0.plusSeconds(60), "0.01"));
            store.save(record("acme", null, "proposal", "gpt-4o", T0.plus(Duration.ofDays(1)), "0.40"));
            store.save(record("globex", "u9", "proposal", "gpt-4o", T0, "1.00"));
            UsageStore.Query acme = UsageStore.Query.all().tenant("acme");

            Map<String, UsageStore.Totals> byFeature = store.totalsBy(UsageStore.Dimension.FEATURE, acme);
            assertThat(byFeature).containsOnlyKeys("lead_scoring", "proposal");
            assertThat(byFeature.get("proposal").costUsd()).isEqualByComparingTo("0.50");
            assertThat(store.totalsBy(UsageStore.Dimension.USER, acme)).containsOnlyKeys("", "u1", "u2");
            assertThat(store.totalsBy(UsageStore.Dimension.MODEL, acme).get("gpt-4o-mini").costUsd())
                    .isEqualByComparingTo("0.01");
            Map<String, UsageStore.Totals> byDay = store.totalsBy(UsageStore.Dimension.DAY, acme);
            assertThat(byDay).containsOnlyKeys("2026-03-01", "2026-03-02");
            assertThat(byDay.get("2026-03-01").calls()).isEqualTo(2);
            assertThat(store.totalsBy(UsageStore.Dimension.TENANT, UsageStore.Query.all()).get("globex").costUsd())
                    .isEqualByComparingTo("1.00");
        }
    }

    /** Implementations are thread-safe. */
    @Nested
    @DisplayName("Concurrency")
    class Concurrency {

        @Test
        @DisplayName("200 records saved by 8 racing threads are all kept and sum exactly")
        void concurrentSavesLoseNothing() throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch go = new CountDownLatch(1);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int w = 0; w < 8; w++) {
                    int worker = w;
                    futures.add(pool.submit(() -> {
                        go.await();
                        for (int i = 0; i < 25; i++) {
                            store.save(record("acme", "u" + worker, "proposal", "gpt-4o", T0.plusSeconds(i), "0.01"));
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
            UsageStore.Totals t = store.totals(UsageStore.Query.all());
            assertThat(t.calls()).isEqualTo(200);
            assertThat(t.inputTokens()).isEqualTo(200 * 100L);
            assertThat(t.costUsd()).isEqualByComparingTo("2.00");
            assertThat(store.totalsBy(UsageStore.Dimension.USER, UsageStore.Query.all())).hasSize(8)
                    .allSatisfy((user, totals) -> assertThat(totals.calls()).isEqualTo(25));
        }
    }
}
