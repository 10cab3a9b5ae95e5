package dev.salesagent.core.internal;

import dev.salesagent.core.cost.ModelPrice;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * A {@link ModelPrice} prepared for the router's per-call path. Gives exactly the results of
 * {@link ModelPrice#cost} and of the router's worst-case reservation ({@code max(input, cacheWrite) * inputTokens +
 * output * outputTokens}, USD, per 1M tokens), equal in value and scale, but computes them on the prices' unscaled
 * {@code long} values, converted once here, instead of allocating a {@link BigDecimal} per multiplication. When a
 * price has a negative scale or a product would overflow a {@code long}, it falls back to {@link BigDecimal}
 * arithmetic. Internal: not part of the SDK's API.
 */
public final class CompiledPrice {

    private static final int PER_MILLION_SCALE = 6;
    private static final long NO_FAST_PATH = Long.MIN_VALUE;

    private final ModelPrice price;
    private final BigDecimal worstInputPerMTok;
    // cost(): the four prices unscaled at their common scale
    private final int costScale;
    private final long input;
    private final long cachedInput;
    private final long cacheWrite;
    private final long output;
    // worstCase(): max(input, cacheWrite) and output unscaled at their common scale
    private final int worstScale;
    private final long worstInput;
    private final long worstOutput;

    public CompiledPrice(ModelPrice price) {
        this.price = Objects.requireNonNull(price, "price");
        this.worstInputPerMTok = price.inputPerMTok().max(price.cacheWritePerMTok());
        this.costScale = commonScale(price.inputPerMTok(), price.cachedInputPerMTok(), price.cacheWritePerMTok(),
                price.outputPerMTok());
        this.input = unscaled(price.inputPerMTok(), costScale);
        this.cachedInput = unscaled(price.cachedInputPerMTok(), costScale);
        this.cacheWrite = unscaled(price.cacheWritePerMTok(), costScale);
        this.output = unscaled(price.outputPerMTok(), costScale);
        this.worstScale = commonScale(worstInputPerMTok, price.outputPerMTok());
        this.worstInput = unscaled(worstInputPerMTok, worstScale);
        this.worstOutput = unscaled(price.outputPerMTok(), worstScale);
    }

    public ModelPrice price() {
        return price;
    }

    /** Same as {@link ModelPrice#cost(long, long, long, long)}: exact USD, trailing zeros stripped. */
    public BigDecimal cost(long inputTokens, long cachedInputTokens, long cacheWriteTokens, long outputTokens) {
        if (input != NO_FAST_PATH && cachedInput != NO_FAST_PATH && cacheWrite != NO_FAST_PATH
                && output != NO_FAST_PATH) {
            try {
                long sum = Math.addExact(Math.addExact(Math.multiplyExact(input, inputTokens),
                                Math.multiplyExact(cachedInput, cachedInputTokens)),
                        Math.addExact(Math.multiplyExact(cacheWrite, cacheWriteTokens),
                                Math.multiplyExact(output, outputTokens)));
                return BigDecimal.valueOf(sum, costScale + PER_MILLION_SCALE).stripTrailingZeros();
            } catch (ArithmeticException overflow) {
                // fall through to exact BigDecimal arithmetic
            }
        }
        return price.cost(inputTokens, cachedInputTokens, cacheWriteTokens, outputTokens);
    }

    /**
     * The most a call can cost, USD: {@code inputTokens} at the higher of the input and cache-write prices plus
     * {@code outputTokens} at the output price, unstripped (scale = the prices' common scale + 6).
     */
    public BigDecimal worstCase(long inputTokens, long outputTokens) {
        if (worstInput != NO_FAST_PATH && worstOutput != NO_FAST_PATH) {
            try {
                long sum = Math.addExact(Math.multiplyExact(worstInput, inputTokens),
                        Math.multiplyExact(worstOutput, outputTokens));
                return BigDecimal.valueOf(sum, worstScale + PER_MILLION_SCALE);
            } catch (ArithmeticException overflow) {
                // fall through to exact BigDecimal arithmetic
            }
        }
        return worstCaseExact(worstInputPerMTok, price.outputPerMTok(), inputTokens, outputTokens);
    }

    /** The reference computation of {@link #worstCase}, in {@link BigDecimal}. */
    static BigDecimal worstCaseExact(BigDecimal inputPerMTok, BigDecimal outputPerMTok, long inputTokens,
                                     long outputTokens) {
        return inputPerMTok.multiply(BigDecimal.valueOf(inputTokens))
                .add(outputPerMTok.multiply(BigDecimal.valueOf(outputTokens))).movePointLeft(PER_MILLION_SCALE);
    }

    private static int commonScale(BigDecimal... prices) {
        int scale = 0;
        for (BigDecimal p : prices) {
            if (p.scale() < 0) {
                return -1;
            }
            scale = Math.max(scale, p.scale());
        }
        return scale;
    }

    /** The unscaled value of {@code price} at {@code scale}, or {@link #NO_FAST_PATH} when it does not fit. */
    private static long unscaled(BigDecimal price, int scale) {
        if (scale < 0) {
            return NO_FAST_PATH;
        }
        BigInteger u = price.setScale(scale).unscaledValue();
        return u.bitLength() < 63 ? u.longValue() : NO_FAST_PATH;
    }

    @Override
    public String toString() {
        return "CompiledPrice[" + price + "]";
    }
}
