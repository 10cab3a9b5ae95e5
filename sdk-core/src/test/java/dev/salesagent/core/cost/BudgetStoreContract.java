package dev.salesagent.core.cost;

import dev.salesagent.core.testing.MutableClock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Behaviour every {@link BudgetStore} must show; an implementation's test extends this and supplies the store.
 * Budget ids are random per test, so a shared database or Redis needs no cleaning.
 */
public abstract class BudgetStoreContract {

    private static final Instant DAY = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant NEXT_DAY = Instant.parse("2026-03-02T00:00:00Z");

    /** A store to test; may be a new client to a store shared with earlier tests. */
    protected abstract BudgetStore store();

    private static String id() {
        return "tenant:t-" + UUID.randomUUID() + "/daily";
    }

    @Test
    @DisplayName("a reservation is admitted while spent + reserved stays within the limit, refused without change after")
    void reservesUpToTheLimit() {
        BudgetStore store = store();
        String id = id();
        store.open(id, DAY, NEXT_DAY, () -> new BigDecimal("0.25"));

        assertThat(store.tryReserve(id, DAY, new BigDecimal("0.50"), BigDecimal.ONE)).isTrue();
        assertThat(store.tryReserve(id, DAY, new BigDecimal("0.25"), BigDecimal.ONE)).as("exactly at the limit").isTrue();
        assertThat(store.tryReserve(id, DAY, new BigDecimal("0.000001"), BigDecimal.ONE)).isFalse();
        assertThat(store.balance(id, DAY).spentUsd()).isEqualByComparingTo("0.25");
        assertThat(store.balance(id, DAY).reservedUsd()).isEqualByComparingTo("0.75");
        assertThat(store.tryReserve(id, DAY, new BigDecimal("5"), null)).as("no limit").isTrue();
    }

    @Test
    @DisplayName("settle swaps the reservation for the actual cost and returns spent after it")
    void settleReturnsSpentAfter() {
        BudgetStore store = store();
        String id = id();
        store.open(id, DAY, NEXT_DAY, () -> BigDecimal.ZERO);
        assertThat(store.tryReserve(id, DAY, new BigDecimal("0.40"), BigDecimal.ONE)).isTrue();

        assertThat(store.settle(id, DAY, new BigDecimal("0.40"), new BigDecimal("0.125"))).isEqualByComparingTo("0.125");
        assertThat(store.settle(id, DAY, BigDecimal.ZERO, new BigDecimal("0.5"))).isEqualByComparingTo("0.625");
        assertThat(store.balance(id, DAY)).satisfies(b -> {
            assertThat(b.spentUsd()).isEqualByComparingTo("0.625");
            assertThat(b.reservedUsd()).isEqualByComparingTo("0");
        });
        assertThat(store.tryReserve(id, DAY, new BigDecimal("0.375"), BigDecimal.ONE)).isTrue();
        assertThat(store.tryReserve(id, DAY, new BigDecimal("0.001"), BigDecimal.ONE)).isFalse();
    }

    @Test
    @DisplayName("open seeds a period once; later opens keep what is there; periods are separate")
    void openSeedsOnce() {
        BudgetStore store = store();
        String id = id();
        store.open(id, DAY, NEXT_DAY, () -> new BigDecimal("0.9"));
        store.settle(id, DAY, BigDecimal.ZERO, new BigDecimal("0.05"));
        store.open(id, DAY, NEXT_DAY, () -> BigDecimal.ZERO);
        assertThat(store.balance(id, DAY).spentUsd()).isEqualByComparingTo("0.95");

        store.open(id, NEXT_DAY, NEXT_DAY.plus(Duration.ofDays(1)), () -> BigDecimal.ZERO);
        assertThat(store.balance(id, NEXT_DAY).spentUsd()).isEqualByComparingTo("0");
        assertThat(store.tryReserve(id, NEXT_DAY, BigDecimal.ONE, BigDecimal.ONE)).isTrue();
        assertThat(store.balance("tenant:never-opened/daily", DAY)).isEqualTo(BudgetStore.Balance.ZERO);
    }

    @Test
    @DisplayName("two hundred threads racing a budget that fits fifty reservations: exactly fifty admitted")
    void racingThreadsNeverOvershoot() throws Exception {
        BudgetStore store = store();
        String id = id();
        store.open(id, DAY, NEXT_DAY, () -> BigDecimal.ZERO);
        int threads = 200;
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger admitted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    if (store.tryReserve(id, DAY, new BigDecimal("0.01"), new BigDecimal("0.50"))) {
                        admitted.incrementAndGet();
                        store.settle(id, DAY, new BigDecimal("0.01"), new BigDecimal("0.01"));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(admitted.get()).isEqualTo(50);
        assertThat(store.balance(id, DAY).spentUsd()).isEqualByComparingTo("0.50");
        assertThat(store.balance(id, DAY).reservedUsd()).isEqualByComparingTo("0");
    }

    @Test
    @DisplayName("two trackers sharing the store (two instances) enforce one limit and alert each threshold once")
    void trackersSharingTheStoreActAsOne() {
        BudgetStore shared = store();
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        String tenant = "t-" + UUID.randomUUID();
        Budget budget = Budget.forTenant(tenant).daily().hardLimitUsd(new BigDecimal("1.00")).alertAtPercent(50, 100)
                .build();
        List<Budget.Alert> alerts = Collections.synchronizedList(new ArrayList<>());
        CostTracker a = CostTracker.builder().clock(clock).budgetStore(shared).budget(budget).alertListener(alerts::add)
                .build();
        CostTracker b = CostTracker.builder().clock(clock).budgetStore(store()).budget(budget).alertListener(alerts::add)
                .build();

        CostTracker.Reservation ra = a.reserve(tenant, "x", new BigDecimal("0.60"));
        assertThatThrownBy(() -> b.reserve(tenant, "x", new BigDecimal("0.50")))
                .isInstanceOfSatisfying(BudgetExceededException.class,
                        e -> assertThat(e.committedUsd()).isEqualByComparingTo("0.60"));
        CostTracker.Reservation rb = b.reserve(tenant, "x", new BigDecimal("0.40"));
        ra.settle(record(clock, tenant, "0.45"));
        rb.settle(record(clock, tenant, "0.40"));
        a.record(record(clock, tenant, "0.15"));

        assertThat(alerts).extracting(Budget.Alert::thresholdPercent).containsExactly(50, 100);
        assertThat(b.budgetStatus(budget).spentUsd()).isEqualByComparingTo("1.00");
        assertThat(a.budgetStatus(budget).reservedUsd()).isEqualByComparingTo("0");
    }

    private static UsageRecord record(MutableClock clock, String tenant, String cost) {
        return UsageRecord.builder().timestamp(clock.instant()).tenant(tenant).feature("x").provider("openai")
                .model("gpt-4o-mini").costUsd(new BigDecimal(cost)).build();
    }
}
