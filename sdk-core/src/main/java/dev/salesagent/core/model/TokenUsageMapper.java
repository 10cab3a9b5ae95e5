package dev.salesagent.core.model;

import dev.langchain4j.model.output.TokenUsage;

/**
 * Splits a provider's reported input tokens into uncached, cache-read and cache-write tokens, which are priced
 * differently. LangChain4j's {@link TokenUsage} carries the split only in provider subclasses, so each provider
 * module supplies its mapper with the endpoints it builds ({@link ModelEndpoint.Builder#tokenUsageMapper}); the
 * default, {@link #plain()}, treats every input token as uncached.
 */
@FunctionalInterface
public interface TokenUsageMapper {

    /**
     * The input split of {@code usage}.
     *
     * @param usage usage with a non-null {@link TokenUsage#inputTokenCount()}
     * @return the split, tokens; never null
     */
    InputTokens inputTokens(TokenUsage usage);

    /**
     * The mapper for providers whose usage has no cache details.
     *
     * @return a mapper that counts every input token as uncached (no cache reads or writes)
     */
    static TokenUsageMapper plain() {
        return usage -> new InputTokens(usage.inputTokenCount(), 0, 0);
    }

    /**
     * Input tokens by price class.
     *
     * @param uncachedTokens   input tokens billed at the input price
     * @param cacheReadTokens  input tokens read from the provider's prompt cache
     * @param cacheWriteTokens input tokens written to the provider's prompt cache
     */
    record InputTokens(long uncachedTokens, long cacheReadTokens, long cacheWriteTokens) {

        /**
         * Validates the counts.
         *
         * @param uncachedTokens   input tokens billed at the input price, &gt;= 0
         * @param cacheReadTokens  input tokens read from the provider's prompt cache, &gt;= 0
         * @param cacheWriteTokens input tokens written to the provider's prompt cache, &gt;= 0
         * @throws IllegalArgumentException if a count is negative
         */
        public InputTokens {
            if (uncachedTokens < 0 || cacheReadTokens < 0 || cacheWriteTokens < 0) {
                throw new IllegalArgumentException("token counts must be >= 0 but were " + uncachedTokens + ", "
                        + cacheReadTokens + ", " + cacheWriteTokens);
            }
        }
    }
}
