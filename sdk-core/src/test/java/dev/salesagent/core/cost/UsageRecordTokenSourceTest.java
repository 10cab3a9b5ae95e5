package dev.salesagent.core.cost;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsageRecordTokenSourceTest {

    @Test
    void theTokenSourceIsDerivedFromTheCostSourceWhenNotGiven() {
        assertThat(UsageRecord.builder().build().tokenSource()).isEqualTo(UsageRecord.TokenSource.PROVIDER);
        assertThat(UsageRecord.builder().costSource(UsageRecord.CostSource.ESTIMATED).build().tokensEstimated())
                .isTrue();
        assertThat(UsageRecord.builder().costUsd(null).costSource(UsageRecord.CostSource.UNPRICED).build()
                .tokensEstimated()).isFalse();
    }

    @Test
    void anUnpricedRecordCanCarryEstimatedTokens() {
        UsageRecord r = UsageRecord.builder().costUsd(null).costSource(UsageRecord.CostSource.UNPRICED)
                .tokenSource(UsageRecord.TokenSource.ESTIMATED).inputTokens(12).build();

        assertThat(r.tokensEstimated()).isTrue();
        assertThat(r.costSource()).isEqualTo(UsageRecord.CostSource.UNPRICED);
    }

    @Test
    void anEstimatedCostWithProviderTokensIsRejected() {
        assertThatThrownBy(() -> UsageRecord.builder().costUsd(BigDecimal.ONE)
                .costSource(UsageRecord.CostSource.ESTIMATED).tokenSource(UsageRecord.TokenSource.PROVIDER).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tokenSource ESTIMATED");
    }

    @Test
    void aCostScopeCountsTheCallsWithEstimatedTokens() {
        CostScope scope = CostScope.unlimited("run");
        scope.record(UsageRecord.builder().inputTokens(10).build());
        scope.record(UsageRecord.builder().costSource(UsageRecord.CostSource.ESTIMATED).inputTokens(7).build());

        assertThat(scope.estimatedTokenCalls()).isEqualTo(1);
        assertThat(scope.inputTokens()).isEqualTo(17);
    }
}
