package dev.salesagent.core.model;

import java.util.Objects;

/**
 * A snapshot of one {@link ModelEndpoint}'s health as the {@link ModelRouter} sees it, read from the endpoint's
 * Resilience4j {@code CircuitBreaker} without calling the model (no request, no tokens). Health checks use it to
 * report "configured / circuit state".
 *
 * <p>The call counts are those of the breaker's sliding window (by default the last 20 calls), not lifetime totals;
 * they count only calls that the router reports to the breaker: successes, and failures that say something about the
 * endpoint (5xx, 529, 429, timeouts, connection errors). Client errors such as 400/401/404 and budget refusals are
 * counted in neither.
 *
 * @param name            the endpoint's name ({@link ModelEndpoint#name()})
 * @param provider        the endpoint's provider id ({@link ModelEndpoint#provider()})
 * @param model           the endpoint's model name ({@link ModelEndpoint#model()})
 * @param tier            the endpoint's tier
 * @param circuitState    the breaker's state at the time of the snapshot
 * @param failedCalls     failed calls in the breaker's sliding window, &gt;= 0
 * @param successfulCalls successful calls in the breaker's sliding window, &gt;= 0
 * @see <a href="https://resilience4j.readme.io/docs/circuitbreaker">Resilience4j CircuitBreaker</a>
 */
public record EndpointStatus(String name, String provider, String model, ModelTier tier, CircuitState circuitState,
                             long failedCalls, long successfulCalls) {

    /**
     * Validates the snapshot.
     *
     * @param name            the endpoint's name
     * @param provider        the endpoint's provider id
     * @param model           the endpoint's model name
     * @param tier            the endpoint's tier
     * @param circuitState    the breaker's state at the time of the snapshot
     * @param failedCalls     failed calls in the breaker's sliding window, &gt;= 0
     * @param successfulCalls successful calls in the breaker's sliding window, &gt;= 0
     * @throws NullPointerException     if a name, the tier or the state is null
     * @throws IllegalArgumentException if a call count is negative
     */
    public EndpointStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(circuitState, "circuitState");
        if (failedCalls < 0 || successfulCalls < 0) {
            throw new IllegalArgumentException("call counts must be >= 0 but were failed=" + failedCalls
                    + ", successful=" + successfulCalls);
        }
    }

    /** Circuit breaker states, named as Resilience4j names them. */
    public enum CircuitState {
        /** Calls flow; failures are counted. */
        CLOSED,
        /** Too many recent failures: the router skips the endpoint until the open-state wait has passed. */
        OPEN,
        /** The open-state wait has passed; a few trial calls decide whether to close or re-open. */
        HALF_OPEN,
        /**
         * The breaker never opens (Resilience4j {@code DISABLED}, and {@code METRICS_ONLY}, which counts calls but
         * never opens): calls always flow.
         */
        DISABLED,
        /** Held open by hand (Resilience4j {@code transitionToForcedOpenState}): the endpoint is skipped. */
        FORCED_OPEN
    }
}
