package dev.salesagent.core.cost;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One model call attempt as billed: successful, failed, or served from cache.
 *
 * <p>Token counts are {@code long} tokens with each provider's semantics normalised:
 * {@code inputTokens} are <em>uncached</em> input tokens (OpenAI: {@code prompt_tokens - cached_tokens};
 * Anthropic: {@code input_tokens}), {@code cachedInputTokens} are tokens read from the provider's prompt
 * cache, {@code cacheWriteTokens} are tokens written to it (Anthropic {@code cache_creation_input_tokens}),
 * {@code outputTokens} include reasoning tokens.
 *
 * @param timestamp         when the attempt started
 * @param tenant            tenant billed (never null; {@code default} when none was given)
 * @param user              end user, or null
 * @param feature           feature, or null
 * @param runId             graph run the call belonged to, or null
 * @param provider          provider id, e.g. {@code openai}, {@code anthropic}
 * @param model             model name as priced, e.g. {@code gpt-4o-mini}
 * @param endpoint          router endpoint name
 * @param inputTokens       uncached input tokens
 * @param cachedInputTokens input tokens read from the provider's cache
 * @param cacheWriteTokens  input tokens written to the provider's cache
 * @param outputTokens      output tokens (including reasoning tokens)
 * @param costUsd           cost in USD; {@code null} when {@link CostSource#UNPRICED}
 * @param costSource        where the cost came from
 * @param latency           wall time of the attempt
 * @param outcome           what happened
 * @param cacheHit          true when served from the SDK's response cache (cost zero, no provider call)
 * @param errorType         error type on failure (e.g. {@code rate_limit}, {@code 503}), or null
 * @param cacheKind         which cache served the call: {@link CacheKind#NONE} when {@code cacheHit} is false,
 *                          {@link CacheKind#EXACT} (the default for a hit) or {@link CacheKind#SEMANTIC}; null is
 *                          derived from {@code cacheHit}
 * @param cacheSimilarity   cosine similarity (-1..1) of the prompt to the cached one for a {@link CacheKind#SEMANTIC}
 *                          hit, otherwise null
 * @param tokenSource       whether the token counts came from the provider or were estimated because it reported
 *                          no usage; null is derived from {@code costSource} ({@link TokenSource#ESTIMATED} for
 *                          {@link CostSource#ESTIMATED}); an {@link CostSource#UNPRICED} record can be either
 * @param pricing           which of the vendor's rates priced the call: {@link Pricing#STANDARD} (interactive) or
 *                          {@link Pricing#BATCH} (a vendor batch API: 50% of the standard input and output price);
 *                          null is taken as {@link Pricing#STANDARD}
 */
public record UsageRecord(
        Instant timestamp,
        String tenant,
        String user,
        String feature,
        String runId,
        String provider,
        String model,
        String endpoint,
        long inputTokens,
        long cachedInputTokens,
        long cacheWriteTokens,
        long outputTokens,
        BigDecimal costUsd,
        CostSource costSource,
        Duration latency,
        Outcome outcome,
        boolean cacheHit,
        String errorType,
        CacheKind cacheKind,
        Double cacheSimilarity,
        TokenSource tokenSource,
        Pricing pricing) {

    /**
     * A record without cache details ({@code cacheKind} derived from {@code cacheHit}, no similarity): the
     * constructor of the first release, kept for compatibility.
     *
     * @param timestamp         when the attempt started
     * @param tenant            tenant billed; not null
     * @param user              end user, or null
     * @param feature           feature, or null
     * @param runId             graph run the call belonged to, or null
     * @param provider          provider id, e.g. {@code openai}
     * @param model             model name as priced, e.g. {@code gpt-4o-mini}
     * @param endpoint          router endpoint name
     * @param inputTokens       uncached input tokens (&gt;= 0)
     * @param cachedInputTokens input tokens read from the provider's cache (&gt;= 0)
     * @param cacheWriteTokens  input tokens written to the provider's cache (&gt;= 0)
     * @param outputTokens      output tokens including reasoning tokens (&gt;= 0)
     * @param costUsd           cost in USD; null only when {@code costSource} is {@link CostSource#UNPRICED}
     * @param costSource        where the cost came from; not null
     * @param latency           wall time of the attempt; null is taken as {@link Duration#ZERO}
     * @param outcome           what happened; not null
     * @param cacheHit          true when served from the SDK's response cache
     * @param errorType         error type on failure (e.g. {@code rate_limit}, {@code 503}), or null
     * @throws NullPointerException     if {@code timestamp}, {@code tenant}, {@code costSource} or {@code outcome}
     *                                  is null
     * @throws IllegalArgumentException if a token count is negative or a priced record has no cost
     */
    public UsageRecord(Instant timestamp, String tenant, String user, String feature, String runId, String provider,
                       String model, String endpoint, long inputTokens, long cachedInputTokens, long cacheWriteTokens,
                       long outputTokens, BigDecimal costUsd, CostSource costSource, Duration latency, Outcome outcome,
                       boolean cacheHit, String errorType) {
        this(timestamp, tenant, user, feature, runId, provider, model, endpoint, inputTokens, cachedInputTokens,
                cacheWriteTokens, outputTokens, costUsd, costSource, latency, outcome, cacheHit, errorType, null, null,
                null);
    }

    /**
     * A record whose token source is derived from {@code costSource}: the constructor before {@code tokenSource}
     * was added, kept for compatibility.
     *
     * @param timestamp         when the attempt started
     * @param tenant            tenant billed; not null
     * @param user              end user, or null
     * @param feature           feature, or null
     * @param runId             graph run the call belonged to, or null
     * @param provider          provider id, e.g. {@code openai}
     * @param model             model name as priced, e.g. {@code gpt-4o-mini}
     * @param endpoint          router endpoint name
     * @param inputTokens       uncached input tokens (&gt;= 0)
     * @param cachedInputTokens input tokens read from the provider's cache (&gt;= 0)
     * @param cacheWriteTokens  input tokens written to the provider's cache (&gt;= 0)
     * @param outputTokens      output tokens including reasoning tokens (&gt;= 0)
     * @param costUsd           cost in USD; null only when {@code costSource} is {@link CostSource#UNPRICED}
     * @param costSource        where the cost came from; not null
     * @param latency           wall time of the attempt; null is taken as {@link Duration#ZERO}
     * @param outcome           what happened; not null
     * @param cacheHit          true when served from the SDK's response cache
     * @param errorType         error type on failure (e.g. {@code rate_limit}, {@code 503}), or null
     * @param cacheKind         which cache served the call, or null to derive it from {@code cacheHit}
     * @param cacheSimilarity   cosine similarity (-1..1) for a {@link CacheKind#SEMANTIC} hit, otherwise null
     * @throws NullPointerException     if {@code timestamp}, {@code tenant}, {@code costSource} or {@code outcome}
     *                                  is null
     * @throws IllegalArgumentException as the canonical constructor
     */
    public UsageRecord(Instant timestamp, String tenant, String user, String feature, String runId, String provider,
                       String model, String endpoint, long inputTokens, long cachedInputTokens, long cacheWriteTokens,
                       long outputTokens, BigDecimal costUsd, CostSource costSource, Duration latency, Outcome outcome,
                       boolean cacheHit, String errorType, CacheKind cacheKind, Double cacheSimilarity) {
        this(timestamp, tenant, user, feature, runId, provider, model, endpoint, inputTokens, cachedInputTokens,
                cacheWriteTokens, outputTokens, costUsd, costSource, latency, outcome, cacheHit, errorType, cacheKind,
                cacheSimilarity, null);
    }

    /**
     * A record at the standard (interactive) price: the constructor before {@code pricing} was added, kept for
     * compatibility.
     *
     * @param timestamp         when the attempt started
     * @param tenant            tenant billed; not null
     * @param user              end user, or null
     * @param feature           feature, or null
     * @param runId             graph run the call belonged to, or null
     * @param provider          provider id, e.g. {@code openai}
     * @param model             model name as priced, e.g. {@code gpt-4o-mini}
     * @param endpoint          router endpoint name
     * @param inputTokens       uncached input tokens (&gt;= 0)
     * @param cachedInputTokens input tokens read from the provider's cache (&gt;= 0)
     * @param cacheWriteTokens  input tokens written to the provider's cache (&gt;= 0)
     * @param outputTokens      output tokens including reasoning tokens (&gt;= 0)
     * @param costUsd           cost in USD; null only when {@code costSource} is {@link CostSource#UNPRICED}
     * @param costSource        where the cost came from; not null
     * @param latency           wall time of the attempt; null is taken as {@link Duration#ZERO}
     * @param outcome           what happened; not null
     * @param cacheHit          true when served from the SDK's response cache
     * @param errorType         error type on failure (e.g. {@code rate_limit}, {@code 503}), or null
     * @param cacheKind         which cache served the call, or null to derive it from {@code cacheHit}
     * @param cacheSimilarity   cosine similarity (-1..1) for a {@link CacheKind#SEMANTIC} hit, otherwise null
     * @param tokenSource       provider or estimated token counts, or null to derive it from {@code costSource}
     * @throws NullPointerException     if {@code timestamp}, {@code tenant}, {@code costSource} or {@code outcome}
     *                                  is null
     * @throws IllegalArgumentException as the canonical constructor
     */
    public UsageRecord(Instant timestamp, String tenant, String user, String feature, String runId, String provider,
                       String model, String endpoint, long inputTokens, long cachedInputTokens, long cacheWriteTokens,
                       long outputTokens, BigDecimal costUsd, CostSource costSource, Duration latency, Outcome outcome,
                       boolean cacheHit, String errorType, CacheKind cacheKind, Double cacheSimilarity,
                       TokenSource tokenSource) {
        this(timestamp, tenant, user, feature, runId, provider, model, endpoint, inputTokens, cachedInputTokens,
                cacheWriteTokens, outputTokens, costUsd, costSource, latency, outcome, cacheHit, errorType, cacheKind,
                cacheSimilarity, tokenSource, null);
    }

    /**
     * Validates and normalises: a null {@code latency} becomes zero, a null {@code cacheKind} is derived from
     * {@code cacheHit}.
     *
     * @param timestamp         when the attempt started
     * @param tenant            tenant billed; not null
     * @param user              end user, or null
     * @param feature           feature, or null
     * @param runId             graph run the call belonged to, or null
     * @param provider          provider id, e.g. {@code openai}
     * @param model             model name as priced, e.g. {@code gpt-4o-mini}
     * @param endpoint          router endpoint name
     * @param inputTokens       uncached input tokens (&gt;= 0)
     * @param cachedInputTokens input tokens read from the provider's cache (&gt;= 0)
     * @param cacheWriteTokens  input tokens written to the provider's cache (&gt;= 0)
     * @param outputTokens      output tokens including reasoning tokens (&gt;= 0)
     * @param costUsd           cost in USD; null only when {@code costSource} is {@link CostSource#UNPRICED}
     * @param costSource        where the cost came from; not null
     * @param latency           wall time of the attempt; null is taken as {@link Duration#ZERO}
     * @param outcome           what happened; not null
     * @param cacheHit          true when served from the SDK's response cache
     * @param errorType         error type on failure (e.g. {@code rate_limit}, {@code 503}), or null
     * @param cacheKind         which cache served the call, or null to derive it from {@code cacheHit}
     * @param cacheSimilarity   cosine similarity (-1..1) for a {@link CacheKind#SEMANTIC} hit, otherwise null
     * @param tokenSource       provider or estimated token counts, or null to derive it from {@code costSource}
     * @param pricing           standard or batch rates, or null for {@link Pricing#STANDARD}
     * @throws NullPointerException     if {@code timestamp}, {@code tenant}, {@code costSource} or {@code outcome}
     *                                  is null
     * @throws IllegalArgumentException if a token count is negative, a priced record has no cost, the cache kind
     *                                  contradicts {@code cacheHit}, a similarity is given without a semantic hit
     *                                  or outside -1..1, or {@code costSource} is {@link CostSource#ESTIMATED} with
     *                                  provider token counts
     */
    public UsageRecord {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(costSource, "costSource");
        Objects.requireNonNull(outcome, "outcome");
        latency = latency == null ? Duration.ZERO : latency;
        if (inputTokens < 0 || cachedInputTokens < 0 || cacheWriteTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException("token counts must be >= 0");
        }
        if (costUsd == null && costSource != CostSource.UNPRICED) {
            throw new IllegalArgumentException("costUsd is null but costSource is " + costSource);
        }
        if (cacheKind == null) {
            cacheKind = cacheHit ? CacheKind.EXACT : CacheKind.NONE;
        } else if (cacheHit == (cacheKind == CacheKind.NONE)) {
            throw new IllegalArgumentException("cacheKind " + cacheKind + " contradicts cacheHit=" + cacheHit);
        }
        if (cacheSimilarity != null && (cacheKind != CacheKind.SEMANTIC || !(cacheSimilarity >= -1 && cacheSimilarity <= 1))) {
            throw new IllegalArgumentException("cacheSimilarity " + cacheSimilarity
                    + " needs a SEMANTIC cache hit and a value in -1..1 (cacheKind " + cacheKind + ")");
        }
        if (tokenSource == null) {
            tokenSource = costSource == CostSource.ESTIMATED ? TokenSource.ESTIMATED : TokenSource.PROVIDER;
        } else if (costSource == CostSource.ESTIMATED && tokenSource != TokenSource.ESTIMATED) {
            throw new IllegalArgumentException("costSource ESTIMATED needs tokenSource ESTIMATED but was " + tokenSource);
        }
        pricing = pricing == null ? Pricing.STANDARD : pricing;
    }

    /** {@return true if the call was priced at a vendor batch API's rate ({@link Pricing#BATCH})} */
    public boolean batchPriced() {
        return pricing == Pricing.BATCH;
    }

    /** {@return true if the token counts were estimated because the provider reported no usage} */
    public boolean tokensEstimated() {
        return tokenSource == TokenSource.ESTIMATED;
    }

    /** {@return all input tokens: uncached + cache read + cache write} */
    public long totalInputTokens() {
        return inputTokens + cachedInputTokens + cacheWriteTokens;
    }

    /** {@return the cost in USD, or zero when unpriced (use {@link #costSource()} to tell the two apart)} */
    public BigDecimal costOrZero() {
        return costUsd == null ? BigDecimal.ZERO : costUsd;
    }

    /**
     * {@return a builder with defaults: timestamp now, tenant {@code default}, zero tokens, cost zero USD from
     * {@link CostSource#PROVIDER}, latency zero, outcome {@link Outcome#SUCCESS}, no cache hit}
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Where a record's cost figure came from. */
    public enum CostSource {
        /** Token counts reported by the provider, priced from the {@code PriceTable}. */
        PROVIDER,
        /** Token counts estimated with a tokenizer because the provider omitted usage. */
        ESTIMATED,
        /** The model has no price: cost unknown ({@code costUsd} is null), never silently $0. */
        UNPRICED
    }

    /** Where a record's token counts came from. */
    public enum TokenSource {
        /** The provider's usage report. */
        PROVIDER,
        /** Estimated with a tokenizer (or about 4 characters per token) because the provider reported no usage. */
        ESTIMATED
    }

    /**
     * Which of the vendor's rates priced a call.
     */
    public enum Pricing {
        /** The interactive (synchronous) price of {@link ModelPrice}. */
        STANDARD,
        /**
         * A vendor batch API's price ({@link ModelPrice#batch()}): 50% of every standard rate for OpenAI's Batch API
         * and Anthropic's Message Batches API; results within 24 hours.
         */
        BATCH
    }

    /** Which cache served a call. */
    public enum CacheKind {
        /** Not served from a cache. */
        NONE,
        /** The exact-match {@code ResponseCache}: the same request (canonical form) was answered before. */
        EXACT,
        /** A semantic cache: a prompt similar enough (cosine similarity at or above a threshold) was answered before. */
        SEMANTIC
    }

    /** What happened to the attempt. */
    public enum Outcome {
        /** The provider answered. */
        SUCCESS,
        /**
         * The attempt failed or was cancelled ({@code errorType} says why): usually zero tokens at zero cost, but a
         * stream that broke or was cancelled after output began carries the tokens the provider bills for it.
         */
        FAILURE,
        /** Served from a cache without calling the provider. */
        CACHE_HIT
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private Instant timestamp = Instant.now();
        private String tenant = "default";
        private String user;
        private String feature;
        private String runId;
        private String provider;
        private String model;
        private String endpoint;
        private long inputTokens;
        private long cachedInputTokens;
        private long cacheWriteTokens;
        private long outputTokens;
        private BigDecimal costUsd = BigDecimal.ZERO;
        private CostSource costSource = CostSource.PROVIDER;
        private Duration latency = Duration.ZERO;
        private Outcome outcome = Outcome.SUCCESS;
        private boolean cacheHit;
        private String errorType;
        private CacheKind cacheKind;
        private Double cacheSimilarity;
        private TokenSource tokenSource;
        private Pricing pricing;

        private Builder() {
        }

        /**
         * Sets when the attempt started; default the instant this builder was created.
         *
         * @param v the start of the attempt; not null
         * @return this builder
         */
        public Builder timestamp(Instant v) { this.timestamp = v; return this; }
        /**
         * Sets the tenant billed; default {@code default}.
         *
         * @param v the tenant id, e.g. {@code acme}; not null
         * @return this builder
         */
        public Builder tenant(String v) { this.tenant = v; return this; }
        /**
         * Sets the end user; default none.
         *
         * @param v the end user's id, or null
         * @return this builder
         */
        public Builder user(String v) { this.user = v; return this; }
        /**
         * Sets the feature the call served; default none.
         *
         * @param v the feature, e.g. {@code lead_scoring}, or null
         * @return this builder
         */
        public Builder feature(String v) { this.feature = v; return this; }
        /**
         * Sets the graph run the call belonged to; default none.
         *
         * @param v the run id, or null
         * @return this builder
         */
        public Builder runId(String v) { this.runId = v; return this; }
        /**
         * Sets the provider; default none.
         *
         * @param v the provider id, e.g. {@code openai} or {@code anthropic}
         * @return this builder
         */
        public Builder provider(String v) { this.provider = v; return this; }
        /**
         * Sets the model as priced in the {@code PriceTable}; default none.
         *
         * @param v the model name, e.g. {@code gpt-4o-mini}
         * @return this builder
         */
        public Builder model(String v) { this.model = v; return this; }
        /**
         * Sets the router endpoint that made the call; default none.
         *
         * @param v the endpoint name
         * @return this builder
         */
        public Builder endpoint(String v) { this.endpoint = v; return this; }
        /**
         * Sets the uncached input tokens; default 0.
         *
         * @param v uncached input tokens (&gt;= 0, checked by {@link #build()})
         * @return this builder
         */
        public Builder inputTokens(long v) { this.inputTokens = v; return this; }
        /**
         * Sets the input tokens read from the provider's prompt cache; default 0.
         *
         * @param v cache-read input tokens (&gt;= 0, checked by {@link #build()})
         * @return this builder
         */
        public Builder cachedInputTokens(long v) { this.cachedInputTokens = v; return this; }
        /**
         * Sets the input tokens written to the provider's prompt cache; default 0.
         *
         * @param v cache-write input tokens (&gt;= 0, checked by {@link #build()})
         * @return this builder
         */
        public Builder cacheWriteTokens(long v) { this.cacheWriteTokens = v; return this; }
        /**
         * Sets the output tokens, including reasoning tokens; default 0.
         *
         * @param v output tokens (&gt;= 0, checked by {@link #build()})
         * @return this builder
         */
        public Builder outputTokens(long v) { this.outputTokens = v; return this; }
        /**
         * Sets the cost; default zero.
         *
         * @param v the cost in USD, or null for an {@link CostSource#UNPRICED} record
         * @return this builder
         */
        public Builder costUsd(BigDecimal v) { this.costUsd = v; return this; }
        /**
         * Sets where the cost came from; default {@link CostSource#PROVIDER}.
         *
         * @param v the cost source; not null
         * @return this builder
         */
        public Builder costSource(CostSource v) { this.costSource = v; return this; }
        /**
         * Sets the wall time of the attempt; default zero.
         *
         * @param v the latency; null is taken as zero
         * @return this builder
         */
        public Builder latency(Duration v) { this.latency = v; return this; }
        /**
         * Sets what happened; default {@link Outcome#SUCCESS}.
         *
         * @param v the outcome; not null
         * @return this builder
         */
        public Builder outcome(Outcome v) { this.outcome = v; return this; }
        /**
         * Marks the record as served from the SDK's exact-match response cache (or not); default false.
         *
         * @param v true for a cache hit (no provider call, cost zero)
         * @return this builder
         */
        public Builder cacheHit(boolean v) { this.cacheHit = v; return this; }
        /**
         * Sets the error type of a failed attempt; default none.
         *
         * @param v the error type, e.g. {@code rate_limit} or {@code 503}, or null
         * @return this builder
         */
        public Builder errorType(String v) { this.errorType = v; return this; }
        /**
         * Marks a semantic cache hit ({@code cacheHit=true}, {@link CacheKind#SEMANTIC}) with its cosine similarity.
         *
         * @param similarity cosine similarity of the prompt to the cached one (-1..1, checked by {@link #build()})
         * @return this builder
         */
        public Builder semanticCacheHit(double similarity) {
            this.cacheHit = true;
            this.cacheKind = CacheKind.SEMANTIC;
            this.cacheSimilarity = similarity;
            return this;
        }

        /**
         * Sets where the token counts came from; default derived from the cost source.
         *
         * @param v provider or estimated, or null to derive it ({@link TokenSource#ESTIMATED} for
         *          {@link CostSource#ESTIMATED}, else {@link TokenSource#PROVIDER})
         * @return this builder
         */
        public Builder tokenSource(TokenSource v) { this.tokenSource = v; return this; }

        /**
         * Sets which of the vendor's rates priced the call; default {@link Pricing#STANDARD}.
         *
         * @param v standard or batch, or null for standard
         * @return this builder
         */
        public Builder pricing(Pricing v) { this.pricing = v; return this; }

        /**
         * Validates the fields and builds the record.
         *
         * @return the immutable record
         * @throws NullPointerException     if the timestamp, tenant, cost source or outcome is null
         * @throws IllegalArgumentException if a token count is negative, a priced record has no cost, a similarity
         *                                  is outside -1..1, or {@code cacheHit(false)} followed
         *                                  {@link #semanticCacheHit}
         */
        public UsageRecord build() {
            return new UsageRecord(timestamp, tenant, user, feature, runId, provider, model, endpoint, inputTokens,
                    cachedInputTokens, cacheWriteTokens, outputTokens, costUsd, costSource, latency, outcome, cacheHit,
                    errorType, cacheKind, cacheSimilarity, tokenSource, pricing);
        }
    }
}
