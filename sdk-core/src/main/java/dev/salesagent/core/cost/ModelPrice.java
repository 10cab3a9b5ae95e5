package dev.salesagent.core.cost;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The list price of one model: USD per 1,000,000 tokens for each kind of token.
 *
 * <p>Cost arithmetic is exact ({@link BigDecimal}, no rounding): {@code tokens * pricePerMTok / 1_000_000}.
 *
 * @param provider             provider id, e.g. {@code openai}, {@code anthropic}
 * @param model                model name, e.g. {@code gpt-4o-mini}
 * @param inputPerMTok         USD per 1M uncached input tokens
 * @param cachedInputPerMTok   USD per 1M input tokens read from the provider's prompt cache
 * @param cacheWritePerMTok    USD per 1M input tokens written to the provider's prompt cache
 *                             (Anthropic's 5-minute cache write; providers without a surcharge use the input price)
 * @param outputPerMTok        USD per 1M output tokens (including reasoning tokens)
 * @param maxInputTokens       the model's context window in tokens, or 0 when unknown
 */
public record ModelPrice(
        String provider,
        String model,
        BigDecimal inputPerMTok,
        BigDecimal cachedInputPerMTok,
        BigDecimal cacheWritePerMTok,
        BigDecimal outputPerMTok,
        long maxInputTokens) {

    private static final int PER_MILLION_SCALE = 6;

    /**
     * Validates the price.
     *
     * @param provider             provider id, e.g. {@code openai}, {@code anthropic}
     * @param model                model name, e.g. {@code gpt-4o-mini}
     * @param inputPerMTok         USD per 1M uncached input tokens
     * @param cachedInputPerMTok   USD per 1M input tokens read from the provider's prompt cache
     * @param cacheWritePerMTok    USD per 1M input tokens written to the provider's prompt cache
     * @param outputPerMTok        USD per 1M output tokens (including reasoning tokens)
     * @param maxInputTokens       the model's context window in tokens, or 0 when unknown
     * @throws NullPointerException     if a name or price is null
     * @throws IllegalArgumentException if a price or {@code maxInputTokens} is negative
     */
    public ModelPrice {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        requireNonNegative("inputPerMTok", inputPerMTok);
        requireNonNegative("cachedInputPerMTok", cachedInputPerMTok);
        requireNonNegative("cacheWritePerMTok", cacheWritePerMTok);
        requireNonNegative("outputPerMTok", outputPerMTok);
        if (maxInputTokens < 0) {
            throw new IllegalArgumentException("maxInputTokens must be >= 0 but was " + maxInputTokens);
        }
    }

    /**
     * {@return a price with no cache discount or surcharge and an unknown context window}
     *
     * @param provider      provider id, e.g. {@code openai}
     * @param model         model name, e.g. {@code gpt-4o-mini}
     * @param inputPerMTok  USD per 1M input tokens as a decimal string, e.g. {@code "0.15"}
     * @param outputPerMTok USD per 1M output tokens as a decimal string, e.g. {@code "0.60"}
     * @throws NumberFormatException if a price is not a decimal number
     * @throws IllegalArgumentException if a price is negative
     */
    public static ModelPrice of(String provider, String model, String inputPerMTok, String outputPerMTok) {
        BigDecimal in = new BigDecimal(inputPerMTok);
        return new ModelPrice(provider, model, in, in, in, new BigDecimal(outputPerMTok), 0);
    }

    /**
     * This model's price through the vendor's batch API: every rate halved, exactly. OpenAI's Batch API
     * (https://platform.openai.com/docs/guides/batch) and Anthropic's Message Batches API
     * (https://docs.anthropic.com/en/docs/build-with-claude/batch-processing#pricing) both bill 50% of the standard
     * input and output prices, and their prompt-caching rates stack with the discount (cache reads and writes at half
     * their standard rate). Record such calls with {@link UsageRecord.Pricing#BATCH}.
     *
     * @return a price with the same provider, model and context window and half of each USD-per-1M-tokens rate
     */
    public ModelPrice batch() {
        return new ModelPrice(provider, model, half(inputPerMTok), half(cachedInputPerMTok), half(cacheWritePerMTok),
                half(outputPerMTok), maxInputTokens);
    }

    private static BigDecimal half(BigDecimal perMTok) {
        return perMTok.divide(BigDecimal.valueOf(2)).stripTrailingZeros();
    }

    /**
     * The exact cost in USD of the given token counts (all {@code long} tokens, each &gt;= 0).
     *
     * @param inputTokens       uncached input tokens
     * @param cachedInputTokens input tokens read from the prompt cache
     * @param cacheWriteTokens  input tokens written to the prompt cache
     * @param outputTokens      output tokens
     * @return the cost in USD, exact, trailing zeros stripped
     */
    public BigDecimal cost(long inputTokens, long cachedInputTokens, long cacheWriteTokens, long outputTokens) {
        return inputPerMTok.multiply(BigDecimal.valueOf(inputTokens))
                .add(cachedInputPerMTok.multiply(BigDecimal.valueOf(cachedInputTokens)))
                .add(cacheWritePerMTok.multiply(BigDecimal.valueOf(cacheWriteTokens)))
                .add(outputPerMTok.multiply(BigDecimal.valueOf(outputTokens)))
                .movePointLeft(PER_MILLION_SCALE)
                .stripTrailingZeros();
    }

    private static void requireNonNegative(String name, BigDecimal value) {
        Objects.requireNonNull(value, name);
        if (value.signum() < 0) {
            throw new IllegalArgumentException(name + " must be >= 0 but was " + value.toPlainString());
        }
    }
}
