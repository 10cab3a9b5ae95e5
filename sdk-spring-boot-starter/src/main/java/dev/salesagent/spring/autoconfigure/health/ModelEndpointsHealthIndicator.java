package dev.salesagent.spring.autoconfigure.health;

import dev.salesagent.core.cost.CostTracker;
import dev.salesagent.core.cost.UsageRecord;
import dev.salesagent.core.model.EndpointStatus;
import dev.salesagent.core.model.EndpointStatus.CircuitState;
import dev.salesagent.core.model.ModelEndpoint;
import dev.salesagent.core.model.ModelRouter;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of the router's model endpoints without spending tokens: it sends nothing to the providers. The status comes
 * from each endpoint's circuit breaker ({@link ModelRouter#endpointStatus()}): DOWN when every endpoint's circuit is
 * {@code OPEN} or {@code FORCED_OPEN} (the router has no endpoint left to send a call to), else UP.
 *
 * <p>Per endpoint the details show provider, model, tier, context window (tokens), {@code circuitState}
 * ({@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}, {@code DISABLED}, {@code FORCED_OPEN}) and the failed and successful
 * calls in the breaker's sliding window. Because the breaker ignores client errors (a rejected API key, a bad request),
 * the details also show, from the usage records the router settles with the {@link CostTracker}, the last error type
 * (e.g. {@code invalid_api_key}, {@code 429}, {@code timeout}) and when the endpoint last failed and last succeeded;
 * these are information only and do not change the status. Response-cache hits are ignored.
 */
public final class ModelEndpointsHealthIndicator implements HealthIndicator {

    private static final Set<CircuitState> REFUSING = EnumSet.of(CircuitState.OPEN, CircuitState.FORCED_OPEN);

    private final ModelRouter router;
    private final Map<String, LastOutcome> outcomes = new ConcurrentHashMap<>();

    /**
     * Creates the indicator and registers it as a usage listener of {@code tracker} (for the last-error details).
     *
     * @param router  the router whose endpoints are reported
     * @param tracker the tracker the router settles usage with
     */
    public ModelEndpointsHealthIndicator(ModelRouter router, CostTracker tracker) {
        this.router = Objects.requireNonNull(router, "router");
        tracker.addUsageListener(this::onUsage);
    }

    void onUsage(UsageRecord record) {
        if (record.endpoint() == null || record.cacheHit()) {
            return;
        }
        outcomes.computeIfAbsent(record.endpoint(), n -> new LastOutcome()).record(record);
    }

    /** UP unless every endpoint's circuit is open; never calls a provider. */
    @Override
    public Health health() {
        Map<String, ModelEndpoint> endpoints = new LinkedHashMap<>();
        router.endpoints().forEach(e -> endpoints.put(e.name(), e));
        List<EndpointStatus> statuses = router.endpointStatus();
        Map<String, Object> details = new LinkedHashMap<>();
        int open = 0;
        for (EndpointStatus s : statuses) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("provider", s.provider());
            d.put("model", s.model());
            d.put("tier", s.tier().name());
            ModelEndpoint endpoint = endpoints.get(s.name());
            if (endpoint != null) {
                d.put("contextWindowTokens", endpoint.contextWindowTokens());
            }
            d.put("circuitState", s.circuitState().name());
            d.put("failedCalls", s.failedCalls());
            d.put("successfulCalls", s.successfulCalls());
            LastOutcome last = outcomes.get(s.name());
            if (last != null) {
                last.snapshot(d);
            }
            open += REFUSING.contains(s.circuitState()) ? 1 : 0;
            details.put(s.name(), d);
        }
        Health.Builder builder = open > 0 && open == statuses.size() ? Health.down() : Health.up();
        return builder.withDetail("endpoints", details).withDetail("openCircuits", open).build();
    }

    private static final class LastOutcome {
        private String lastErrorType;
        private Instant lastSuccessAt;
        private Instant lastFailureAt;

        synchronized void record(UsageRecord r) {
            if (r.outcome() == UsageRecord.Outcome.FAILURE) {
                lastErrorType = r.errorType();
                lastFailureAt = r.timestamp();
            } else {
                lastSuccessAt = r.timestamp();
            }
        }

        synchronized void snapshot(Map<String, Object> into) {
            if (lastErrorType != null) {
                into.put("lastErrorType", lastErrorType);
            }
            if (lastFailureAt != null) {
                into.put("lastFailureAt", lastFailureAt.toString());
            }
            if (lastSuccessAt != null) {
                into.put("lastSuccessAt", lastSuccessAt.toString());
            }
        }
    }
}
