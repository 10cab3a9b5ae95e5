package dev.salesagent.core.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Exact-match cache of model responses, scoped per tenant, in front of the {@code ModelRouter}.
 *
 * <p>Keys come from {@link #key(String, ChatRequest)}: a SHA-256 over a canonical form of the route (tier or
 * forced endpoint), the messages, the tools and every parameter that changes the output (model name, temperature,
 * top-p/top-k, penalties, max output tokens, stop sequences, tool choice, response format). Caching is opt-in per
 * feature with a TTL per feature ({@link Policy}). A hit is served without any provider call and recorded as a
 * zero-cost usage record with {@code cacheHit=true}.
 *
 * <p>{@link #inMemory(long)} is Caffeine-backed; a shared store (e.g. Redis) implements this interface.
 * Implementations must be thread-safe.
 */
public interface ResponseCache {

    /** The cached response of this tenant for this key, if present and not expired. */
    Optional<ChatResponse> get(String tenant, String key);

    /** Stores a response for this tenant and key for {@code ttl} (&gt; 0). */
    void put(String tenant, String key, ChatResponse response, Duration ttl);

    /** Drops every entry of a tenant (e.g. after its CRM data changed). */
    void invalidateTenant(String tenant);

    /**
     * Drops every entry of a tenant holding {@code rejected}: a response the caller did not accept (e.g. it failed
     * structured-output validation), so that the next identical request calls a model again instead of repeating
     * the rejected answer for the whole TTL. Entries are matched by identity first, then by equal AI message text
     * and model name (a shared store returns copies).
     *
     * @return the number of entries dropped (0 when none held it)
     */
    int evict(String tenant, ChatResponse rejected);

    /**
     * Replaces the response of every entry of a tenant holding {@code rejected} (matched as by
     * {@link #evict(String, ChatResponse)}) with {@code accepted}, e.g. the repaired answer to a request whose
     * first answer failed validation; the entry's TTL restarts.
     *
     * @return the number of entries replaced
     */
    int replace(String tenant, ChatResponse rejected, ChatResponse accepted);

    /**
     * Whether a cached {@code held} response is the {@code rejected} one: the same instance, or the same AI message
     * text and model name.
     */
    static boolean sameAnswer(ChatResponse held, ChatResponse rejected) {
        if (held == rejected) {
            return true;
        }
        if (held == null || rejected == null || held.aiMessage() == null || rejected.aiMessage() == null) {
            return false;
        }
        return Objects.equals(held.aiMessage().text(), rejected.aiMessage().text())
                && Objects.equals(held.modelName(), rejected.modelName());
    }

    /** A Caffeine cache holding at most {@code maximumEntries} responses, on the system ticker. */
    static ResponseCache inMemory(long maximumEntries) {
        return new CaffeineResponseCache(maximumEntries, Ticker.systemTicker());
    }

    /** A Caffeine cache on the given ticker (nanoseconds), for deterministic TTL tests. */
    static ResponseCache inMemory(long maximumEntries, Ticker ticker) {
        return new CaffeineResponseCache(maximumEntries, ticker);
    }

    /**
     * The cache key of a request: lower-case hex SHA-256 of its canonical form.
     *
     * @param route the tier or forced endpoint the request is routed to, e.g. {@code tier:ECONOMY}
     */
    static String key(String route, ChatRequest request) {
        return CacheKeys.key(route, request);
    }

    /**
     * Which features are cached and for how long. Features without an entry are never cached.
     *
     * <pre>{@code
     * ResponseCache.Policy.builder().feature("lead_scoring", Duration.ofHours(24)).feature("proposal", Duration.ofHours(1)).build();
     * }</pre>
     */
    final class Policy {
        private final Map<String, Duration> ttls;

        private Policy(Map<String, Duration> ttls) {
            this.ttls = Map.copyOf(ttls);
        }

        public static Builder builder() {
            return new Builder();
        }

        /** The TTL of a feature's entries, or empty when the feature is not cached (always for a null feature). */
        public Optional<Duration> ttlFor(String feature) {
            return feature == null ? Optional.empty() : Optional.ofNullable(ttls.get(feature));
        }

        @Override
        public String toString() {
            return "ResponseCache.Policy" + ttls;
        }

        /** Builds a {@link Policy}. */
        public static final class Builder {
            private final Map<String, Duration> ttls = new HashMap<>();

            private Builder() {
            }

            /**
             * Caches this feature's responses for {@code ttl}.
             *
             * @throws IllegalArgumentException if the TTL is not positive
             */
            public Builder feature(String feature, Duration ttl) {
                Objects.requireNonNull(feature, "feature");
                if (ttl == null || ttl.isZero() || ttl.isNegative()) {
                    throw new IllegalArgumentException("TTL of feature " + feature + " must be > 0 but was " + ttl);
                }
                ttls.put(feature, ttl);
                return this;
            }

            public Policy build() {
                return new Policy(ttls);
            }
        }
    }
}
