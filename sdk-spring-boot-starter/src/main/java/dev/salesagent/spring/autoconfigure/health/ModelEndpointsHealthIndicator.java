package dev.salesagent.spring.autoconfigure.health;

import dev.salesagent.core.cost.CostTracker;
import dev.salesagent.core.cost.UsageRecord;
import dev.salesagent.core.model.ModelEndpoint;
import dev.salesagent.core.model.ModelRouter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of the router's model endpoints without spending tokens: it sends nothing to the providers, it watches the
 * outcome of the application's own calls (the usage records the router settles with the {@link CostTracker}).
 *
 * <p>Per endpoint the details show provider, model, tier, context window and, once called, the consecutive
 * failures, the last error type (e.g. {@code 401}, {@code 429}, {@code timeout}) and when it last succeeded or failed.
 * An endpoint is {@code FAILING} after {@code failureThreshold} consecutive failed attempts and {@code OK} again after a
 * success. Overall status: DOWN when every endpoint is failing (no fallback left), else UP. Response-cache hits are
 * ignored. ModelRouter does not expose its Resilience4j circuit breakers, so their state is not reported here.
 */
public final class ModelEndpointsHealthIndicator implements HealthIndicator {

    private final ModelRouter router;
    private final int failureThreshold;
    private final Map<String, Outcomes> outcomes = new ConcurrentHashMap<>();

    /**
     * Creates the indicator and registers it as a usage listener of {@code tracker}.
     *
     * @param router           the router whose endpoints are reported
     * @param tracker          the tracker the router settles usage with
     * @param failureThreshold consecutive failed attempts after which an endpoint counts as failing (at least 1)
     * @throws IllegalArgumentException if {@code failureThreshold < 1}
     */
    public ModelEndpointsHealthIndicator(ModelRouter router, CostTracker tracker, int failureThreshold) {
        this.router = Objects.requireNonNull(router, "router");
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be >= 1 but was " + failureThreshold);
        }
        this.failureThreshold = failureThreshold;
        tracker.addUsageListener(this::onUsage);
    }

    void onUsage(UsageRecord record) {
        if (record.endpoint() == null || record.cacheHit()) {
            return;
        }
        outcomes.computeIfAbsent(record.endpoint(), n -> new Outcomes()).record(record);
    }

    /** UP unless every endpoint is failing; never calls a provider. */
    @Override
    public Health health() {
        Map<String, Object> endpoints = new LinkedHashMap<>();
        int failing = 0;
        for (ModelEndpoint ep : router.endpoints()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("provider", ep.provider());
            d.put("model", ep.model());
            d.put("tier", ep.tier().name());
            d.put("contextWindowTokens", ep.contextWindowTokens());
            Outcomes o = outcomes.get(ep.name());
            boolean isFailing = (o == null ? Outcomes.NONE : o).snapshot(d) >= failureThreshold;
            d.put("state", isFailing ? "FAILING" : "OK");
            failing += isFailing ? 1 : 0;
            endpoints.put(ep.name(), d);
        }
        Health.Builder builder = failing > 0 && failing == router.endpoints().size() ? Health.down() : Health.up();
        return builder.withDetail("endpoints", endpoints).withDetail("failing", failing).build();
    }

    private static final class Outcomes {
        static final Outcomes NONE = new Outcomes();

        private int consecutiveFailures;
        private String lastErrorType;
        private Instant lastSuccessAt;
        private Instant lastFailureAt;

        synchronized void record(UsageRecord r) {
            if (r.outcome() == UsageRecord.Outcome.FAILURE) {
                consecutiveFailures++;
                lastErrorType = r.errorType();
                lastFailureAt = r.timestamp();
            } else {
                consecutiveFailures = 0;
                lastSuccessAt = r.timestamp();
            }
        }

        synchronized int snapshot(Map<String, Object> into) {
            into.put("consecutiveFailures", consecutiveFailures);
            if (lastErrorType != null) {
                into.put("lastErrorType", lastErrorType);
            }
            if (lastSuccessAt != null) {
                into.put("lastSuccessAt", lastSuccessAt.toString());
            }
            if (lastFailureAt != null) {
                into.put("lastFailureAt", lastFailureAt.toString());
            }
            return consecutiveFailures;
        }
    }
}
