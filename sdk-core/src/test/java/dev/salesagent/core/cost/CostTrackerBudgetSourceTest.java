package dev.salesagent.core.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salesagent.core.testing.MutableClock;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Budgets that change while the tracker runs, through {@link CostTracker.Builder#budgetSource}. */
class CostTrackerBudgetSourceTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    private UsageRecord usage(String feature, String cost) {
        return UsageRecord.builder().timestamp(clock.instant()).tenant("acme").feature(feature).provider("openai")
                .model("gpt-4o-mini").endpoint("mini").inputTokens(10).outputTokens(5).costUsd(new BigDecimal(cost))
                .build();
    }

    private static Budget daily(String feature, String limit, int... alerts) {
        return Budget.forTenant("acme").feature(feature).daily().hardLimitUsd(new BigDecimal(limit))
                .alertAtPercent(alerts).build();
    }

    @Test
    void aBudgetAddedLaterLimitsTheNextCallAndARaisedLimitKeepsThePeriodsSpend() {
        List<Budget> current = new CopyOnWriteArrayList<>();
        List<Budget.Alert> alerts = new ArrayList<>();
        CostTracker tracker = CostTracker.builder().clock(clock).budgetSource(() -> current)
                .alertListener(alerts::add).build();

        tracker.reserve("acme", "proposal", new BigDecimal("0.40")).settle(usage("proposal", "0.40"));
        assertThat(tracker.budgets()).isEmpty();

        current.add(daily("proposal", "0.50", 85));
        assertThatThrownBy(() -> tracker.reserve("acme", "proposal", new BigDecimal("0.20")))
                .isInstanceOf(BudgetExceededException.class);
        // the other feature is not limited by it
        tracker.reserve("acme", "battle_card", new BigDecimal("5")).release();

        tracker.reserve("acme", "proposal", new BigDecimal("0.05")).settle(usage("proposal", "0.05"));
        assertThat(alerts).extracting(Budget.Alert::thresholdPercent).containsExactly(85);

        current.clear();
        current.add(daily("proposal", "1.00"));
        Budget raised = tracker.budgets().get(0);
        assertThat(tracker.budgetStatus(raised).spentUsd()).isEqualByComparingTo("0.45");
        tracker.reserve("acme", "proposal", new BigDecimal("0.55")).release();
        assertThatThrownBy(() -> tracker.reserve("acme", "proposal", new BigDecimal("0.56")))
                .isInstanceOf(BudgetExceededException.class);
    }

    @Test
    void fixedBudgetsStayInForceNextToTheSourcesOnes() {
        Budget fixed = Budget.forTenant("acme").daily().hardLimitUsd(new BigDecimal("0.10")).build();
        CostTracker tracker = CostTracker.builder().clock(clock).budget(fixed)
                .budgetSource(() -> List.of(daily("proposal", "5"))).build();
        assertThat(tracker.budgets()).hasSize(2).first().isSameAs(fixed);
        assertThatThrownBy(() -> tracker.reserve("acme", "proposal", new BigDecimal("0.11")))
                .isInstanceOf(BudgetExceededException.class);
    }
}
