package dev.salesagent.core.cost;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CostScopeTest {

    private static UsageRecord cost(String usd, UsageRecord.CostSource source) {
        return UsageRecord.builder().tenant("acme").inputTokens(100).cachedInputTokens(10).cacheWriteTokens(1)
                .outputTokens(20).costUsd(usd == null ? null : new BigDecimal(usd)).costSource(source).build();
    }

    @Test
    void concurrentReservationsNeverPassTheLimit() throws Exception {
        CostScope scope = CostScope.withLimit("run:1", new BigDecimal("0.30"));
        int threads = 64;
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger admitted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        CostScope.Reservation r = scope.reserve(new BigDecimal("0.01"));
                        admitted.incrementAndGet();
                        r.settle(cost("0.01", UsageRecord.CostSource.PROVIDER));
                    } catch (BudgetExceededException expected) {
                        // refused: the limit is reached
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

        assertThat(admitted.get()).isEqualTo(30);
        assertThat(scope.spentUsd()).isEqualByComparingTo("0.30");
        assertThat(scope.reservedUsd()).isEqualByComparingTo("0");
        assertThat(scope.records()).hasSize(30);
    }

    @Test
    void settleReleaseAndTotals() {
        CostScope scope = CostScope.withLimit("run:2", new BigDecimal("1"));
        CostScope.Reservation r = scope.reserve(new BigDecimal("0.8"));
        assertThatThrownBy(() -> scope.reserve(new BigDecimal("0.3")))
                .isInstanceOfSatisfying(BudgetExceededException.class, e -> {
                    assertThat(e.budget()).isEqualTo("run:2");
                    assertThat(e.committedUsd()).isEqualByComparingTo("0.8");
                });
        r.settle(cost("0.1", UsageRecord.CostSource.PROVIDER));
        r.settle(cost("5", UsageRecord.CostSource.PROVIDER)); // second settle ignored
        try (CostScope.Reservation unused = scope.reserve(new BigDecimal("0.9"))) {
            assertThat(scope.reservedUsd()).isEqualByComparingTo("0.9");
        }
        scope.record(cost(null, UsageRecord.CostSource.UNPRICED));

        assertThat(scope.spentUsd()).isEqualByComparingTo("0.1");
        assertThat(scope.reservedUsd()).isEqualByComparingTo("0");
        assertThat(scope.inputTokens()).isEqualTo(200);
        assertThat(scope.cachedInputTokens()).isEqualTo(20);
        assertThat(scope.cacheWriteTokens()).isEqualTo(2);
        assertThat(scope.outputTokens()).isEqualTo(40);
        assertThat(scope.hasUnpricedUsage()).isTrue();
        assertThat(CostScope.unlimited("u").reserve(new BigDecimal("1000000")).amountUsd()).isEqualByComparingTo("1000000");
        assertThatThrownBy(() -> scope.reserve(new BigDecimal("-1"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recordsFromReadsOnlyWhatWasRecordedAfterThePosition() {
        CostScope scope = CostScope.unlimited("follow");
        UsageRecord a = cost("0.01", UsageRecord.CostSource.PROVIDER);
        UsageRecord b = cost("0.02", UsageRecord.CostSource.PROVIDER);
        UsageRecord c = cost("0.03", UsageRecord.CostSource.PROVIDER);
        scope.record(a);
        scope.record(b);
        assertThat(scope.recordCount()).isEqualTo(2);
        assertThat(scope.recordsFrom(0)).containsExactly(a, b);
        assertThat(scope.recordsFrom(2)).isEmpty();
        scope.record(c);
        assertThat(scope.recordsFrom(2)).containsExactly(c);
        assertThatThrownBy(() -> scope.recordsFrom(4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> scope.recordsFrom(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
