package dev.salesagent.core.cost;

import dev.salesagent.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CostPerOutcomeTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final CostTracker tracker = CostTracker.builder().clock(clock).build();

    private void call(String tenant, String feature, String usd, boolean cacheHit) {
        tracker.record(UsageRecord.builder().timestamp(clock.instant()).tenant(tenant).feature(feature)
                .model("gpt-4o-mini").costUsd(new BigDecimal(usd)).cacheHit(cacheHit)
                .outcome(cacheHit ? UsageRecord.Outcome.CACHE_HIT : UsageRecord.Outcome.SUCCESS).build());
    }

    @Test
    void batchedCallsAreDividedByTheOutcomesTheyProduced() {
        // two batched scoring calls of 20 leads each, one served from cache: 40 scored leads for 0.03 USD
        call("acme", "lead_scoring", "0.012", false);
        tracker.recordOutcomes("acme", "lead_scoring", 20);
        call("acme", "lead_scoring", "0.018", false);
        tracker.recordOutcomes("acme", "lead_scoring", 20);
        call("acme", "lead_scoring", "0", true);
        tracker.recordOutcomes("acme", "lead_scoring", 20);
        call("acme", "proposal", "0.21", false);
        tracker.recordOutcomes("acme", "proposal", 1);
        call("globex", "lead_scoring", "5", false);
        tracker.recordOutcomes("globex", "lead_scoring", 1);

        OutcomeCost leads = tracker.costPerOutcome("acme", "lead_scoring", null, null);
        assertThat(leads.outcomes()).isEqualTo(60);
        assertThat(leads.calls()).isEqualTo(3);
        assertThat(leads.costUsd()).isEqualByComparingTo("0.030");
        assertThat(leads.usdPerOutcome()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.0005"));
        assertThat(tracker.costPerOutcome("acme", "proposal", null, null).usdPerOutcome())
                .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.21"));
    }

    @Test
    void periodsFilterBothSpendAndOutcomes() {
        call("acme", "proposal", "0.20", false);
        tracker.recordOutcomes("acme", "proposal", 1);
        clock.advance(Duration.ofDays(1));
        Instant dayTwo = Instant.parse("2026-03-02T00:00:00Z");
        call("acme", "proposal", "0.30", false);
        call("acme", "proposal", "0.10", false);
        tracker.recordOutcomes("acme", "proposal", 1);

        OutcomeCost second = tracker.costPerOutcome("acme", "proposal", dayTwo, dayTwo.plus(Duration.ofDays(1)));
        assertThat(second.outcomes()).isEqualTo(1);
        assertThat(second.usdPerOutcome()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.40"));
        assertThat(tracker.costPerOutcome("acme", "battle_card", null, null).usdPerOutcome()).isEmpty();
        assertThatThrownBy(() -> tracker.recordOutcomes("acme", "proposal", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
    }
}
