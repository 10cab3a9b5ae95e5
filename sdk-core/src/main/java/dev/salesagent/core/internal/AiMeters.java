package dev.salesagent.core.internal;

import dev.salesagent.core.cost.UsageRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Meters of the model layer, named after the OpenTelemetry GenAI semantic conventions
 * (https://opentelemetry.io/docs/specs/semconv/gen-ai/gen-ai-metrics/) where one exists and {@code salesagent.*}
 * otherwise. Internal: not part of the SDK's API.
 */
public final class AiMeters {

    public static final String TOKEN_USAGE = "gen_ai.client.token.usage";
    public static final String OPERATION_DURATION = "gen_ai.client.operation.duration";
    public static final String COST = "salesagent.ai.cost";
    public static final String UNPRICED = "salesagent.ai.cost.unpriced";
    public static final String CACHE_REQUESTS = "salesagent.ai.cache.requests";
    public static final String FALLBACKS = "salesagent.ai.router.fallbacks";
    public static final String OPERATION = "chat";

    private final MeterRegistry registry;
    // registered meters by tag values: registering on every call costs more than the rest of the routing
    private final ConcurrentHashMap<TokenKey, DistributionSummary[]> tokenSummaries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<DurationKey, Timer> timers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<CostKey, Counter> costCounters = new ConcurrentHashMap<>();

    private record TokenKey(String provider, String requestModel, String responseModel) {
    }

    private record DurationKey(String provider, String requestModel, String responseModel, String errorType) {
    }

    private final ConcurrentHashMap<String, Counter[]> cacheCounters = new ConcurrentHashMap<>();

    private record CostKey(String tenant, String feature, String model) {
    }

    public AiMeters(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** {@code gen_ai.client.token.usage}: input tokens include cached and cache-write tokens, as OTel defines. */
    public void tokens(String provider, String requestModel, String responseModel, long input, long output) {
        DistributionSummary[] s = tokenSummaries(provider, requestModel, responseModel);
        s[0].record(input);
        s[1].record(output);
    }

    private DistributionSummary[] tokenSummaries(String provider, String requestModel, String responseModel) {
        return tokenSummaries.computeIfAbsent(new TokenKey(provider, requestModel, responseModel),
                k -> new DistributionSummary[] {summary("input", provider, requestModel, responseModel),
                        summary("output", provider, requestModel, responseModel)});
    }

    /**
     * The meters of one endpoint's successful calls ({@code provider} and {@code requestModel} fixed): the same
     * meters as {@link #duration} with no error and {@link #tokens}, looked up once per response model instead of
     * once per call.
     */
    public Endpoint endpoint(String provider, String requestModel) {
        return new Endpoint(provider, requestModel);
    }

    /** See {@link #endpoint(String, String)}. Thread-safe. */
    public final class Endpoint {
        private final String provider;
        private final String requestModel;
        private volatile Resolved last;

        private record Resolved(String responseModel, Timer duration, DistributionSummary[] tokens) {
        }

        private Endpoint(String provider, String requestModel) {
            this.provider = provider;
            this.requestModel = requestModel;
        }

        /** Records a successful call's duration and its input and output tokens. */
        public void success(String responseModel, Duration took, long input, long output) {
            Resolved r = last;
            if (r == null || !Objects.equals(r.responseModel(), responseModel)) {
                r = new Resolved(responseModel, durationTimer(provider, requestModel, responseModel, null),
                        tokenSummaries(provider, requestModel, responseModel));
                last = r;
            }
            r.duration().record(took);
            r.tokens()[0].record(input);
            r.tokens()[1].record(output);
        }
    }

    private DistributionSummary summary(String type, String provider, String requestModel, String responseModel) {
        return DistributionSummary.builder(TOKEN_USAGE).baseUnit("{token}")
                .description("Number of input and output tokens used")
                .tag("gen_ai.token.type", type).tag("gen_ai.provider.name", tag(provider))
                .tag("gen_ai.request.model", tag(requestModel)).tag("gen_ai.response.model", tag(responseModel))
                .tag("gen_ai.operation.name", OPERATION).register(registry);
    }

    /** {@code gen_ai.client.operation.duration} in seconds; {@code error.type} is {@code none} on success. */
    public void duration(String provider, String requestModel, String responseModel, Duration d, String errorType) {
        durationTimer(provider, requestModel, responseModel, errorType).record(d);
    }

    private Timer durationTimer(String provider, String requestModel, String responseModel, String errorType) {
        return timers.computeIfAbsent(new DurationKey(provider, requestModel, responseModel, errorType),
                k -> timer(provider, requestModel, responseModel, errorType));
    }

    private Timer timer(String provider, String requestModel, String responseModel, String errorType) {
        // every series carries the same tag keys (Prometheus rejects a name with differing keys): "none" stands
        // for OTel's absent gen_ai.response.model (no response) and absent error.type (success)
        return Timer.builder(OPERATION_DURATION).description("GenAI operation duration")
                .tag("gen_ai.provider.name", tag(provider)).tag("gen_ai.request.model", tag(requestModel))
                .tag("gen_ai.response.model", tag(responseModel)).tag("gen_ai.operation.name", OPERATION)
                .tag("error.type", tag(errorType)).register(registry);
    }

    /** {@code salesagent.ai.cost} (USD by tenant, feature, model) or, when unpriced, the warning counter. */
    public void cost(UsageRecord r) {
        if (r.costSource() == UsageRecord.CostSource.UNPRICED) {
            Counter.builder(UNPRICED).description("Model calls whose model has no price (cost unknown)")
                    .tag("gen_ai.provider.name", tag(r.provider())).tag("gen_ai.request.model", tag(r.model()))
                    .register(registry).increment();
            return;
        }
        if (r.costUsd().signum() > 0) {
            costCounters.computeIfAbsent(new CostKey(r.tenant(), r.feature(), r.model()),
                    k -> Counter.builder(COST).baseUnit("USD").description("Cost of model calls in USD")
                            .tag("tenant", k.tenant()).tag("feature", tag(k.feature()))
                            .tag("gen_ai.request.model", tag(k.model())).register(registry))
                    .increment(r.costUsd().doubleValue());
        }
    }

    /** {@code salesagent.ai.cache.requests} with {@code result} = hit|miss. */
    public void cache(String feature, boolean hit) {
        cacheCounters.computeIfAbsent(tag(feature), f -> new Counter[] {
                Counter.builder(CACHE_REQUESTS).description("Response cache lookups").tag("feature", f)
                        .tag("result", "hit").register(registry),
                Counter.builder(CACHE_REQUESTS).description("Response cache lookups").tag("feature", f)
                        .tag("result", "miss").register(registry)})[hit ? 0 : 1].increment();
    }

    /** {@code salesagent.ai.router.fallbacks}: the router moved on from {@code from} after {@code reason}. */
    public void fallback(String from, String reason) {
        Counter.builder(FALLBACKS).description("Router fail-overs to the next endpoint")
                .tag("endpoint", tag(from)).tag("reason", tag(reason)).register(registry).increment();
    }

    private static String tag(String v) {
        return v == null ? "none" : v;
    }
}
