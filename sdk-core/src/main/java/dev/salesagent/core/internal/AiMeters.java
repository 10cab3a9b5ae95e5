package dev.salesagent.core.internal;

import dev.salesagent.core.cost.UsageRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Objects;

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

    public AiMeters(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** {@code gen_ai.client.token.usage}: input tokens include cached and cache-write tokens, as OTel defines. */
    public void tokens(String provider, String requestModel, String responseModel, long input, long output) {
        summary("input", provider, requestModel, responseModel).record(input);
        summary("output", provider, requestModel, responseModel).record(output);
    }

    private DistributionSummary summary(String type, String provider, String requestModel, String responseModel) {
        return DistributionSummary.builder(TOKEN_USAGE).baseUnit("{token}")
                .description("Number of input and output tokens used")
                .tag("gen_ai.token.type", type).tag("gen_ai.provider.name", tag(provider))
                .tag("gen_ai.request.model", tag(requestModel)).tag("gen_ai.response.model", tag(responseModel))
                .tag("gen_ai.operation.name", OPERATION).register(registry);
    }

    /** {@code gen_ai.client.operation.duration} in seconds; {@code error.type} only on failure. */
    public void duration(String provider, String requestModel, String responseModel, Duration d, String errorType) {
        Timer.Builder b = Timer.builder(OPERATION_DURATION).description("GenAI operation duration")
                .tag("gen_ai.provider.name", tag(provider)).tag("gen_ai.request.model", tag(requestModel))
                .tag("gen_ai.operation.name", OPERATION);
        if (responseModel != null) {
            b.tag("gen_ai.response.model", responseModel);
        }
        if (errorType != null) {
            b.tag("error.type", errorType);
        }
        b.register(registry).record(d);
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
            Counter.builder(COST).baseUnit("USD").description("Cost of model calls in USD")
                    .tag("tenant", r.tenant()).tag("feature", tag(r.feature())).tag("gen_ai.request.model", tag(r.model()))
                    .register(registry).increment(r.costUsd().doubleValue());
        }
    }

    /** {@code salesagent.ai.cache.requests} with {@code result} = hit|miss. */
    public void cache(String feature, boolean hit) {
        Counter.builder(CACHE_REQUESTS).description("Response cache lookups")
                .tag("feature", tag(feature)).tag("result", hit ? "hit" : "miss").register(registry).increment();
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
