package dev.salesagent.core.model;

import dev.salesagent.common.redact.PiiRedactor;
import dev.salesagent.common.retry.Sleeper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.output.TokenUsage;
import dev.salesagent.core.cache.ResponseCache;
import dev.salesagent.core.context.AiContext;
import dev.salesagent.core.cost.BudgetExceededException;
import dev.salesagent.core.cost.CostScope;
import dev.salesagent.core.cost.CostTracker;
import dev.salesagent.core.cost.ModelPrice;
import dev.salesagent.core.cost.PriceTable;
import dev.salesagent.core.cost.UsageRecord;
import dev.salesagent.core.internal.AiMeters;
import dev.salesagent.core.internal.CompiledPrice;
import dev.salesagent.core.model.ModelCallException.Attempt;
import dev.salesagent.core.model.ModelCallException.Reason;
import dev.salesagent.core.model.ApproximateTokenCountEstimator;
import dev.salesagent.core.model.internal.Failures;
import dev.salesagent.core.model.internal.Failures.Failure;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** The routing engine behind {@link ModelRouter}: tiering, cache, reservations, retries, fallback, records. */
final class RouterEngine {

    private static final Logger log = LoggerFactory.getLogger(ModelRouter.class);
    /** Provider error messages echo keys and prompt text; they are redacted before they reach an exception or log. */
    private static final PiiRedactor REDACTOR = PiiRedactor.defaults();

    /** What the caller forced: a tier, an endpoint, or a declared complexity (all null: the policy decides). */
    record Route(ModelTier tier, ModelEndpoint endpoint, TaskProfile.Complexity complexity) {
        static final Route POLICY = new Route(null, null, null);
    }

    private final List<ModelEndpoint> endpoints;
    private final Map<String, ModelEndpoint> byName = new LinkedHashMap<>();
    private final Map<ModelTier, List<ModelEndpoint>> byTier = new EnumMap<>(ModelTier.class);
    private final Map<ModelTier, String> tierRouteKeys = new EnumMap<>(ModelTier.class);
    /** Per-endpoint state by endpoint name, resolved once so a call does no per-endpoint setup work. */
    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private final RoutingPolicy policy;
    private final PriceTable prices;
    private final CostTracker tracker;
    private final ResponseCache cache;
    private final ResponseCache.Policy cachePolicy;
    private final AiMeters meters;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration initialBackoff;
    private final Duration maxRetryWait;
    private final TokenCountEstimator estimator;
    private final Set<String> warnedUnpriced = ConcurrentHashMap.newKeySet();
    private final Executor streamingExecutor;

    RouterEngine(ModelRouter.Builder b) {
        this.endpoints = List.copyOf(b.endpoints);
        this.policy = b.policy;
        this.prices = b.prices;
        this.tracker = b.tracker;
        this.cache = b.cache;
        this.cachePolicy = b.cachePolicy;
        this.meters = new AiMeters(b.registry);
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.initialBackoff = b.initialBackoff;
        this.maxRetryWait = b.maxRetryWait;
        this.estimator = b.estimator;
        this.streamingExecutor = b.streamingExecutor;
        CircuitBreakerRegistry cbRegistry = CircuitBreakerRegistry.of(b.circuitBreakerConfig);
        RetryConfig retryConfig = RetryConfig.<Object>custom()
                .maxAttempts(b.maxAttemptsPerEndpoint)
                .retryOnException(e -> e instanceof RetrySignal)
                .intervalBiFunction((attempt, either) -> {
                    // Resilience4j sleeps through a static, JVM-wide hook; wait here through the injected sleeper
                    Throwable error = either.isLeft() ? either.getLeft() : null;
                    waitBeforeRetry(error instanceof RetrySignal s ? s.failure : null, attempt);
                    return 0L;
                })
                .build();
        for (ModelEndpoint e : endpoints) {
            if (byName.put(e.name(), e) != null) {
                throw new IllegalArgumentException("duplicate endpoint name " + e.name());
            }
            byTier.computeIfAbsent(e.tier(), t -> new ArrayList<>()).add(e);
            tierRouteKeys.computeIfAbsent(e.tier(), t -> "tier:" + t);
            slots.put(e.name(), new Slot(slots.size(), cbRegistry.circuitBreaker(e.name()),
                    Retry.of(e.name(), retryConfig), prices.find(e.provider(), e.model()).map(CompiledPrice::new),
                    "endpoint:" + e.name(), meters.endpoint(e.provider(), e.model())));
        }
    }

    /**
     * What the engine keeps per endpoint.
     *
     * @param index    position in {@link #endpoints}, for the per-call tried-set
     * @param price    the endpoint's price, if the price table has one
     * @param routeKey the endpoint's route in cache keys when the caller forced it
     * @param meters   the endpoint's success meters
     */
    private record Slot(int index, CircuitBreaker breaker, Retry retry, Optional<CompiledPrice> price,
                        String routeKey, AiMeters.Endpoint meters) {
    }

    List<ModelEndpoint> endpoints() {
        return endpoints;
    }

    CostTracker tracker() {
        return tracker;
    }

    /**
     * The capabilities the router can serve for {@code route}: those of the forced endpoint, else those of any
     * endpoint (a request that needs one is routed only to endpoints that declare it).
     */
    Set<Capability> capabilities(Route route) {
        if (route.endpoint() != null) {
            return route.endpoint().capabilities();
        }
        Set<Capability> any = new HashSet<>();
        for (ModelEndpoint e : endpoints) {
            any.addAll(e.capabilities());
        }
        return Set.copyOf(any);
    }

    /** What one logical call was routed to, for listeners; filled in as the call goes. */
    static final class Routed {
        volatile ModelEndpoint endpoint;
        volatile List<Attempt> attempts = List.of();
    }

    /**
     * Where a call goes: the request without its model name, its size, the endpoints in order, the tier (null when
     * the caller forced an endpoint or a model), the cache route key, whether escalation is allowed and the
     * capabilities the request needs.
     */
    private record Plan(ChatRequest request, PromptSize size, ModelTier tier, List<ModelEndpoint> chain,
                        String routeKey, boolean mayEscalate, Set<Capability> needs) {
    }

    /**
     * Plans the call.
     *
     * @throws ModelCallException with {@link Reason#UNKNOWN_MODEL} if the request names a model no endpoint (of the
     *                            view) serves, or {@link Reason#UNSUPPORTED_CAPABILITY} if no endpoint it may use
     *                            supports what the request needs
     */
    private Plan plan(AiContext ctx, ChatRequest original, Route route) {
        String wantedModel = original.parameters() == null ? null : original.parameters().modelName();
        ChatRequest request = withoutModelName(original);
        PromptSize size = PromptSize.of(request);
        Set<Capability> needs = needs(request);
        ModelTier tier = null;
        List<ModelEndpoint> chain;
        String routeKey;
        boolean mayEscalate;
        if (wantedModel != null) {
            List<ModelEndpoint> serving = new ArrayList<>();
            for (ModelEndpoint e : route.endpoint() != null ? List.of(route.endpoint()) : endpoints) {
                if (e.model().equals(wantedModel) || e.name().equals(wantedModel)) {
                    serving.add(e);
                }
            }
            if (serving.isEmpty()) {
                throw unroutable(Reason.UNKNOWN_MODEL, "unknown_model", "The request names model '" + wantedModel
                        + "' but no endpoint " + (route.endpoint() != null ? "of this view " : "") + "serves it; "
                        + "models served: " + (route.endpoint() != null ? List.of(route.endpoint().model())
                        : endpoints.stream().map(ModelEndpoint::model).distinct().toList()));
            }
            chain = serving;
            routeKey = "model:" + wantedModel;
            mayEscalate = false;
        } else if (route.endpoint() != null) {
            chain = List.of(route.endpoint());
            routeKey = slots.get(route.endpoint().name()).routeKey();
            mayEscalate = false;
        } else {
            tier = tier(ctx, request, route, size);
            chain = byTier.get(tier);
            routeKey = tierRouteKeys.get(tier);
            mayEscalate = true;
        }
        if (!needs.isEmpty()) {
            List<ModelEndpoint> capable = new ArrayList<>(chain.size());
            for (ModelEndpoint e : chain) {
                if (e.capabilities().containsAll(needs)) {
                    capable.add(e);
                }
            }
            if (capable.isEmpty() && tier != null) {
                // no endpoint of the tier can: the nearest tiers' capable endpoints
                ModelTier from = tier;
                endpoints.stream().filter(e -> e.capabilities().containsAll(needs))
                        .sorted(Comparator.comparingInt(e -> Math.abs(e.tier().ordinal() - from.ordinal())))
                        .forEach(capable::add);
            }
            if (capable.isEmpty()) {
                throw unroutable(Reason.UNSUPPORTED_CAPABILITY, "unsupported_capability", "The request needs "
                        + needs + " but no endpoint it may use declares it; endpoints: " + chain.stream()
                        .map(e -> e.name() + e.capabilities()).toList()
                        + " (declare capabilities on the endpoint builder)");
            }
            chain = capable;
        }
        return new Plan(request, size, tier, chain, routeKey, mayEscalate, needs);
    }

    /**
     * The error for a call no endpoint can take. A missing capability carries LangChain4j's
     * {@link UnsupportedFeatureException} as its cause, the exception a single model raises for it, so code that
     * falls back on it (e.g. to a schema in the prompt) keeps working over the router.
     */
    private static ModelCallException unroutable(Reason reason, String type, String message) {
        return new ModelCallException(message, List.of(new Attempt("-", "-", "-", reason, 0, type, null, null,
                Duration.ZERO, message)),
                reason == Reason.UNSUPPORTED_CAPABILITY ? new UnsupportedFeatureException(message) : null);
    }

    /** The capabilities {@code request} needs: a JSON-schema response format needs RESPONSE_FORMAT_JSON_SCHEMA. */
    private static Set<Capability> needs(ChatRequest request) {
        ResponseFormat format = request.responseFormat();
        if (format != null && format.type() == ResponseFormatType.JSON && format.jsonSchema() != null) {
            return JSON_SCHEMA;
        }
        return Set.of();
    }

    private static final Set<Capability> JSON_SCHEMA = Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA);

    List<EndpointStatus> endpointStatus() {
        List<EndpointStatus> out = new ArrayList<>(endpoints.size());
        for (ModelEndpoint e : endpoints) {
            CircuitBreaker breaker = slots.get(e.name()).breaker();
            CircuitBreaker.Metrics m = breaker.getMetrics();
            out.add(new EndpointStatus(e.name(), e.provider(), e.model(), e.tier(), circuitState(breaker.getState()),
                    m.getNumberOfFailedCalls(), m.getNumberOfSuccessfulCalls()));
        }
        return List.copyOf(out);
    }

    static EndpointStatus.CircuitState circuitState(CircuitBreaker.State state) {
        return switch (state) {
            case CLOSED -> EndpointStatus.CircuitState.CLOSED;
            case OPEN -> EndpointStatus.CircuitState.OPEN;
            case HALF_OPEN -> EndpointStatus.CircuitState.HALF_OPEN;
            case DISABLED, METRICS_ONLY -> EndpointStatus.CircuitState.DISABLED;
            case FORCED_OPEN -> EndpointStatus.CircuitState.FORCED_OPEN;
        };
    }

    ModelEndpoint endpoint(String name) {
        ModelEndpoint e = byName.get(name);
        if (e == null) {
            throw new IllegalArgumentException("no endpoint named '" + name + "'; endpoints: " + byName.keySet());
        }
        return e;
    }

    ChatResponse route(ChatRequest original, Route route) {
        return route(original, route, null);
    }

    /** Routes one call; {@code routed}, when not null, receives the endpoint that answered and the failed attempts. */
    ChatResponse route(ChatRequest original, Route route, Routed routed) {
        AiContext ctx = AiContext.current();
        Plan plan = plan(ctx, original, route);
        ChatRequest request = plan.request();
        Optional<Duration> ttl = cache == null ? Optional.empty() : cachePolicy.ttlFor(ctx.feature());
        String key = null;
        if (ttl.isPresent()) {
            key = ResponseCache.key(plan.routeKey(), request);
            Optional<ChatResponse> hit = cache.get(ctx.tenant(), key);
            meters.cache(ctx.feature(), hit.isPresent());
            if (hit.isPresent()) {
                recordCacheHit(ctx, hit.get());
                return hit.get();
            }
        }
        ChatResponse response = execute(ctx, plan, routed);
        if (key != null) {
            cache.put(ctx.tenant(), key, response, ttl.get());
        }
        return response;
    }

    /** The tier to route to, or null when the caller forced an endpoint. */
    private ModelTier tier(AiContext ctx, ChatRequest request, Route route, PromptSize size) {
        if (route.endpoint() != null) {
            return null;
        }
        ModelTier wanted = route.tier() != null ? route.tier()
                : policy.tierFor(new TaskProfile(ctx.feature(), route.complexity(), size.approxTokens(),
                hasTools(request)));
        return available(wanted);
    }

    private ChatResponse execute(AiContext ctx, Plan plan, Routed routed) {
        ChatRequest request = plan.request();
        Chain c = new Chain(plan, false);
        if (routed != null) {
            routed.attempts = c.attempts;
        }
        ModelEndpoint ep;
        while ((ep = c.next()) != null) {
            Slot slot = slots.get(ep.name());
            if (routed != null) {
                routed.endpoint = ep;
            }
            AttemptResult r = callEndpoint(ctx, request, ep, slot, plan.size(), outputCap(request, ep), c.attempts);
            if (r.response != null) {
                return r.response;
            }
            ModelCallException fatal = c.failed(ep, r.reason, r.error);
            if (fatal != null) {
                throw fatal;
            }
        }
        throw c.exhausted();
    }

    /**
     * One call's walk along its fallback chain: which endpoints were tried, which providers ran out of quota, and
     * every attempt. Shared by blocking and streaming calls.
     */
    private final class Chain {
        final Deque<ModelEndpoint> queue;
        final boolean[] tried = new boolean[endpoints.size()];
        final List<Attempt> attempts = new ArrayList<>();
        final List<ModelEndpoint> chain;
        final ChatRequest request;
        final PromptSize size;
        final boolean mayEscalate;
        final boolean streaming;
        final Set<Capability> needs;
        Set<String> quotaExhausted;
        RuntimeException last;
        long largestNeed;

        Chain(Plan plan, boolean streaming) {
            this.queue = new ArrayDeque<>(plan.chain());
            this.chain = plan.chain();
            this.request = plan.request();
            this.size = plan.size();
            this.mayEscalate = plan.mayEscalate();
            this.streaming = streaming;
            this.needs = plan.needs();
        }

        /** The next endpoint worth calling, or null when the chain is exhausted. */
        ModelEndpoint next() {
            while (!queue.isEmpty()) {
                ModelEndpoint ep = queue.poll();
                Slot slot = slots.get(ep.name());
                if (tried[slot.index()]) {
                    continue;
                }
                tried[slot.index()] = true;
                if (quotaExhausted != null && quotaExhausted.contains(ep.provider())) {
                    continue;
                }
                if (!needs.isEmpty() && !ep.capabilities().containsAll(needs)) {
                    continue; // an escalation target without the capability the request needs
                }
                if (streaming && ep.streamingChatModel() == null) {
                    attempts.add(new Attempt(ep.name(), ep.provider(), ep.model(), Reason.INVALID_REQUEST, 0,
                            "streaming_unsupported", null, null, Duration.ZERO, "endpoint has no streaming model"));
                    continue;
                }
                long need = size.approxTokens() + outputCap(request, ep);
                if (need > ep.contextWindowTokens()) {
                    largestNeed = Math.max(largestNeed, need);
                    if (mayEscalate) {
                        escalate(queue, ep, tried);
                    }
                    continue;
                }
                return ep;
            }
            return null;
        }

        /** Notes a failed endpoint; returns the exception to raise when the failure must not fall back. */
        ModelCallException failed(ModelEndpoint ep, Reason reason, RuntimeException error) {
            last = error;
            if (!Failures.failsOver(reason)) {
                return new ModelCallException("Model call failed on endpoint " + ep.name()
                        + " and is not retryable", attempts, last);
            }
            switch (reason) {
                case INVALID_REQUEST, AUTHENTICATION, NOT_FOUND -> {
                    return new ModelCallException("Model call failed on endpoint " + ep.name()
                            + " and is not retryable", attempts, last);
                }
                case CONTEXT_LENGTH -> {
                    if (mayEscalate) {
                        escalate(queue, ep, tried);
                    }
                }
                case QUOTA_EXHAUSTED -> {
                    if (quotaExhausted == null) {
                        quotaExhausted = new HashSet<>(2);
                    }
                    quotaExhausted.add(ep.provider());
                }
                default -> {
                    // retryable: try the next endpoint of the chain
                }
            }
            if (!queue.isEmpty()) {
                meters.fallback(ep.name(), reason.name().toLowerCase());
                log.info("Model endpoint {} failed ({}); failing over", ep.name(), reason);
            }
            return null;
        }

        ModelCallException exhausted() {
            if (attempts.isEmpty() && largestNeed > 0) {
                attempts.add(new Attempt(chain.get(0).name(), chain.get(0).provider(), chain.get(0).model(),
                        Reason.CONTEXT_LENGTH, 0, "context_window_too_small", null, null, Duration.ZERO,
                        "about " + largestNeed + " tokens (prompt + output cap) fit no endpoint's context window"));
                return new ModelCallException("No endpoint can hold the request", attempts, null);
            }
            return new ModelCallException("Every endpoint failed", attempts, last);
        }
    }

    // ---- streaming ----

    /**
     * Streams the call along the same chain as {@link #route}. Every outcome, including a refused budget, reaches
     * {@code handler.onError}; nothing is thrown. No response cache.
     */
    void stream(ChatRequest original, Route route, StreamingChatResponseHandler handler, Routed routed) {
        AiContext ctx = AiContext.current();
        Plan plan;
        try {
            plan = plan(ctx, original, route);
        } catch (RuntimeException e) {
            handler.onError(e);
            return;
        }
        StreamCall call = new StreamCall(ctx, new Chain(plan, true), handler, routed);
        try {
            streamingExecutor.execute(call::next);
        } catch (RejectedExecutionException e) {
            handler.onError(new ModelCallException("The router's streaming executor refused the call (saturated or"
                    + " shut down); nothing was sent", e));
        }
    }

    /** One streaming call: starts the next endpoint's stream until one completes or a failure must surface. */
    private final class StreamCall {
        private final AiContext ctx;
        private final Chain chain;
        private final StreamingChatResponseHandler handler;
        private final Routed routed;

        StreamCall(AiContext ctx, Chain chain, StreamingChatResponseHandler handler, Routed routed) {
            this.ctx = ctx;
            this.chain = chain;
            this.handler = handler;
            this.routed = routed;
            if (routed != null) {
                routed.attempts = chain.attempts;
            }
        }

        void next() {
            ModelEndpoint ep = chain.next();
            if (ep == null) {
                handler.onError(chain.exhausted());
                return;
            }
            start(ep, null);
        }

        /** Starts one attempt on {@code ep}; {@code retry} is the endpoint's retry context after a failure. */
        void start(ModelEndpoint ep, Retry.Context<Object> retry) {
            Slot slot = slots.get(ep.name());
            CircuitBreaker breaker = slot.breaker();
            if (!breaker.tryAcquirePermission()) {
                chain.attempts.add(new Attempt(ep.name(), ep.provider(), ep.model(), Reason.CIRCUIT_OPEN, 0,
                        "circuit_open", null, null, Duration.ZERO, "circuit breaker " + breaker.getState()));
                chain.failed(ep, Reason.CIRCUIT_OPEN, null);
                next();
                return;
            }
            Holds holds;
            try {
                holds = reserve(ctx, worstCase(slot, chain.size.maxTokens(), outputCap(chain.request, ep)));
            } catch (RuntimeException e) {
                breaker.releasePermission();
                handler.onError(e);
                return;
            }
            if (routed != null) {
                routed.endpoint = ep;
            }
            Leg leg = new Leg(ep, slot, holds, retry);
            try {
                ep.streamingChatModel().chat(chain.request, leg);
            } catch (RuntimeException e) {
                leg.onError(e);
            }
        }

        /** Receives one endpoint's stream; forwards tokens and decides what a failure means. */
        private final class Leg implements StreamingChatResponseHandler {
            private final ModelEndpoint ep;
            private final Slot slot;
            private final Holds holds;
            private final Instant startedAt = clock.instant();
            private final long t0 = System.nanoTime();
            private final StringBuilder text = new StringBuilder();
            private final java.util.concurrent.atomic.AtomicBoolean finished =
                    new java.util.concurrent.atomic.AtomicBoolean();
            private final Retry.Context<Object> retry;
            private volatile boolean delivered;
            private volatile CancelHandle cancelHandle;

            Leg(ModelEndpoint ep, Slot slot, Holds holds, Retry.Context<Object> retry) {
                this.ep = ep;
                this.slot = slot;
                this.holds = holds;
                this.retry = retry;
            }

            @Override
            public void onPartialResponse(String partial) {
                delivered = true;
                text.append(partial);
                handler.onPartialResponse(partial);
            }

            @Override
            public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                delivered = true;
                text.append(partial.text());
                handler.onPartialResponse(partial, new PartialResponseContext(handle(context.streamingHandle())));
            }

            private StreamingHandle handle(StreamingHandle inner) {
                CancelHandle h = cancelHandle;
                if (h == null || h.inner != inner) {
                    h = new CancelHandle(inner);
                    cancelHandle = h;
                }
                return h;
            }

            /** Passes the caller's cancel on to the provider's stream and settles the attempt's reservation. */
            private final class CancelHandle implements StreamingHandle {
                private final StreamingHandle inner;

                CancelHandle(StreamingHandle inner) {
                    this.inner = inner;
                }

                @Override
                public void cancel() {
                    try {
                        inner.cancel();
                    } finally {
                        cancelled();
                    }
                }

                @Override
                public boolean isCancelled() {
                    return inner.isCancelled();
                }
            }

            /** The caller cancelled: the tokens streamed so far are billed (estimated); the hold is released. */
            private void cancelled() {
                if (!finished.compareAndSet(false, true)) {
                    return;
                }
                Duration took = Duration.ofNanos(System.nanoTime() - t0);
                slot.breaker().releasePermission();
                UsageRecord u = successRecord(ctx, ep, slot, startedAt, took,
                        ChatResponse.builder().aiMessage(AiMessage.from(text.toString())).build(), chain.request);
                holds.settle(new UsageRecord(u.timestamp(), u.tenant(), u.user(), u.feature(), u.runId(),
                        u.provider(), u.model(), u.endpoint(), u.inputTokens(), u.cachedInputTokens(),
                        u.cacheWriteTokens(), u.outputTokens(), u.costUsd(), u.costSource(), took,
                        UsageRecord.Outcome.FAILURE, false, "cancelled", null, null, u.tokenSource()));
            }

            @Override
            public void onPartialThinking(PartialThinking partial) {
                delivered = true;
                handler.onPartialThinking(partial);
            }

            @Override
            public void onPartialThinking(PartialThinking partial, PartialThinkingContext context) {
                delivered = true;
                handler.onPartialThinking(partial, context);
            }

            @Override
            public void onPartialToolCall(PartialToolCall call) {
                delivered = true;
                handler.onPartialToolCall(call);
            }

            @Override
            public void onPartialToolCall(PartialToolCall call, PartialToolCallContext context) {
                delivered = true;
                handler.onPartialToolCall(call, context);
            }

            @Override
            public void onCompleteToolCall(CompleteToolCall call) {
                delivered = true;
                handler.onCompleteToolCall(call);
            }

            @Override
            public void onUnmappedRawEvent(Object event) {
                handler.onUnmappedRawEvent(event);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                if (!finished.compareAndSet(false, true)) {
                    return;
                }
                Duration took = Duration.ofNanos(System.nanoTime() - t0);
                slot.breaker().onSuccess(took.toNanos(), TimeUnit.NANOSECONDS);
                UsageRecord record = successRecord(ctx, ep, slot, startedAt, took, response, chain.request);
                holds.settle(record);
                slot.meters().success(response.modelName(), took, record.totalInputTokens(), record.outputTokens());
                if (retry != null) {
                    retry.onComplete();
                }
                handler.onCompleteResponse(response);
            }

            @Override
            public void onError(Throwable error) {
                if (!finished.compareAndSet(false, true)) {
                    return;
                }
                Duration took = Duration.ofNanos(System.nanoTime() - t0);
                Failure f = Failures.classify(error, clock);
                if (f.reason() == Reason.REJECTED_BEFORE_SEND && !delivered) {
                    // the caller's request was refused client-side: nothing was sent, nothing to count or bill
                    slot.breaker().releasePermission();
                    holds.release();
                    handler.onError(error);
                    return;
                }
                if (Failures.countsAgainstBreaker(f.reason())) {
                    slot.breaker().onError(took.toNanos(), TimeUnit.NANOSECONDS, error);
                } else {
                    slot.breaker().releasePermission();
                }
                UsageRecord record;
                if (delivered) {
                    // the provider bills the tokens it streamed: estimate them, keep the failure outcome
                    UsageRecord u = successRecord(ctx, ep, slot, startedAt, took,
                            ChatResponse.builder().aiMessage(AiMessage.from(text.toString())).build(), chain.request);
                    record = new UsageRecord(u.timestamp(), u.tenant(), u.user(), u.feature(), u.runId(),
                            u.provider(), u.model(), u.endpoint(), u.inputTokens(), u.cachedInputTokens(),
                            u.cacheWriteTokens(), u.outputTokens(), u.costUsd(), u.costSource(), took,
                            UsageRecord.Outcome.FAILURE, false, f.errorType(), null, null, u.tokenSource());
                } else {
                    record = failureRecord(ctx, ep, startedAt, took, f);
                }
                holds.settle(record);
                meters.duration(ep.provider(), ep.model(), null, took, f.errorType());
                chain.attempts.add(new ModelCallException.Attempt(ep.name(), ep.provider(), ep.model(), f.reason(),
                        f.statusCode(), f.errorType(), f.requestId(), f.retryAfter(), took, REDACTOR.redact(f.message())));
                RuntimeException cause = error instanceof RuntimeException r ? r : new RuntimeException(error);
                if (delivered) {
                    handler.onError(new ModelCallException("Stream from endpoint " + ep.name()
                            + " failed after partial output was delivered; not failing over", chain.attempts, cause));
                    return;
                }
                boolean retryHere = retryHere(f);
                if (retryHere) {
                    Retry.Context<Object> context = retry != null ? retry : slot.retry().context();
                    boolean again;
                    try {
                        context.onRuntimeError(new RetrySignal(f)); // waits through the injected sleeper
                        again = true;
                    } catch (RetrySignal exhausted) {
                        again = false;
                    } catch (ModelCallException interrupted) {
                        handler.onError(interrupted);
                        return;
                    }
                    if (again) {
                        start(ep, context);
                        return;
                    }
                }
                ModelCallException fatal = chain.failed(ep, f.reason(), cause);
                if (fatal != null) {
                    handler.onError(fatal);
                    return;
                }
                next();
            }
        }
    }

    private AttemptResult callEndpoint(AiContext ctx, ChatRequest request, ModelEndpoint ep, Slot slot,
                                       PromptSize size, long outputCap, List<Attempt> attempts) {
        CircuitBreaker breaker = slot.breaker();
        Retry.Context<Object> retry = null; // created at the first failure: most calls never need one
        while (true) {
            if (!breaker.tryAcquirePermission()) {
                attempts.add(new Attempt(ep.name(), ep.provider(), ep.model(), Reason.CIRCUIT_OPEN, 0, "circuit_open",
                        null, null, Duration.ZERO, "circuit breaker " + breaker.getState()));
                return new AttemptResult(null, Reason.CIRCUIT_OPEN, null);
            }
            Holds holds;
            try {
                holds = reserve(ctx, worstCase(slot, size.maxTokens(), outputCap));
            } catch (RuntimeException e) {
                breaker.releasePermission();
                throw e;
            }
            Instant startedAt = clock.instant();
            long t0 = System.nanoTime();
            ChatResponse response;
            try {
                response = ep.chatModel().chat(request);
            } catch (Error e) {
                breaker.releasePermission();
                holds.release();
                throw e;
            } catch (RuntimeException e) {
                Duration took = Duration.ofNanos(System.nanoTime() - t0);
                Failure f = Failures.classify(e, clock);
                if (f.reason() == Reason.REJECTED_BEFORE_SEND) {
                    // the caller's request was refused client-side: nothing was sent, nothing to count or bill
                    breaker.releasePermission();
                    holds.release();
                    throw e;
                }
                if (Failures.countsAgainstBreaker(f.reason())) {
                    breaker.onError(took.toNanos(), TimeUnit.NANOSECONDS, e);
                } else {
                    breaker.releasePermission();
                }
                holds.settle(failureRecord(ctx, ep, startedAt, took, f));
                meters.duration(ep.provider(), ep.model(), null, took, f.errorType());
                attempts.add(new Attempt(ep.name(), ep.provider(), ep.model(), f.reason(), f.statusCode(),
                        f.errorType(), f.requestId(), f.retryAfter(), took, REDACTOR.redact(f.message())));
                if (!retryHere(f)) {
                    return new AttemptResult(null, f.reason(), e);
                }
                if (retry == null) {
                    retry = slot.retry().context();
                }
                try {
                    retry.onRuntimeError(new RetrySignal(f));
                } catch (RetrySignal exhausted) {
                    return new AttemptResult(null, f.reason(), e);
                }
                continue;
            }
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            breaker.onSuccess(took.toNanos(), TimeUnit.NANOSECONDS);
            UsageRecord record = successRecord(ctx, ep, slot, startedAt, took, response, request);
            holds.settle(record);
            slot.meters().success(response.modelName(), took, record.totalInputTokens(), record.outputTokens());
            if (retry != null) {
                retry.onComplete();
            }
            return new AttemptResult(response, null, null);
        }
    }

    private void waitBeforeRetry(Failure f, int attempt) {
        Duration wait;
        if (f != null && f.retryAfter() != null) {
            wait = f.retryAfter();
        } else {
            long base = initialBackoff.toNanos() << Math.min(attempt - 1, 20);
            wait = Duration.ofNanos((long) (base * ThreadLocalRandom.current().nextDouble(0.5, 1.5)));
        }
        if (wait.compareTo(maxRetryWait) > 0) {
            wait = maxRetryWait;
        }
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelCallException("Interrupted while waiting " + wait.toMillis() + " ms to retry", e);
        }
    }

    private boolean retryHere(Failure f) {
        return Failures.retriesOnSameEndpoint(f.reason()) && (f.reason() != Reason.RATE_LIMITED
                || f.retryAfter() == null || f.retryAfter().compareTo(maxRetryWait) <= 0);
    }

    /** Moves on to endpoints with a larger context window than {@code from}, smallest first, any tier. */
    private void escalate(Deque<ModelEndpoint> queue, ModelEndpoint from, boolean[] tried) {
        queue.removeIf(e -> e.contextWindowTokens() <= from.contextWindowTokens());
        endpoints.stream()
                .filter(e -> e.contextWindowTokens() > from.contextWindowTokens())
                .filter(e -> !tried[slots.get(e.name()).index()] && !queue.contains(e))
                .sorted(Comparator.comparingLong(ModelEndpoint::contextWindowTokens)
                        .thenComparingInt(e -> Math.abs(e.tier().ordinal() - from.tier().ordinal())))
                .forEach(queue::add);
    }

    private ModelTier available(ModelTier wanted) {
        if (byTier.containsKey(wanted)) {
            return wanted;
        }
        ModelTier[] tiers = ModelTier.values();
        for (int i = wanted.ordinal() + 1; i < tiers.length; i++) {
            if (byTier.containsKey(tiers[i])) {
                return tiers[i];
            }
        }
        for (int i = wanted.ordinal() - 1; i >= 0; i--) {
            if (byTier.containsKey(tiers[i])) {
                return tiers[i];
            }
        }
        throw new IllegalStateException("no endpoints");
    }

    // ---- cost ----

    private static BigDecimal worstCase(Slot slot, long inputTokens, long outputCap) {
        return slot.price().isEmpty() ? BigDecimal.ZERO : slot.price().get().worstCase(inputTokens, outputCap);
    }

    private Holds reserve(AiContext ctx, BigDecimal worstCase) {
        CostTracker.Reservation tr = tracker.reserve(ctx.tenant(), ctx.feature(), worstCase);
        CostScope scope = ctx.costScope();
        if (scope == null) {
            return new Holds(tr, null);
        }
        try {
            return new Holds(tr, scope.reserve(worstCase));
        } catch (RuntimeException e) {
            tr.release();
            throw e;
        }
    }

    private record Holds(CostTracker.Reservation tracker, CostScope.Reservation scope) {
        void settle(UsageRecord record) {
            if (scope != null) {
                scope.settle(record);
            }
            tracker.settle(record);
        }

        void release() {
            if (scope != null) {
                scope.release();
            }
            tracker.release();
        }
    }

    // records are built with the canonical constructor: a builder per call costs an extra object and clock read

    private static UsageRecord failureRecord(AiContext ctx, ModelEndpoint ep, Instant startedAt, Duration took,
                                             Failure f) {
        // providers do not bill failed requests: zero tokens at zero cost
        return new UsageRecord(startedAt, ctx.tenant(), ctx.user(), ctx.feature(), ctx.runId(), ep.provider(),
                ep.model(), ep.name(), 0, 0, 0, 0, BigDecimal.ZERO, UsageRecord.CostSource.PROVIDER, took,
                UsageRecord.Outcome.FAILURE, false, f.errorType());
    }

    private UsageRecord successRecord(AiContext ctx, ModelEndpoint ep, Slot slot, Instant startedAt, Duration took,
                                      ChatResponse response, ChatRequest request) {
        TokenUsage u = response.tokenUsage();
        long input;
        long cached = 0;
        long cacheWrite = 0;
        long output;
        UsageRecord.CostSource source = UsageRecord.CostSource.PROVIDER;
        if (u == null || u.inputTokenCount() == null) {
            input = estimateInput(ep, request);
            output = u != null && u.outputTokenCount() != null ? u.outputTokenCount() : estimateOutput(ep, response);
            source = UsageRecord.CostSource.ESTIMATED;
        } else {
            // the provider module's mapper knows whether its input count includes cache reads (OpenAI) or not
            TokenUsageMapper.InputTokens split = ep.tokenUsageMapper().inputTokens(u);
            input = split.uncachedTokens();
            cached = split.cacheReadTokens();
            cacheWrite = split.cacheWriteTokens();
            output = u.outputTokenCount() == null ? estimateOutput(ep, response) : u.outputTokenCount();
        }
        if (u != null && u.outputTokenCount() == null) {
            source = UsageRecord.CostSource.ESTIMATED;
        }
        // kept when the cost source becomes UNPRICED below: the counts are estimated whether priced or not
        boolean estimated = source == UsageRecord.CostSource.ESTIMATED;
        BigDecimal cost;
        if (slot.price().isPresent()) {
            cost = slot.price().get().cost(input, cached, cacheWrite, output);
        } else {
            Optional<ModelPrice> byResponseModel = response.modelName() == null ? Optional.empty()
                    : prices.find(ep.provider(), response.modelName());
            if (byResponseModel.isPresent()) {
                cost = byResponseModel.get().cost(input, cached, cacheWrite, output);
            } else {
                if (warnedUnpriced.add(ep.provider() + "/" + ep.model())) {
                    log.warn("No price for {}/{}: its calls are recorded as UNPRICED (cost unknown, not $0)",
                            ep.provider(), ep.model());
                }
                cost = null;
                source = UsageRecord.CostSource.UNPRICED;
            }
        }
        return new UsageRecord(startedAt, ctx.tenant(), ctx.user(), ctx.feature(), ctx.runId(), ep.provider(),
                ep.model(), ep.name(), input, cached, cacheWrite, output, cost, source, took,
                UsageRecord.Outcome.SUCCESS, false, null, null, null, estimated ? UsageRecord.TokenSource.ESTIMATED
                        : UsageRecord.TokenSource.PROVIDER);
    }

    private void recordCacheHit(AiContext ctx, ChatResponse hit) {
        UsageRecord record = new UsageRecord(clock.instant(), ctx.tenant(), ctx.user(), ctx.feature(), ctx.runId(),
                null, hit.modelName(), null, 0, 0, 0, 0, BigDecimal.ZERO, UsageRecord.CostSource.PROVIDER,
                Duration.ZERO, UsageRecord.Outcome.CACHE_HIT, true, null);
        if (ctx.costScope() != null) {
            ctx.costScope().record(record);
        }
        tracker.record(record);
    }

    // ---- tokens ----

    /** The router's tokenizer when set explicitly, else the endpoint's, else the approximate one. */
    private TokenCountEstimator estimator(ModelEndpoint ep) {
        if (estimator != null) {
            return estimator;
        }
        return ep.tokenCountEstimator() != null ? ep.tokenCountEstimator() : ApproximateTokenCountEstimator.INSTANCE;
    }

    private long estimateInput(ModelEndpoint ep, ChatRequest request) {
        TokenCountEstimator est = estimator(ep);
        long tokens;
        try {
            tokens = est.estimateTokenCountInMessages(request.messages());
        } catch (RuntimeException e) {
            tokens = request.messages().stream().mapToLong(m -> m.toString().length()).sum() / 3 + 1;
        }
        List<ToolSpecification> tools = request.toolSpecifications();
        if (tools != null) {
            for (ToolSpecification t : tools) {
                tokens += estimateText(est, t.name()) + estimateText(est, t.description())
                        + (t.parameters() == null ? 0 : estimateText(est, t.parameters().toString()));
            }
        }
        return tokens;
    }

    private long estimateOutput(ModelEndpoint ep, ChatResponse response) {
        TokenCountEstimator est = estimator(ep);
        AiMessage m = response.aiMessage();
        if (m == null) {
            return 0;
        }
        long tokens = estimateText(est, m.text());
        if (m.hasToolExecutionRequests()) {
            for (ToolExecutionRequest t : m.toolExecutionRequests()) {
                tokens += estimateText(est, t.name()) + estimateText(est, t.arguments());
            }
        }
        return tokens;
    }

    private static long estimateText(TokenCountEstimator estimator, String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        try {
            return estimator.estimateTokenCountInText(text);
        } catch (RuntimeException e) {
            return text.length() / 3 + 1;
        }
    }

    /**
     * Prompt size without a tokenizer (the router's hot path): {@code approxTokens} uses about 4 characters per token
     * (for routing and context-window checks); {@code maxTokens} is an upper bound, one token per UTF-8 byte, since
     * a BPE token covers at least one byte (for worst-case reservations). Both add 4 tokens per message and 3 for the
     * reply's priming, as OpenAI documents; non-text content (images, audio, files) counts
     * {@value #NON_TEXT_TOKENS} tokens.
     */
    record PromptSize(long approxTokens, long maxTokens) {
        static final long NON_TEXT_TOKENS = 1_500;

        static PromptSize of(ChatRequest request) {
            long chars = 0;
            long bytes = 0;
            long fixed = 3;
            for (ChatMessage m : request.messages()) {
                fixed += 4;
                if (m instanceof SystemMessage s) {
                    chars += s.text().length();
                    bytes += utf8Length(s.text());
                } else if (m instanceof UserMessage u) {
                    for (Content c : u.contents()) {
                        if (c instanceof TextContent t) {
                            chars += t.text().length();
                            bytes += utf8Length(t.text());
                        } else {
                            fixed += NON_TEXT_TOKENS;
                        }
                    }
                } else {
                    String text = m instanceof AiMessage a ? a.text() + a.toolExecutionRequests()
                            : m instanceof ToolExecutionResultMessage r ? r.text() : m.toString();
                    chars += text == null ? 0 : text.length();
                    bytes += utf8Length(text);
                }
            }
            List<ToolSpecification> tools = request.toolSpecifications();
            if (tools != null) {
                for (ToolSpecification t : tools) {
                    String text = t.toString();
                    chars += text.length();
                    bytes += utf8Length(text);
                }
            }
            return new PromptSize(fixed + (chars + 3) / 4, fixed + bytes);
        }

        private static long utf8Length(String s) {
            if (s == null) {
                return 0;
            }
            long n = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < 0x80) {
                    n += 1;
                } else if (c < 0x800) {
                    n += 2;
                } else if (Character.isHighSurrogate(c)) {
                    n += 4;
                    i++;
                } else {
                    n += 3;
                }
            }
            return n;
        }
    }

    private static boolean hasTools(ChatRequest request) {
        return request.toolSpecifications() != null && !request.toolSpecifications().isEmpty();
    }

    private static long outputCap(ChatRequest request, ModelEndpoint ep) {
        Integer max = request.maxOutputTokens();
        return max != null && max > 0 ? max : ep.maxOutputTokens();
    }

    private static ChatRequest withoutModelName(ChatRequest request) {
        ChatRequestParameters p = request.parameters();
        if (p == null || p.modelName() == null) {
            return request;
        }
        return ChatRequest.builder().messages(request.messages())
                .parameters(ChatRequestParameters.builder().overrideWith(p).modelName(null).build()).build();
    }

    private record AttemptResult(ChatResponse response, Reason reason, RuntimeException error) {
    }

    /** Carries a retryable failure through Resilience4j's retry context. */
    private static final class RetrySignal extends RuntimeException {
        private final transient Failure failure;

        RetrySignal(Failure failure) {
            super(failure.reason() + " " + failure.errorType(), null, false, false);
            this.failure = failure;
        }
    }
}
