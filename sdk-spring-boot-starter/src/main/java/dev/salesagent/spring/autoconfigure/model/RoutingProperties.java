package dev.salesagent.spring.autoconfigure.model;

import dev.salesagent.core.model.ModelTier;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the router picks a tier and survives provider failures, prefix {@code salesagent.routing}.
 *
 * @param featureTiers Tier per feature (the feature of the current AiContext), e.g. battle_card=economy,
 *     proposal=premium. Features without an entry are routed by declared complexity, then by prompt size and tools.
 * @param longPromptTokens Estimated prompt size in tokens from which a call without a feature tier or declared
 *     complexity goes to the standard tier instead of economy. Default 4000.
 * @param maxAttemptsPerEndpoint Attempts per endpoint for retryable failures (429, 5xx, Anthropic 529), including the
 *     first, before failing over to the next endpoint. Default 3.
 * @param initialBackoff First backoff before retrying a 5xx, doubled per retry with jitter. Default 250ms.
 * @param maxRetryWait Longest retry-after the router waits on the same endpoint; a longer one fails over at once.
 *     Default 10s.
 * @param circuitBreaker Circuit breaker applied to each endpoint.
 */
@ConfigurationProperties("salesagent.routing")
public record RoutingProperties(
        Map<String, ModelTier> featureTiers,
        @DefaultValue("4000") long longPromptTokens,
        @DefaultValue("3") int maxAttemptsPerEndpoint,
        @DefaultValue("250ms") Duration initialBackoff,
        @DefaultValue("10s") Duration maxRetryWait,
        @DefaultValue CircuitBreaker circuitBreaker) {

    /**
     * Binds; {@code featureTiers} defaults to none.
     *
     * @param featureTiers Tier per feature (the feature of the current AiContext), e.g. battle_card=economy,
     *     proposal=premium. Features without an entry are routed by declared complexity, then by prompt size and tools.
     * @param longPromptTokens Estimated prompt size in tokens from which a call without a feature tier or declared
     *     complexity goes to the standard tier instead of economy. Default 4000.
     * @param maxAttemptsPerEndpoint Attempts per endpoint for retryable failures (429, 5xx, Anthropic 529), including
     *     the first, before failing over to the next endpoint. Default 3.
     * @param initialBackoff First backoff before retrying a 5xx, doubled per retry with jitter. Default 250ms.
     * @param maxRetryWait Longest retry-after the router waits on the same endpoint; a longer one fails over at once.
     *     Default 10s.
     * @param circuitBreaker Circuit breaker applied to each endpoint.
     */
    public RoutingProperties {
        featureTiers = featureTiers == null ? Map.of() : Map.copyOf(featureTiers);
    }

    /**
     * Per-endpoint circuit breaker (Resilience4j, count-based sliding window).
     *
     * @param failureRateThreshold Failure rate in percent over the sliding window that opens the circuit. Default 50.
     * @param slidingWindowSize Number of most recent calls the failure rate is computed over. Default 20.
     * @param minimumNumberOfCalls Calls needed before the failure rate is evaluated. Default 10.
     * @param waitDurationInOpenState How long an open circuit skips the endpoint before letting trial calls through
     *     (half-open). Default 30s.
     * @param permittedNumberOfCallsInHalfOpenState Trial calls let through in the half-open state. Default 2.
     */
    public record CircuitBreaker(
            @DefaultValue("50") float failureRateThreshold,
            @DefaultValue("20") int slidingWindowSize,
            @DefaultValue("10") int minimumNumberOfCalls,
            @DefaultValue("30s") Duration waitDurationInOpenState,
            @DefaultValue("2") int permittedNumberOfCallsInHalfOpenState) {
    }
}
