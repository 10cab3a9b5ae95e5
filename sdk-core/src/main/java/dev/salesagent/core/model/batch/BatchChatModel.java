package dev.salesagent.core.model.batch;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.salesagent.common.retry.Sleeper;
import dev.salesagent.core.context.AiContext;
import dev.salesagent.core.cost.CostTracker;
import dev.salesagent.core.cost.ModelPrice;
import dev.salesagent.core.cost.PriceTable;
import dev.salesagent.core.cost.UsageRecord;
import dev.salesagent.core.model.ProviderError;
import dev.salesagent.core.model.TokenUsageMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * A vendor batch API for chat requests: many requests submitted as one asynchronous batch, billed at the vendor's batch
 * price (50% of the standard input and output price) and answered within 24 hours. Use it for work nobody waits for
 * (e.g. analysing recorded conversations); interactive calls go through the {@code ModelRouter}.
 *
 * <p>This class does the shared work around the vendor calls a provider module implements ({@link #doSubmit},
 * {@link #doStatus}, {@link #doCancel}, {@link #doResults}): it validates requests (non-empty, unique custom ids, at
 * most {@link #maxRequests()}), retries HTTP 429 and 5xx answers (and I/O failures of reads) up to
 * {@link Builder#maxAttempts(int)} attempts with jittered exponential back-off or the vendor's {@code retry-after},
 * polls with an injected {@link Sleeper} and {@link Clock} so tests never sleep, and records one {@link UsageRecord}
 * per result in the {@link CostTracker} with {@link UsageRecord.Pricing#BATCH} and the {@link ModelPrice#batch() batch
 * price}: succeeded requests with their tokens and exact USD cost, failed ones as {@code FAILURE} records at zero
 * cost. Usage is billed to the {@link AiContext} current when {@link #results(String)} (or {@link #run(List)}) is
 * called, once per batch and instance. Thread-safe.
 *
 * <pre>{@code
 * BatchChatModel batches = AnthropicBatches.builder().model("claude-sonnet-4-5").apiKey(key)
 *         .costTracker(tracker).build();
 * List<BatchResult> results = AiContext.builder().tenant("acme").feature("conversation_analysis").build()
 *         .call(() -> batches.run(List.of(BatchRequest.of("call-1", request1), BatchRequest.of("call-2", request2))));
 * }</pre>
 */
public abstract class BatchChatModel {

    private final String provider;
    private final String model;
    private final String name;
    private final CostTracker costTracker;
    private final PriceTable priceTable;
    private final TokenUsageMapper tokenUsageMapper;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration pollInterval;
    private final Duration maxWait;
    private final Duration initialBackoff;
    private final int maxAttempts;
    private final Set<String> billed = ConcurrentHashMap.newKeySet();

    /**
     * @param provider         the provider id used for pricing, e.g. {@code anthropic}
     * @param builder          the validated common settings
     * @param tokenUsageMapper the provider's split of input tokens into uncached, cache-read and cache-write tokens
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if the builder has no model
     */
    protected BatchChatModel(String provider, Builder<?> builder, TokenUsageMapper tokenUsageMapper) {
        this.provider = Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(builder, "builder");
        if (builder.model == null || builder.model.isBlank()) {
            throw new IllegalArgumentException("model is required for a " + provider + " batch model");
        }
        this.model = builder.model;
        this.name = builder.name != null ? builder.name : provider + "-batch";
        this.costTracker = builder.costTracker;
        this.priceTable = builder.priceTable();
        this.tokenUsageMapper = Objects.requireNonNull(tokenUsageMapper, "tokenUsageMapper");
        this.clock = builder.clock;
        this.sleeper = builder.sleeper;
        this.pollInterval = builder.pollInterval;
        this.maxWait = builder.maxWait;
        this.initialBackoff = builder.initialBackoff;
        this.maxAttempts = builder.maxAttempts;
    }

    /** {@return the provider id, e.g. {@code anthropic}} */
    public final String provider() {
        return provider;
    }

    /** {@return the model every request of a batch is sent to, e.g. {@code claude-sonnet-4-5}} */
    public final String model() {
        return model;
    }

    /** {@return the name written to usage records' {@code endpoint}; default {@code <provider>-batch}} */
    public final String name() {
        return name;
    }

    /** {@return the vendor's limit of requests per batch (Anthropic 100,000; OpenAI 50,000)} */
    public abstract int maxRequests();

    /**
     * Creates a batch of {@code requests} at the vendor; returns at once.
     *
     * @param requests the requests, each with a custom id unique in the batch
     * @return the batch as created (usually {@link BatchStatus.State#IN_PROGRESS})
     * @throws IllegalArgumentException if the list is empty or longer than {@link #maxRequests()}, a custom id repeats,
     *                                  or a request uses something the batch API mapping does not carry (images,
     *                                  tools, a JSON-schema response format); nothing is sent then
     * @throws BatchException           if the vendor refuses the batch or retries run out
     */
    public final BatchStatus submit(List<BatchRequest> requests) {
        Objects.requireNonNull(requests, "requests");
        if (requests.isEmpty() || requests.size() > maxRequests()) {
            throw new IllegalArgumentException("a " + provider + " batch takes 1 to " + maxRequests()
                    + " requests but got " + requests.size());
        }
        Set<String> ids = new HashSet<>();
        for (BatchRequest r : requests) {
            if (!ids.add(r.customId())) {
                throw new IllegalArgumentException("customId '" + r.customId() + "' appears more than once in the batch");
            }
        }
        List<BatchRequest> copy = List.copyOf(requests);
        return call("create batch", false, null, () -> doSubmit(copy));
    }

    /**
     * The batch's current state, from the vendor.
     *
     * @param batchId the vendor's batch id
     * @return the batch's status and request counts
     * @throws BatchException if the vendor refuses the call (e.g. 404 unknown batch), retries run out, or the batch
     *                        failed validation (OpenAI {@code failed}; the message lists the vendor's errors)
     */
    public final BatchStatus status(String batchId) {
        Objects.requireNonNull(batchId, "batchId");
        return call("read batch", true, batchId, () -> doStatus(batchId));
    }

    /**
     * Asks the vendor to cancel the batch; requests already processed keep their results, the others end as
     * {@link BatchResult.Status#CANCELED}. The batch ends some time later.
     *
     * @param batchId the vendor's batch id
     * @return the batch's status after the request (usually {@link BatchStatus.State#CANCELING})
     * @throws BatchException if the vendor refuses (e.g. the batch has already ended) or retries run out
     */
    public final BatchStatus cancel(String batchId) {
        Objects.requireNonNull(batchId, "batchId");
        return call("cancel batch", true, batchId, () -> doCancel(batchId));
    }

    /**
     * Polls every {@link Builder#pollInterval(Duration)} until the batch has ended.
     *
     * @param batchId the vendor's batch id
     * @return the ended batch's status
     * @throws BatchException if it has not ended within {@link Builder#maxWait(Duration)} (nothing is cancelled), a
     *                        status call fails, or the waiting thread is interrupted (its flag is set again)
     */
    public final BatchStatus awaitEnd(String batchId) {
        return awaitEnd(batchId, false);
    }

    private BatchStatus awaitEnd(String batchId, boolean cancelOnTimeout) {
        Instant deadline = clock.instant().plus(maxWait);
        BatchStatus s = status(batchId);
        while (!s.ended()) {
            if (!clock.instant().isBefore(deadline)) {
                BatchException timeout = new BatchException(provider + " batch " + batchId + " did not end within "
                        + maxWait + " (state " + s.vendorState() + ", " + s.succeeded() + " of " + s.total()
                        + " succeeded)" + (cancelOnTimeout ? "; cancel requested" : ""), 0, batchId, null);
                if (cancelOnTimeout) {
                    try {
                        cancel(batchId);
                    } catch (RuntimeException cancelFailed) {
                        timeout.addSuppressed(cancelFailed);
                    }
                }
                throw timeout;
            }
            pause(pollInterval, batchId);
            s = status(batchId);
        }
        return s;
    }

    /**
     * The results of an ended batch, one per request, and (the first time per batch on this instance) their usage
     * recorded at the batch price for the current {@link AiContext}'s tenant, user and feature.
     *
     * @param batchId the vendor's batch id
     * @return every result the vendor returned, in the vendor's order
     * @throws BatchException if the batch has not ended, or the vendor refuses the call or retries run out
     */
    public final List<BatchResult> results(String batchId) {
        BatchStatus s = status(batchId);
        if (!s.ended()) {
            throw new BatchException(provider + " batch " + batchId + " has not ended (state " + s.vendorState()
                    + "); results are available once it has", 0, batchId, null);
        }
        List<BatchResult> results = call("read batch results", true, batchId, () -> doResults(s));
        if (costTracker != null && billed.add(batchId)) {
            AiContext ctx = AiContext.current();
            for (BatchResult r : results) {
                costTracker.record(usage(r, s, ctx));
            }
        }
        return results;
    }

    /**
     * Submits the requests, waits for the batch to end ({@link #awaitEnd}) and returns one result per request, in the
     * order submitted; a request the vendor returned no result for is reported as {@link BatchResult.Status#ERRORED}
     * with error type {@code missing_result}. If the batch does not end within {@link Builder#maxWait(Duration)}, a
     * cancel is requested and a {@link BatchException} carrying the batch id is thrown (read
     * {@link #results(String)} later).
     *
     * @param requests the requests, each with a custom id unique in the batch
     * @return one result per request, in submission order
     * @throws IllegalArgumentException as {@link #submit(List)}
     * @throws BatchException           if a vendor call fails after retries or the batch does not end in time
     */
    public final List<BatchResult> run(List<BatchRequest> requests) {
        BatchStatus created = submit(requests);
        BatchStatus ended = awaitEnd(created.id(), true);
        Map<String, BatchResult> byId = new LinkedHashMap<>();
        for (BatchResult r : results(ended.id())) {
            byId.put(r.customId(), r);
        }
        List<BatchResult> ordered = new ArrayList<>(requests.size());
        for (BatchRequest q : requests) {
            BatchResult r = byId.get(q.customId());
            ordered.add(r != null ? r : new BatchResult(q.customId(), BatchResult.Status.ERRORED, null,
                    "missing_result", "batch " + ended.id() + " returned no result for this request"));
        }
        return ordered;
    }

    /**
     * Creates the batch at the vendor (one HTTP exchange or, for OpenAI, an upload and a create).
     *
     * @param requests validated requests, custom ids unique
     * @return the created batch
     */
    protected abstract BatchStatus doSubmit(List<BatchRequest> requests);

    /**
     * Reads the batch from the vendor.
     *
     * @param batchId the vendor's batch id
     * @return its status
     */
    protected abstract BatchStatus doStatus(String batchId);

    /**
     * Asks the vendor to cancel the batch.
     *
     * @param batchId the vendor's batch id
     * @return its status after the request
     */
    protected abstract BatchStatus doCancel(String batchId);

    /**
     * Downloads and parses the results of an ended batch; each succeeded result's {@link ChatResponse#tokenUsage()}
     * must be the provider's {@link TokenUsage} subclass that this instance's {@link TokenUsageMapper} understands.
     *
     * @param ended the batch, {@link BatchStatus#ended()}
     * @return one result per request the vendor reported
     */
    protected abstract List<BatchResult> doResults(BatchStatus ended);

    private UsageRecord usage(BatchResult r, BatchStatus s, AiContext ctx) {
        Instant at = s.endedAt() != null ? s.endedAt() : clock.instant();
        Duration latency = s.createdAt() != null && s.endedAt() != null ? Duration.between(s.createdAt(), s.endedAt())
                : Duration.ZERO;
        UsageRecord.Builder b = UsageRecord.builder().timestamp(at).tenant(ctx.tenant()).user(ctx.user())
                .feature(ctx.feature()).runId(ctx.runId()).provider(provider).endpoint(name).latency(latency)
                .pricing(UsageRecord.Pricing.BATCH);
        if (!r.succeeded()) {
            return b.model(model).outcome(UsageRecord.Outcome.FAILURE).errorType(r.errorType())
                    .costUsd(java.math.BigDecimal.ZERO).build();
        }
        ChatResponse response = r.response();
        String answeredBy = response.modelName() != null ? response.modelName() : model;
        TokenUsage u = response.tokenUsage();
        TokenUsageMapper.InputTokens in = u == null || u.inputTokenCount() == null
                ? new TokenUsageMapper.InputTokens(0, 0, 0) : tokenUsageMapper.inputTokens(u);
        long out = u == null || u.outputTokenCount() == null ? 0 : u.outputTokenCount();
        b.model(answeredBy).inputTokens(in.uncachedTokens()).cachedInputTokens(in.cacheReadTokens())
                .cacheWriteTokens(in.cacheWriteTokens()).outputTokens(out);
        Optional<ModelPrice> price = priceTable.find(provider, answeredBy);
        if (price.isPresent()) {
            b.costUsd(price.get().batch().cost(in.uncachedTokens(), in.cacheReadTokens(), in.cacheWriteTokens(), out))
                    .costSource(UsageRecord.CostSource.PROVIDER);
        } else {
            b.costUsd(null).costSource(UsageRecord.CostSource.UNPRICED);
        }
        return b.build();
    }

    private <T> T call(String what, boolean idempotent, String batchId, Supplier<T> action) {
        for (int attempt = 1; ; attempt++) {
            try {
                return action.get();
            } catch (BatchException | IllegalArgumentException e) {
                throw e;
            } catch (RuntimeException e) {
                ProviderError pe = providerError(e);
                int status = pe == null ? 0 : pe.statusCode();
                boolean io = pe == null && ioFailure(e);
                boolean retryable = pe != null
                        ? status == 429 || status == 503 || status == 529 || (idempotent && status >= 500)
                        : io && idempotent;
                if (!retryable || attempt >= maxAttempts) {
                    throw new BatchException(provider + " " + what + (batchId == null ? "" : " " + batchId)
                            + " failed" + (attempt > 1 ? " after " + attempt + " attempts" : "") + ": "
                            + describe(pe, e), status, batchId, e);
                }
                pause(backoff(attempt, pe), batchId);
            }
        }
    }

    private Duration backoff(int attempt, ProviderError pe) {
        Duration retryAfter = pe == null ? null : retryAfter(pe);
        if (retryAfter != null) {
            return retryAfter;
        }
        long base = initialBackoff.toMillis() << Math.min(attempt - 1, 10);
        long capped = Math.min(base, Duration.ofMinutes(1).toMillis());
        // +-20% jitter so that many clients do not retry in step
        long jitter = (long) (capped * 0.2 * (ThreadLocalRandom.current().nextDouble() * 2 - 1));
        return Duration.ofMillis(capped + jitter);
    }

    private static Duration retryAfter(ProviderError pe) {
        try {
            String ms = pe.header("retry-after-ms");
            if (ms != null) {
                return Duration.ofMillis((long) Double.parseDouble(ms.trim()));
            }
            String s = pe.header("retry-after");
            if (s != null) {
                return Duration.ofMillis((long) (Double.parseDouble(s.trim()) * 1000));
            }
        } catch (NumberFormatException httpDate) {
            return null;
        }
        return null;
    }

    private void pause(Duration d, String batchId) {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BatchException(provider + " batch " + (batchId == null ? "call" : batchId)
                    + ": interrupted while waiting", 0, batchId, e);
        }
    }

    private static ProviderError providerError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProviderError p) {
                return p;
            }
        }
        return null;
    }

    private static boolean ioFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof UncheckedIOException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(ProviderError pe, RuntimeException e) {
        if (pe == null) {
            return e.toString();
        }
        String requestId = pe.header("request-id") != null ? pe.header("request-id") : pe.header("x-request-id");
        String body = pe.body().length() > 500 ? pe.body().substring(0, 500) + "..." : pe.body();
        return "HTTP " + pe.statusCode() + (requestId != null ? " (request " + requestId + ")" : "") + " " + body;
    }

    /**
     * The settings every vendor's batch model shares; not thread-safe. Defaults: poll every 60 s, wait at most 24 h
     * (the vendors' completion window), 4 attempts per vendor call with back-off from 1 s (doubling, at most 60 s,
     * +-20% jitter; a {@code retry-after} or {@code retry-after-ms} header wins), the bundled {@link PriceTable}, no
     * cost tracker, the system UTC clock and a sleeper that blocks the thread.
     *
     * @param <B> the concrete builder, returned by every setter
     */
    public abstract static class Builder<B extends Builder<B>> {
        private String model;
        private String name;
        private CostTracker costTracker;
        private PriceTable priceTable;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.threadSleep();
        private Duration pollInterval = Duration.ofSeconds(60);
        private Duration maxWait = Duration.ofHours(24);
        private Duration initialBackoff = Duration.ofSeconds(1);
        private int maxAttempts = 4;

        /** Creates a builder with the defaults above. */
        protected Builder() {
        }

        /** {@return this builder, typed as the concrete builder} */
        @SuppressWarnings("unchecked")
        protected final B self() {
            return (B) this;
        }

        /** {@return the configured model, or null} */
        protected final String model() {
            return model;
        }

        /** {@return the price table: the configured one or the bundled defaults} */
        protected final PriceTable priceTable() {
            if (priceTable == null) {
                priceTable = PriceTable.defaults();
            }
            return priceTable;
        }

        /**
         * The model every request is sent to, e.g. {@code claude-sonnet-4-5} or {@code gpt-4.1-mini}. Required.
         *
         * @param model the model name as the vendor spells it
         * @return this builder
         */
        public B model(String model) {
            this.model = model;
            return self();
        }

        /**
         * Name written to usage records' {@code endpoint}; default {@code <provider>-batch}.
         *
         * @param name the name
         * @return this builder
         */
        public B name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return self();
        }

        /**
         * Where the usage of each result is recorded at the batch price; default none (nothing recorded).
         *
         * @param costTracker the tracker
         * @return this builder
         */
        public B costTracker(CostTracker costTracker) {
            this.costTracker = Objects.requireNonNull(costTracker, "costTracker");
            return self();
        }

        /**
         * Standard prices, halved for batch calls ({@link ModelPrice#batch()}); default {@link PriceTable#defaults()}.
         *
         * @param priceTable the price table
         * @return this builder
         */
        public B priceTable(PriceTable priceTable) {
            this.priceTable = Objects.requireNonNull(priceTable, "priceTable");
            return self();
        }

        /**
         * The clock that measures {@link #maxWait(Duration)}; default {@link Clock#systemUTC()}.
         *
         * @param clock the clock
         * @return this builder
         */
        public B clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return self();
        }

        /**
         * Waits between polls and retries; default {@link Sleeper#threadSleep()}.
         *
         * @param sleeper the sleeper (tests pass one that advances their clock)
         * @return this builder
         */
        public B sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return self();
        }

        /**
         * Time between status polls in {@link BatchChatModel#awaitEnd(String)}; default 60 s.
         *
         * @param interval the interval, positive
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public B pollInterval(Duration interval) {
            this.pollInterval = positive("pollInterval", interval);
            return self();
        }

        /**
         * How long {@link BatchChatModel#awaitEnd(String)} waits for a batch to end; default 24 h.
         *
         * @param maxWait the wait, positive
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public B maxWait(Duration maxWait) {
            this.maxWait = positive("maxWait", maxWait);
            return self();
        }

        /**
         * First back-off after a retryable failure (doubled per attempt, at most 60 s); default 1 s.
         *
         * @param backoff the first back-off, positive
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public B initialBackoff(Duration backoff) {
            this.initialBackoff = positive("initialBackoff", backoff);
            return self();
        }

        /**
         * Attempts per vendor call, the first included; default 4. HTTP 429, 503 and 529 are retried for every call;
         * other 5xx answers and I/O failures only for calls that change nothing (reads, cancel), not for creating a
         * batch, which might have been created.
         *
         * @param attempts attempts, 1 to 10
         * @return this builder
         * @throws IllegalArgumentException if outside 1..10
         */
        public B maxAttempts(int attempts) {
            if (attempts < 1 || attempts > 10) {
                throw new IllegalArgumentException("maxAttempts must be in 1..10 but was " + attempts);
            }
            this.maxAttempts = attempts;
            return self();
        }

        /**
         * Builds the batch model.
         *
         * @return the thread-safe batch model
         * @throws IllegalArgumentException if a required setting (model, API key) is missing
         */
        public abstract BatchChatModel build();

        private static Duration positive(String what, Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be > 0 but was " + d);
            }
            return d;
        }
    }
}
