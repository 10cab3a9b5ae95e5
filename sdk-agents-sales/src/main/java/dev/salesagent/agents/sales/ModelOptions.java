package dev.salesagent.agents.sales;

import dev.salesagent.core.cache.ResponseCache;

import dev.salesagent.agents.sales.scoring.LeadScorer;

/**
 * How the model implementations call their {@code ChatModel}. Immutable.
 *
 * @param batchSize       leads per model call in {@link LeadScorer#scoreAll} (default 10, 1-50)
 * @param temperature     sampling temperature, or null for the model's default (default 0.0)
 * @param maxOutputTokens cap on output tokens per call, or null for the model's default (default 2,000 tokens)
 * @param modelName       the name results record when the response does not report one (default {@code unknown})
 * @param responseCache   the response cache the chat model (a {@code ModelRouter}) stores answers in, or null (default):
 *                        an answer that fails validation is evicted from it and a repaired answer replaces it, so
 *                        only accepted answers stay cached
 */
public record ModelOptions(int batchSize, Double temperature, Integer maxOutputTokens, String modelName,
                           ResponseCache responseCache) {

    private static final ModelOptions DEFAULTS = new ModelOptions(10, 0.0, 2_000, "unknown", null);

    /**
     * Validates the components.
     *
     * @param batchSize leads per model call in {@link LeadScorer#scoreAll} (default 10, 1-50)
     * @param temperature sampling temperature, or null for the model's default (default 0.0)
     * @param maxOutputTokens cap on output tokens per call, or null for the model's default (default 2,000 tokens)
     * @param modelName the name results record when the response does not report one (default {@code unknown})
     * @param responseCache the response cache the chat model (a {@code ModelRouter}) stores answers in, or null (default): an answer that fails validation is evicted from it and a repaired answer replaces it, so only accepted answers stay cached
     * @throws IllegalArgumentException naming the bad value
     */
    public ModelOptions {
        if (batchSize < 1 || batchSize > 50) {
            throw new IllegalArgumentException("batchSize must be 1-50 but was " + batchSize);
        }
        if (maxOutputTokens != null && maxOutputTokens < 1) {
            throw new IllegalArgumentException("maxOutputTokens must be >= 1 but was " + maxOutputTokens);
        }
        modelName = modelName == null || modelName.isBlank() ? "unknown" : modelName;
    }

    /** {@return batch size 10, temperature 0, 2,000 output tokens, model name {@code unknown}} */
    public static ModelOptions defaults() {
        return DEFAULTS;
    }

    /**
     * {@return a copy with another batch size (leads per scoring call, 1-50)}
     *
     * @param batchSize leads per scoring call, 1-50
     */
    public ModelOptions withBatchSize(int batchSize) {
        return new ModelOptions(batchSize, temperature, maxOutputTokens, modelName, responseCache);
    }

    /**
     * {@return a copy with another temperature (null = the model's default)}
     *
     * @param temperature the sampling temperature, or null for the model's default
     */
    public ModelOptions withTemperature(Double temperature) {
        return new ModelOptions(batchSize, temperature, maxOutputTokens, modelName, responseCache);
    }

    /**
     * {@return a copy with another output cap in tokens (null = the model's default)}
     *
     * @param maxOutputTokens the output cap in tokens (at least 1), or null for the model's default
     */
    public ModelOptions withMaxOutputTokens(Integer maxOutputTokens) {
        return new ModelOptions(batchSize, temperature, maxOutputTokens, modelName, responseCache);
    }

    /**
     * A copy that keeps {@code cache} free of rejected answers: pass the {@code ResponseCache} given to the
     * {@code ModelRouter} that is the chat model (null = none).
     *
     * @param cache the router's response cache, or null for none
     * @return a copy with that cache
     */
    public ModelOptions withResponseCache(ResponseCache cache) {
        return new ModelOptions(batchSize, temperature, maxOutputTokens, modelName, cache);
    }

    /**
     * {@return a copy with another fallback model name}
     *
     * @param modelName the name recorded when the response reports none; blank or null means {@code unknown}
     */
    public ModelOptions withModelName(String modelName) {
        return new ModelOptions(batchSize, temperature, maxOutputTokens, modelName, responseCache);
    }
}
