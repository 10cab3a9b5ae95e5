package dev.salesagent.core.model;

import dev.langchain4j.model.TokenCountEstimator;
import dev.salesagent.common.retry.Sleeper;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.salesagent.core.cache.ResponseCache;
import dev.salesagent.core.context.AiContext;
import dev.salesagent.core.cost.CostTracker;
import dev.salesagent.core.cost.PriceTable;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A LangChain4j {@link ChatModel} that routes each call to the right model, survives provider failures and knows
 * what every call cost and whom to bill. Any code that accepts a {@code ChatModel} accepts the router.
 *
 * <p>Per call, on the calling thread:
 * <ol>
 *   <li><b>Tier</b>: the {@link RoutingPolicy} picks a {@link ModelTier} from a {@link TaskProfile} (feature of the
 *       current {@link AiContext}, declared complexity, estimated prompt tokens, tools), unless the caller forced a
 *       tier ({@link #forTier}) or an endpoint ({@link #forEndpoint}). A tier without endpoints falls back to the
 *       next higher, then lower, tier.</li>
 *   <li><b>Cache</b>: if the feature is cached ({@link ResponseCache.Policy}), an exact-match hit for the tenant is
 *       returned without any provider call and recorded as a zero-cost usage record with {@code cacheHit=true}.</li>
 *   <li><b>Budget</b>: before <em>every</em> HTTP attempt the router reserves the attempt's worst-case cost
 *       (an upper bound of the prompt's tokens, one per UTF-8 byte, at the higher of the endpoint's input and
 *       cache-write prices, plus the output cap at its output price; an unpriced model reserves zero) in the tenant's {@link dev.salesagent.core.cost.Budget}s and in
 *       {@link AiContext#costScope()} when present. Reserving is atomic; if it would pass a hard limit the router
 *       throws {@link dev.salesagent.core.cost.BudgetExceededException} and sends nothing. Each reservation is settled
 *       with the attempt's {@link dev.salesagent.core.cost.UsageRecord} (tenant, user, feature and run id from the
 *       context), for successes and failures alike.</li>
 *   <li><b>Fallback</b>: the tier's endpoints are tried in order. HTTP 429 is retried on the same endpoint after
 *       {@code retry-after-ms}/{@code retry-after} when that is at most {@link Builder#maxRetryWait} (else the router
 *       moves on); 500/502/503/504 and Anthropic 529 {@code overloaded_error} are retried with jittered exponential
 *       backoff up to {@link Builder#maxAttemptsPerEndpoint} attempts, then failed over; timeouts and connection
 *       errors fail over at once. OpenAI 429 {@code insufficient_quota} is never retried and skips every endpoint of
 *       that provider. A context-length error (or a prompt that cannot fit) escalates to an endpoint with a larger
 *       context window in any tier. 400 (other than context length), 401, 403 and 404 fail fast without fallback.
 *       Each endpoint has a Resilience4j {@code Retry} and {@code CircuitBreaker}; an open endpoint is skipped until
 *       half-open. When nothing succeeds the router throws {@link ModelCallException} listing every attempt.</li>
 * </ol>
 * The router is thread-safe. A model name set in the request ({@code ChatRequest.modelName()}) routes the call to
 * the endpoints serving that model (matched by model or endpoint name, in the order added; no tier policy, no
 * escalation), or is rejected with a {@link ModelCallException} whose reason is
 * {@link ModelCallException.Reason#UNKNOWN_MODEL} when none does.
 *
 * <p><b>Capabilities</b>: each endpoint declares its {@link ModelEndpoint#capabilities()}; the router advertises a
 * capability when an endpoint it may route to declares it, and sends a request that needs one (a JSON-schema
 * response format needs {@link Capability#RESPONSE_FORMAT_JSON_SCHEMA}) only to endpoints that declare it: others in
 * the tier are skipped, and when the tier has none the nearest tier's capable endpoints serve it. When no endpoint
 * can, it throws a {@link ModelCallException} with reason {@link ModelCallException.Reason#UNSUPPORTED_CAPABILITY}
 * and sends nothing. LangChain4j's {@code AiServices} therefore sends a native JSON schema for record return types.
 *
 * <p><b>Errors raised before sending</b> (LangChain4j's {@code UnsupportedFeatureException}, a request found invalid
 * client-side, serialisation): the original exception reaches the caller at once; no retry, no fail-over, no
 * circuit-breaker count, no usage record, the budget reservation released.
 *
 * <p><b>Listeners</b> ({@link Builder#listeners}): fired once per logical call; see {@link #ATTRIBUTE_ENDPOINT}.
 *
 * <pre>{@code
 * // OpenAiEndpoints: sdk-model-openai, AnthropicEndpoints: sdk-model-anthropic; any ChatModel: ModelEndpoint.of(...)
 * ModelRouter router = ModelRouter.builder()
 *         .endpoint(AnthropicEndpoints.builder("claude-haiku", ModelTier.ECONOMY).model("claude-haiku-4-5").apiKey(k1).build())
 *         .endpoint(OpenAiEndpoints.builder("gpt-mini", ModelTier.ECONOMY).model("gpt-4o-mini").apiKey(k2).build())
 *         .costTracker(tracker)
 *         .build();
 * }</pre>
 */
public final class ModelRouter implements ChatModel, AutoCloseable {

    /**
     * Listener attribute (in {@code ChatModelResponseContext.attributes()} and {@code ChatModelErrorContext
     * .attributes()}): the name of the endpoint that answered, or the last one tried ({@code String}); absent when no
     * endpoint was tried.
     */
    public static final String ATTRIBUTE_ENDPOINT = "salesagent.router.endpoint";
    /** Listener attribute: the routed endpoint's model name, e.g. {@code gpt-4o-mini} ({@code String}). */
    public static final String ATTRIBUTE_MODEL = "salesagent.router.model";
    /** Listener attribute: the routed endpoint's provider id, e.g. {@code openai} ({@code String}). */
    public static final String ATTRIBUTE_PROVIDER = "salesagent.router.provider";
    /** Listener attribute: the routed endpoint's {@link ModelTier}. */
    public static final String ATTRIBUTE_TIER = "salesagent.router.tier";
    /**
     * Listener attribute: the failed attempts of the call before the answer (or all of them on error), in order
     * ({@code List<ModelCallException.Attempt>}; empty when the first attempt answered).
     */
    public static final String ATTRIBUTE_ATTEMPTS = "salesagent.router.attempts";

    private final RouterEngine engine;
    private final RouterListeners listeners;
    private final StreamingChatModel streaming;
    private final ExecutorService ownedExecutor;

    private ModelRouter(RouterEngine engine, RouterListeners listeners, ExecutorService ownedExecutor) {
        this.engine = engine;
        this.listeners = listeners;
        this.ownedExecutor = ownedExecutor;
        this.streaming = new StreamingView(engine, listeners, RouterEngine.Route.POLICY);
    }

    /** {@return a builder with the defaults listed at {@link Builder}; add at least one endpoint} */
    public static Builder builder() {
        return new Builder();
    }

    /** Routes the call as described in the class comment, firing the {@link Builder#listeners} once. */
    @Override
    public ChatResponse chat(ChatRequest request) {
        return listeners.chat(engine, RouterEngine.Route.POLICY, request, null);
    }

    /** As {@link #chat(ChatRequest)}; the options' listener attributes seed the listeners' attribute map. */
    @Override
    public ChatResponse chat(ChatRequest request, ChatRequestOptions options) {
        return listeners.chat(engine, RouterEngine.Route.POLICY, request, options);
    }

    /** Routes the call as described in the class comment, without firing listeners. */
    @Override
    public ChatResponse doChat(ChatRequest request) {
        return engine.route(request, RouterEngine.Route.POLICY);
    }

    @Override
    public List<ChatModelListener> listeners() {
        return listeners.listeners();
    }

    /**
     * The provider of every endpoint's chat model when they share one (e.g. {@link ModelProvider#OPEN_AI}), else
     * {@link ModelProvider#OTHER}. Listeners get the routed endpoint's own provider in {@code onResponse} and
     * {@code onError}.
     */
    @Override
    public ModelProvider provider() {
        return listeners.provider();
    }

    /**
     * Shuts down the streaming executor the router created (none when {@link Builder#streamingExecutor} was given);
     * streams in progress finish. Blocking calls keep working.
     */
    @Override
    public void close() {
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
        }
    }

    /**
     * This router as a LangChain4j {@link StreamingChatModel}, over the endpoints that carry a
     * {@link ModelEndpoint#streamingChatModel()} (those built by {@code OpenAiEndpoints} and
     * {@code AnthropicEndpoints} do; others are skipped).
     * Per call, as for blocking calls: the same tier choice, fallback chain, context-window escalation, circuit
     * breakers, worst-case budget reservation before each endpoint is called, usage record settled from the final
     * {@code ChatResponse}'s {@code TokenUsage} (estimated when the provider sent none) and the same meters.
     * Differences:
     * <ul>
     *   <li>Failures never throw from {@code chat(...)}: they reach {@link StreamingChatResponseHandler#onError}.
     *       A budget that cannot hold the call delivers a
     *       {@link dev.salesagent.core.cost.BudgetExceededException} to {@code onError} and sends nothing; every other failure arrives as a
     *       {@link ModelCallException} listing the attempts.</li>
     *   <li>An endpoint's failure falls back to the next endpoint only if it happened before the first partial
     *       response, thinking or tool-call event reached the handler. After that the error is surfaced and nothing
     *       is replayed; the partial output's tokens are recorded as {@code ESTIMATED} with outcome
     *       {@code FAILURE}.</li>
     *   <li>Retries on the same endpoint (429 within {@link Builder#maxRetryWait}, 5xx, 529) happen only before
     *       the first token, with the blocking call's backoff and {@link Sleeper}, on the thread that delivered the
     *       failure.</li>
     *   <li>The response cache is not used: a stream is neither served from nor stored in it.</li>
     * </ul>
     * {@code chat(...)} returns at once: the call runs on the {@link Builder#streamingExecutor} (by default a
     * bounded pool owned by the router), and callbacks run on the thread the provider client delivers them on (that
     * executor's thread with the provider modules' OkHttp client); the {@link AiContext} is captured when
     * {@code chat(...)} is called. A full executor delivers a {@link ModelCallException} to {@code onError}.
     * Cancelling through {@code PartialResponseContext.streamingHandle()} cancels the provider's stream and settles
     * the reservation with the tokens streamed so far (estimated, outcome {@code FAILURE}, error type
     * {@code cancelled}).
     *
     * @return the streaming view of this router; the same instance on every call
     */
    public StreamingChatModel streaming() {
        return streaming;
    }

    /**
     * {@return a view of this router that always uses {@code tier} (with its fallback chain and escalation)}
     *
     * @param tier the tier to use regardless of the routing policy; not null
     * @throws NullPointerException if {@code tier} is null
     */
    public ChatModel forTier(ModelTier tier) {
        return new View(engine, listeners, new RouterEngine.Route(Objects.requireNonNull(tier, "tier"), null, null));
    }

    /**
     * A view of this router that calls only the named endpoint (still with retries, budgets, cache and cost; no
     * fallback and no context-window escalation).
     *
     * @param name the endpoint's {@link ModelEndpoint#name()}
     * @return a {@code ChatModel} view that calls only that endpoint
     * @throws IllegalArgumentException if no endpoint has this name
     */
    public ChatModel forEndpoint(String name) {
        return new View(engine, listeners, new RouterEngine.Route(null, engine.endpoint(name), null));
    }

    /**
     * {@return a view of this router that declares the task's complexity to the routing policy}
     *
     * @param complexity the caller's judgement of the task, passed to the policy as {@link TaskProfile#complexity()};
     *                   not null
     * @throws NullPointerException if {@code complexity} is null
     */
    public ChatModel forComplexity(TaskProfile.Complexity complexity) {
        return new View(engine, listeners,
                new RouterEngine.Route(null, null, Objects.requireNonNull(complexity, "complexity")));
    }

    /**
     * The capabilities some endpoint declares ({@link ModelEndpoint#capabilities()}); a request needing one is routed
     * only to endpoints that declare it.
     */
    @Override
    public Set<Capability> supportedCapabilities() {
        return engine.capabilities(RouterEngine.Route.POLICY);
    }

    /** {@return the endpoints, in the order they were added} */
    public List<ModelEndpoint> endpoints() {
        return engine.endpoints();
    }

    /**
     * The health of every endpoint, in the order they were added: its circuit breaker's state and the failed and
     * successful calls in the breaker's sliding window. Reads in-memory state only: it sends no request and spends no
     * tokens, so health checks may call it as often as they like. An {@link EndpointStatus.CircuitState#OPEN OPEN}
     * endpoint stays {@code OPEN} after the open-state wait until the next call routed to it moves it to
     * {@code HALF_OPEN} (unless the {@link Builder#circuitBreakerConfig} enables Resilience4j's automatic transition).
     *
     * @return an immutable list with one status per endpoint
     */
    public List<EndpointStatus> endpointStatus() {
        return engine.endpointStatus();
    }

    /** {@return the tracker that receives every usage record and enforces budgets} */
    public CostTracker costTracker() {
        return engine.tracker();
    }

    @Override
    public String toString() {
        return "ModelRouter" + engine.endpoints().stream().map(ModelEndpoint::name).toList();
    }

    private record View(RouterEngine engine, RouterListeners support, RouterEngine.Route route)
            implements ChatModel {
        @Override
        public ChatResponse chat(ChatRequest request) {
            return support.chat(engine, route, request, null);
        }

        @Override
        public ChatResponse chat(ChatRequest request, ChatRequestOptions options) {
            return support.chat(engine, route, request, options);
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            return engine.route(request, route);
        }

        @Override
        public List<ChatModelListener> listeners() {
            return support.listeners();
        }

        @Override
        public ModelProvider provider() {
            return route.endpoint() != null ? RouterListeners.modelProvider(route.endpoint()) : support.provider();
        }

        @Override
        public Set<Capability> supportedCapabilities() {
            return engine.capabilities(route);
        }
    }

    private record StreamingView(RouterEngine engine, RouterListeners support, RouterEngine.Route route)
            implements StreamingChatModel {
        @Override
        public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
            support.stream(engine, route, request, null, handler);
        }

        @Override
        public void chat(ChatRequest request, ChatRequestOptions options, StreamingChatResponseHandler handler) {
            support.stream(engine, route, request, options, handler);
        }

        @Override
        public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
            engine.stream(request, route, handler, null);
        }

        @Override
        public List<ChatModelListener> listeners() {
            return support.listeners();
        }

        @Override
        public ModelProvider provider() {
            return support.provider();
        }

        @Override
        public Set<Capability> supportedCapabilities() {
            return engine.capabilities(route);
        }

        @Override
        public String toString() {
            return "ModelRouter.streaming" + engine.endpoints().stream().map(ModelEndpoint::name).toList();
        }
    }

    /**
     * Builds a {@link ModelRouter}. Defaults: {@link RoutingPolicy#defaults()}, {@link PriceTable#defaults()}, an
     * in-memory {@link CostTracker} without budgets, no response cache, 3 attempts per endpoint, 250 ms initial
     * backoff, 10 s maximum retry wait, circuit breaker opening at 50 % failures over the last 20 calls (at least 10)
     * for 30 s, token estimation with each endpoint's tokenizer (else about 4 characters per token), system UTC
     * clock, {@link Thread#sleep} sleeper, meters in the tracker's registry.
     */
    public static final class Builder {
        final List<ModelEndpoint> endpoints = new ArrayList<>();
        RoutingPolicy policy = RoutingPolicy.defaults();
        PriceTable prices;
        CostTracker tracker;
        ResponseCache cache;
        ResponseCache.Policy cachePolicy;
        MeterRegistry registry;
        Clock clock = Clock.systemUTC();
        Sleeper sleeper = Sleeper.threadSleep();
        int maxAttemptsPerEndpoint = 3;
        Duration initialBackoff = Duration.ofMillis(250);
        Duration maxRetryWait = Duration.ofSeconds(10);
        CircuitBreakerConfig circuitBreakerConfig = CircuitBreakerConfig.custom()
                .failureRateThreshold(50).slidingWindowSize(20).minimumNumberOfCalls(10)
                .waitDurationInOpenState(Duration.ofSeconds(30)).permittedNumberOfCallsInHalfOpenState(2).build();
        TokenCountEstimator estimator;
        final List<ChatModelListener> listeners = new ArrayList<>();
        Executor streamingExecutor;
        int streamingThreads = 16;

        private Builder() {
        }

        /**
         * LangChain4j listeners fired once per logical call (blocking and streaming, every view), not per attempt:
         * {@code onRequest} before routing, then {@code onResponse} or {@code onError} with the routed endpoint's
         * {@code ModelProvider} and the {@code ATTRIBUTE_*} attributes ({@link #ATTRIBUTE_ENDPOINT},
         * {@link #ATTRIBUTE_MODEL}, {@link #ATTRIBUTE_PROVIDER}, {@link #ATTRIBUTE_TIER},
         * {@link #ATTRIBUTE_ATTEMPTS}). A listener that throws is logged and ignored. Per-HTTP-attempt events: put
         * listeners on the endpoints' own chat models. Default none.
         *
         * @param listeners the listeners, added in order after any added before; no null element
         * @return this builder
         */
        public Builder listeners(List<? extends ChatModelListener> listeners) {
            for (ChatModelListener l : Objects.requireNonNull(listeners, "listeners")) {
                this.listeners.add(Objects.requireNonNull(l, "listener"));
            }
            return this;
        }

        /**
         * Where streaming calls run, so that {@code chat(...)} returns at once; the executor should be bounded.
         * Default a pool owned by the router ({@link ModelRouter#close()} shuts it down) of
         * {@link #streamingThreads} daemon threads with a queue of 1,024 calls; a call it refuses fails with
         * {@link ModelCallException}.
         *
         * @param executor the application's bounded executor; not shut down by the router
         * @return this builder
         */
        public Builder streamingExecutor(Executor executor) {
            this.streamingExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Threads of the default streaming executor, i.e. concurrent streams (one stream holds a thread); default
         * 16. Ignored when {@link #streamingExecutor} is set.
         *
         * @param threads the default pool's thread count, &gt;= 1
         * @return this builder
         * @throws IllegalArgumentException if less than 1
         */
        public Builder streamingThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("streamingThreads must be >= 1 but was " + threads);
            }
            this.streamingThreads = threads;
            return this;
        }

        /**
         * Adds an endpoint; within a tier, endpoints are tried in the order added.
         *
         * @param endpoint the endpoint; its name must be unique in this router
         * @return this builder
         */
        public Builder endpoint(ModelEndpoint endpoint) {
            endpoints.add(Objects.requireNonNull(endpoint, "endpoint"));
            return this;
        }

        /**
         * Picks the tier of each call; default {@link RoutingPolicy#defaults()}.
         *
         * @param policy the policy; not null
         * @return this builder
         */
        public Builder routingPolicy(RoutingPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Prices for cost records and reservations; default the bundled {@link PriceTable#defaults()}.
         *
         * @param prices the price table, e.g. {@code PriceTable.defaults().overriddenBy(...)}; not null
         * @return this builder
         */
        public Builder priceTable(PriceTable prices) {
            this.prices = Objects.requireNonNull(prices, "prices");
            return this;
        }

        /**
         * Records every attempt's usage and enforces tenant budgets; default an in-memory tracker without budgets.
         *
         * @param tracker the tracker; not null
         * @return this builder
         */
        public Builder costTracker(CostTracker tracker) {
            this.tracker = Objects.requireNonNull(tracker, "tracker");
            return this;
        }

        /**
         * Enables the response cache for the features of {@code policy}.
         *
         * @param cache the cache, e.g. {@link ResponseCache#inMemory(long)} or a shared store; not null
         * @param policy which features are cached and for how long; not null
         * @return this builder
         */
        public Builder responseCache(ResponseCache cache, ResponseCache.Policy policy) {
            this.cache = Objects.requireNonNull(cache, "cache");
            this.cachePolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Registry for {@code gen_ai.client.*}, cache and fallback meters; default the cost tracker's registry.
         *
         * @param registry the Micrometer registry; not null
         * @return this builder
         */
        public Builder meterRegistry(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * Clock for usage timestamps and HTTP-date {@code retry-after}; default system UTC.
         *
         * @param clock the clock, e.g. a fixed clock in tests; not null
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How the router waits between retries; default {@link Thread#sleep}.
         *
         * @param sleeper the waiting strategy, e.g. one that records waits in tests; not null
         * @return this builder
         */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * Attempts per endpoint for retryable failures (429, 5xx, 529), including the first; default 3.
         *
         * @param attempts attempts per endpoint, &gt;= 1
         * @return this builder
         * @throws IllegalArgumentException if less than 1
         */
        public Builder maxAttemptsPerEndpoint(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("maxAttemptsPerEndpoint must be >= 1 but was " + attempts);
            }
            this.maxAttemptsPerEndpoint = attempts;
            return this;
        }

        /**
         * First backoff for 5xx retries, doubled per retry with &plusmn;50 % jitter; default 250 ms.
         *
         * @param backoff the first backoff, &gt; 0
         * @return this builder
         * @throws IllegalArgumentException if null, zero or negative
         */
        public Builder initialBackoff(Duration backoff) {
            this.initialBackoff = positive("initialBackoff", backoff);
            return this;
        }

        /**
         * The longest wait before a retry on the same endpoint; a longer {@code retry-after} fails over instead;
         * default 10 s.
         *
         * @param wait the longest wait, &gt; 0
         * @return this builder
         * @throws IllegalArgumentException if null, zero or negative
         */
        public Builder maxRetryWait(Duration wait) {
            this.maxRetryWait = positive("maxRetryWait", wait);
            return this;
        }

        /**
         * Circuit breaker settings applied to each endpoint.
         *
         * @param config a Resilience4j configuration; each endpoint gets its own breaker with it; not null
         * @return this builder
         */
        public Builder circuitBreakerConfig(CircuitBreakerConfig config) {
            this.circuitBreakerConfig = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Tokenizer for every endpoint's responses whose provider omitted usage (records marked {@code ESTIMATED});
         * default each endpoint's own {@link ModelEndpoint#tokenCountEstimator()} (the OpenAI module sets LangChain4j's
         * {@code OpenAiTokenCountEstimator}), else about 4 characters per token. Routing and reservations use a tokenizer-free prompt
         * size instead (about 4 characters per token; at most one token per UTF-8 byte).
         *
         * @param estimator the tokenizer; not null
         * @return this builder
         */
        public Builder tokenCountEstimator(TokenCountEstimator estimator) {
            this.estimator = Objects.requireNonNull(estimator, "estimator");
            return this;
        }

        /**
         * Builds the router and, unless {@link #streamingExecutor} was given, its streaming thread pool.
         *
         * @return the router; thread-safe
         * @throws IllegalArgumentException if there is no endpoint or two endpoints share a name
         */
        public ModelRouter build() {
            if (endpoints.isEmpty()) {
                throw new IllegalArgumentException("a ModelRouter needs at least one endpoint");
            }
            if (prices == null) {
                prices = PriceTable.defaults();
            }
            if (tracker == null) {
                tracker = CostTracker.builder().clock(clock).build();
            }
            if (registry == null) {
                registry = tracker.meterRegistry();
            }
            ExecutorService owned = null;
            if (streamingExecutor == null) {
                owned = streamingPool(streamingThreads);
                streamingExecutor = owned;
            }
            RouterEngine engine;
            try {
                engine = new RouterEngine(this);
            } catch (RuntimeException e) {
                if (owned != null) {
                    owned.shutdown();
                }
                throw e;
            }
            return new ModelRouter(engine, new RouterListeners(listeners, commonProvider(endpoints)), owned);
        }

        private static ExecutorService streamingPool(int threads) {
            AtomicInteger n = new AtomicInteger();
            ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(1024), r -> {
                Thread t = new Thread(r, "model-router-stream-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            pool.allowCoreThreadTimeOut(true);
            return pool;
        }

        private static ModelProvider commonProvider(List<ModelEndpoint> endpoints) {
            ModelProvider common = null;
            for (ModelEndpoint e : endpoints) {
                ModelProvider p = RouterListeners.modelProvider(e);
                if (common != null && common != p) {
                    return ModelProvider.OTHER;
                }
                common = p;
            }
            return common == null ? ModelProvider.OTHER : common;
        }

        private static Duration positive(String name, Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be > 0 but was " + d);
            }
            return d;
        }
    }
}
