package dev.salesagent.core.cost;

import dev.salesagent.core.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CostTrackerTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    private UsageRecord usage(String tenant, String feature, String cost) {
        return UsageRecord.builder().timestamp(clock.instant()).tenant(tenant).feature(feature).provider("openai")
                .model("gpt-4o-mini").endpoint("mini").inputTokens(10).outputTokens(5).costUsd(new BigDecimal(cost))
                .build();
    }

    @Test
    void twoHundredThreadsRacingABudgetThatFitsFiftyCallsNeverOvershootIt() throws Exception {
        Budget budget = Budget.forTenant("acme").daily().hardLimitUsd(new BigDecimal("0.50")).build();
        CostTracker tracker = CostTracker.builder().clock(clock).budget(budget).build();
        int threads = 200;
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        CostTracker.Reservation r = tracker.reserve("acme", "proposal", new BigDecimal("0.01"));
                        admitted.incrementAndGet();
                        r.settle(usage("acme", "proposal", "0.01"));
                    } catch (BudgetExceededException e) {
                        refused.incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(admitted.get()).isEqualTo(50);
        assertThat(refused.get()).isEqualTo(150);
        Budget.Status status = tracker.budgetStatus(budget);
        assertThat(status.spentUsd()).isEqualByComparingTo("0.50");
        assertThat(status.reservedUsd()).isEqualByComparingTo("0");
        assertThat(tracker.spentUsd("acme", null, clock.instant().minusSeconds(1), clock.instant().plusSeconds(1)))
                .isEqualByComparingTo("0.50");
    }

    @Test
    void refusalNamesTheBudgetAndLeavesNothingReservedInOtherBudgets() {
        Budget tenantBudget = Budget.forTenant("acme").daily().hardLimitUsd(new BigDecimal("10")).build();
        Budget featureBudget = Budget.forTenant("acme").feature("proposal").daily().hardLimitUsd(new BigDecimal("1")).build();
        CostTracker tracker = CostTracker.builder().clock(clock).budget(tenantBudget).budget(featureBudget).build();

        assertThatThrownBy(() -> tracker.reserve("acme", "proposal", new BigDecimal("1.5")))
                .isInstanceOfSatisfying(BudgetExceededException.class, e -> {
                    assertThat(e.budget()).isEqualTo("tenant:acme/feature:proposal/daily");
                    assertThat(e.limitUsd()).isEqualByComparingTo("1");
                    assertThat(e.requestedUsd()).isEqualByComparingTo("1.5");
                });
        assertThat(tracker.budgetStatus(tenantBudget).reservedUsd()).isEqualByComparingTo("0");
        // other features only count against the tenant budget
        tracker.reserve("acme", "lead_scoring", new BigDecimal("1.5")).release();
        // other tenants are not limited by acme's budgets
        tracker.reserve("globex", "proposal", new BigDecimal("100")).release();
    }

    @Test
    void releasedAndSettledReservationsFreeTheirWorstCase() {
        Budget budget = Budget.forTenant("acme").daily().hardLimitUsd(new BigDecimal("1.00")).build();
        CostTracker tracker = CostTracker.builder().clock(clock).budget(budget).build();

        CostTracker.Reservation a = tracker.reserve("acme", null, new BigDecimal("0.60"));
        assertThatThrownBy(() -> tracker.reserve("acme", null, new BigDecimal("0.60")))
                .isInstanceOf(BudgetExceededException.class);
        a.settle(usage("acme", null, "0.05"));
        a.release(); // no effect after settle
        CostTracker.Reservation b = tracker.reserve("acme", null, new BigDecimal("0.90"));
        b.close();

        assertThat(tracker.budgetStatus(budget).spentUsd()).isEqualByComparingTo("0.05");
        assertThat(tracker.budgetStatus(budget).reservedUsd()).isEqualByComparingTo("0");
    }

    @Test
    void eachAlertThresholdFiresOncePerPeriod() {
        List<Budget.Alert> alerts = Collections.synchronizedList(new ArrayList<>());
        Budget budget = Budget.forTenant("acme").daily().expectedUsd(new BigDecimal("1.00")).alertAtPercent(80, 100, 150)
                .build();
        CostTracker tracker = CostTracker.builder().clock(clock).budget(budget)
                .alertListener(alerts::add).alertListener(a -> {
                    throw new IllegalStateException("broken listener must not break the call");
                }).build();

        for (int i = 0; i < 9; i++) {
            tracker.reserve("acme", "x", new BigDecimal("0.2")).settle(usage("acme", "x", "0.10"));
        }
        assertThat(alerts).extracting(Budget.Alert::thresholdPercent).containsExactly(80);
        tracker.record(usage("acme", "x", "0.10"));
        tracker.record(usage("acme", "x", "0.10"));
        assertThat(alerts).extracting(Budget.Alert::thresholdPercent).containsExactly(80, 100);
        assertThat(alerts.get(1).spentUsd()).isEqualByComparingTo("1.00");
        tracker.record(usage("acme", "x", "1.00"));
        tracker.record(usage("acme", "x", "1.00"));
        assertThat(alerts).extracting(Budget.Alert::thresholdPercent).containsExactly(80, 100, 150);

        clock.advance(Duration.ofDays(1));
        tracker.record(usage("acme", "x", "0.85"));
        assertThat(alerts).extracting(Budget.Alert::thresholdPercent).containsExactly(80, 100, 150, 80);
        assertThat(alerts.get(3).periodStart()).isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
    }

    @Test
    void newPeriodStartsFromZeroAndMonthlyBudgetsSpanDays() {
        Budget daily = Budget.forTenant("acme").daily().hardLimitUsd(new BigDecimal("1")).build();
        Budget monthly = Budget.forTenant("acme").monthly().hardLimitUsd(new BigDecimal("1.5")).build();
        CostTracker tracker = CostTracker.builder().clock(clock).budget(daily).budget(monthly).build();

        tracker.reserve("acme", null, new BigDecimal("1")).settle(usage("acme", null, "0.9"));
        assertThatThrownBy(() -> tracker.reserve("acme", null, new BigDecimal("0.2"))).isInstanceOf(BudgetExceededException.class);
        clock.advance(Duration.ofDays(1));
        tracker.reserve("acme", null, new BigDecimal("0.5")).settle(usage("acme", null, "0.5"));
        assertThatThrownBy(() -> tracker.reserve("acme", null, new BigDecimal("0.2")))
                .isInstanceOfSatisfying(BudgetExceededException.class,
                        e -> assertThat(e.budget()).isEqualTo("tenant:acme/monthly"));
        assertThat(tracker.budgetStatus(daily).spentUsd()).isEqualByComparingTo("0.5");
        assertThat(tracker.budgetStatus(monthly).spentUsd()).isEqualByComparingTo("1.4");
    }

    @Test
    void budgetStateStartsFromWhatTheStoreAlreadyHolds() {
        UsageStore store = UsageStore.inMemory();
        store.save(usage("acme", null, "0.95"));
        Budget budget = Budget.forTenant("acme").daily().hardLimitUsd(new BigDecimal("1")).build();
        CostTracker restarted = CostTracker.builder().clock(clock).store(store).budget(budget).build();

        assertThatThrownBy(() -> restarted.reserve("acme", null, new BigDecimal("0.10")))
                .isInstanceOf(BudgetExceededException.class);
    }

    @Test
    void recordsReachStoreListenersAndCostMeters() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<UsageRecord> seen = new ArrayList<>();
        CostTracker tracker = CostTracker.builder().clock(clock).meterRegistry(registry).usageListener(seen::add)
                .usageListener(r -> {
                    throw new IllegalStateException("ignored");
                }).build();

        tracker.record(usage("acme", "proposal", "0.25"));
        tracker.record(usage("acme", "proposal", "0.50"));
        tracker.record(UsageRecord.builder().timestamp(clock.instant()).tenant("acme").provider("acme-llm")
                .model("house").costUsd(null).costSource(UsageRecord.CostSource.UNPRICED).build());

        assertThat(seen).hasSize(3);
        assertThat(tracker.totals(UsageStore.Query.all().tenant("acme")).unpricedCalls()).isEqualTo(1);
        assertThat(registry.get("salesagent.ai.cost").tag("tenant", "acme").tag("feature", "proposal")
                .tag("gen_ai.request.model", "gpt-4o-mini").counter().count()).isEqualTo(0.75);
        assertThat(registry.get("salesagent.ai.cost.unpriced").tag("gen_ai.request.model", "house").counter().count())
                .isEqualTo(1);
    }

    @Test
    void budgetBuilderRejectsBadValues() {
        assertThatThrownBy(() -> Budget.forTenant("acme").hardLimitUsd(new BigDecimal("-1")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> Budget.forTenant("acme").build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Budget.forTenant(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Budget.forTenant("a").expectedUsd(BigDecimal.ONE).alertAtPercent(0).build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
