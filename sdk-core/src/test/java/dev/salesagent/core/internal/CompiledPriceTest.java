package dev.salesagent.core.internal;

import dev.salesagent.core.cost.ModelPrice;
import dev.salesagent.core.cost.PriceTable;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The long-arithmetic prices give exactly (value and scale) what the BigDecimal reference gives. */
class CompiledPriceTest {

    private static final long[] TOKENS = {0, 1, 7, 42, 999, 4_096, 128_000, 1_000_000, 2_000_000_000L,
            Long.MAX_VALUE / 1_000};

    private static List<ModelPrice> prices() {
        List<ModelPrice> prices = new ArrayList<>(PriceTable.defaults().prices());
        // odd scales: many decimals, integral, negative scale, and unscaled values beyond a long
        prices.add(new ModelPrice("x", "tiny", new BigDecimal("0.0000001"), new BigDecimal("0.00000001"),
                new BigDecimal("0.000000125"), new BigDecimal("0.0000004"), 0));
        prices.add(new ModelPrice("x", "integral", new BigDecimal("3"), new BigDecimal("1"), new BigDecimal("4"),
                new BigDecimal("15"), 0));
        prices.add(new ModelPrice("x", "negative-scale", new BigDecimal("1E+1"), new BigDecimal("2.5"),
                new BigDecimal("1E+1"), new BigDecimal("3E+2"), 0));
        prices.add(new ModelPrice("x", "huge", new BigDecimal("12345678901234567890.5"), BigDecimal.ONE,
                BigDecimal.ONE, new BigDecimal("0.1"), 0));
        prices.add(new ModelPrice("x", "free", BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 0));
        return prices;
    }

    @Test
    void costEqualsModelPriceCostForEveryBundledPriceAndTokenMix() {
        SplittableRandom random = new SplittableRandom(7);
        int checked = 0;
        for (ModelPrice p : prices()) {
            CompiledPrice compiled = new CompiledPrice(p);
            for (long in : TOKENS) {
                long cached = random.nextLong(0, 200_000);
                long write = random.nextLong(0, 50_000);
                long out = TOKENS[random.nextInt(TOKENS.length)];
                BigDecimal expected = p.cost(in, cached, write, out);
                BigDecimal actual = compiled.cost(in, cached, write, out);
                assertThat(actual).as("%s %d/%d/%d/%d", p, in, cached, write, out).isEqualTo(expected);
                assertThat(actual.scale()).isEqualTo(expected.scale());
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(100);
    }

    @Test
    void worstCaseEqualsTheBigDecimalReferenceIncludingScale() {
        for (ModelPrice p : prices()) {
            CompiledPrice compiled = new CompiledPrice(p);
            for (long in : TOKENS) {
                for (long out : new long[] {0, 500, 4_096, 100_000}) {
                    BigDecimal expected = CompiledPrice.worstCaseExact(p.inputPerMTok().max(p.cacheWritePerMTok()),
                            p.outputPerMTok(), in, out);
                    BigDecimal actual = compiled.worstCase(in, out);
                    assertThat(actual).as("%s %d/%d", p, in, out).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void worstCaseUsesTheHigherOfInputAndCacheWritePrice() {
        ModelPrice claude = new ModelPrice("anthropic", "m", new BigDecimal("1"), new BigDecimal("0.1"),
                new BigDecimal("1.25"), new BigDecimal("5"), 0);

        assertThat(new CompiledPrice(claude).worstCase(1_000_000, 1_000_000)).isEqualByComparingTo("6.25");
    }
}
