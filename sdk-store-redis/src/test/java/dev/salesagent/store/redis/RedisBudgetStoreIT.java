package dev.salesagent.store.redis;

import dev.salesagent.core.cost.BudgetRaceAcrossProcesses;
import dev.salesagent.core.cost.BudgetStore;
import dev.salesagent.core.cost.BudgetStoreContract;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@link BudgetStoreContract} and the two-process race on the Redis of the {@code services} profile. */
class RedisBudgetStoreIT extends BudgetStoreContract {

    @Override
    protected BudgetStore store() {
        return new RedisBudgetStores().get();
    }

    @Test
    @DisplayName("1,000 reservations from two JVMs against a budget that fits 100: exactly 100 admitted")
    void twoProcessesNeverOvershootTheSharedLimit() throws Exception {
        int[] admitted = BudgetRaceAcrossProcesses.race(RedisBudgetStores.class, 1000, 100);
        System.out.println("Redis ledger race: admitted per process " + admitted[0] + " + " + admitted[1]);
        assertThat(admitted[0] + admitted[1]).isEqualTo(100);
    }

    @Test
    @DisplayName("amounts round to nano-USD: reservations up, limits down; limits past 2^53 nano-USD are refused")
    void nanoUsdPrecision() {
        BudgetStore store = store();
        String id = "tenant:nano-" + System.nanoTime() + "/daily";
        Instant day = Instant.parse("2026-03-01T00:00:00Z");
        store.open(id, day, day.plusSeconds(86_400), () -> BigDecimal.ZERO);

        assertThat(store.tryReserve(id, day, new BigDecimal("0.0000000001"), new BigDecimal("0.000000001")))
                .as("0.1 nano-USD reserves a whole nano-USD").isTrue();
        assertThat(store.tryReserve(id, day, new BigDecimal("0.0000000001"), new BigDecimal("0.0000000019"))).isFalse();
        assertThat(store.balance(id, day).reservedUsd()).isEqualByComparingTo("0.000000001");
        assertThatThrownBy(() -> store.tryReserve(id, day, BigDecimal.ONE, new BigDecimal("10000000")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hardLimitUsd");
    }
}
