package dev.salesagent.core.cost;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** Vendor batch prices: every rate halved exactly, and the mark on usage records. */
class BatchPricingTest {

    @Test
    void batchPriceHalvesEveryRateExactly() {
        ModelPrice sonnet = PriceTable.defaults().find("anthropic", "claude-sonnet-4-5").orElseThrow();

        ModelPrice batch = sonnet.batch();

        assertThat(batch.inputPerMTok()).isEqualByComparingTo("1.5");
        assertThat(batch.cachedInputPerMTok()).isEqualByComparingTo("0.15");
        assertThat(batch.cacheWritePerMTok()).isEqualByComparingTo("1.875");
        assertThat(batch.outputPerMTok()).isEqualByComparingTo("7.5");
        assertThat(batch.maxInputTokens()).isEqualTo(sonnet.maxInputTokens());
        // 1,616 input and 500 output tokens: a conversation analysis of the cost replay
        assertThat(sonnet.cost(1616, 0, 0, 500)).isEqualByComparingTo("0.012348");
        assertThat(batch.cost(1616, 0, 0, 500)).isEqualByComparingTo("0.006174");
    }

    @Test
    void oddRatesStayExact() {
        ModelPrice p = new ModelPrice("openai", "gpt-4o-mini", new BigDecimal("0.15"), new BigDecimal("0.075"),
                new BigDecimal("0.15"), new BigDecimal("0.6"), 128_000).batch();

        assertThat(p.cachedInputPerMTok()).isEqualByComparingTo("0.0375");
        // 0.075 + 0.0375 + 0.075 + 0.3 USD per 1M tokens
        assertThat(p.cost(1, 1, 1, 1).toPlainString()).isEqualTo("0.0000004875");
    }

    @Test
    void recordsAreStandardUnlessMarkedBatch() {
        UsageRecord standard = UsageRecord.builder().build();
        UsageRecord batch = UsageRecord.builder().pricing(UsageRecord.Pricing.BATCH).build();

        assertThat(standard.pricing()).isEqualTo(UsageRecord.Pricing.STANDARD);
        assertThat(standard.batchPriced()).isFalse();
        assertThat(batch.batchPriced()).isTrue();
        assertThat(new UsageRecord(batch.timestamp(), "t", null, null, null, "openai", "gpt-4o-mini", "e", 1, 0, 0, 1,
                BigDecimal.ONE, UsageRecord.CostSource.PROVIDER, null, UsageRecord.Outcome.SUCCESS, false, null, null,
                null, null).pricing()).isEqualTo(UsageRecord.Pricing.STANDARD);
    }
}
