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

    /**
     * {@return the cached response of this tenant for this key, if present and not expired}
     *
     * @param tenant the tenant id whose entries are searched (e.g. {@code AiContext.tenant()}); entries never cross
     *               tenants
     * @param key the request key from {@link #key(String, ChatRequest)}
     */
    Optional<ChatResponse> get(String tenant, String key);

    /**
     * Stores a response for this tenant and key for {@code ttl} (&gt; 0).
     *
     * @param tenant the tenant id that owns the entry
     * @param key the request key from {@link #key(String, ChatRequest)}
     * @param response the model's response to serve on later hits
     * @param ttl how long the entry may be served, counted from now; must be positive
     */
    void put(String tenant, String key, ChatResponse response, Duration ttl);

    /**
     * Drops every entry of a tenant (e.g. after its CRM data changed).
     *
     * @param tenant the tenant id whose entries are all dropped; other tenants are untouched
     */
    void invalidateTenant(String tenant);

    /**
     * Drops every entry of a tenant holding {@code rejected}: a response the caller did not accept (e.g. it failed
     * structured-output validation), so that the next identical request calls a model again instead of repeating
     * the rejected answer for the whole TTL. Entries are matched by identity first, then by equal AI message text
     * and model name (a shared store returns copies).
     *
     * @param tenant the tenant id whose entries are searched
     * @param rejected the response the caller did not accept
     * @return the number of entries dropped (0 when none held it)
     */
    int evict(String tenant, ChatResponse rejected);

    /**
     * Replaces the response of every entry of a tenant holding {@code rejected} (matched as by
     * {@link #evict(String, ChatResponse)}) with {@code accepted}, e.g. the repaired answer to a request whose
     * first answer failed validation; the entry's TTL restarts.
     *
     * @param tenant the tenant id whose entries are searched
     * @param rejected the response the caller did not accept
     * @param accepted the response to store instead, for a fresh TTL
     * @return the number of entries replaced
     */
    int replace(String tenant, ChatResponse rejected, ChatResponse accepted);

    /**
     * Whether a cached {@code held} response is the {@code rejected} one: the same instance, or the same AI message
     * text and model name.
     *
     * @param held the response held by a cache entry; may be null
     * @param rejected the response the caller rejected; may be null
     * @return true if both are the same instance, or both have an AI message with equal text and equal model names
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

    /**
     * {@return a Caffeine cache holding at most {@code maximumEntries} responses, on the system ticker}
     *
     * @param maximumEntries the most entries kept over all tenants; beyond it Caffeine evicts the least valuable
     *                       (size-based eviction)
     */
    static ResponseCache inMemory(long maximumEntries) {
        return new CaffeineResponseCache(maximumEntries, Ticker.systemTicker());
    }

    /**
     * {@return a Caffeine cache on the given ticker (nanoseconds), for deterministic TTL tests}
     *
     * @param maximumEntries the most entries kept over all tenants
     * @param ticker the time source for TTLs, in nanoseconds (e.g. a fake ticker in tests)
     */
    static ResponseCache inMemory(long maximumEntries, Ticker ticker) {
        return new CaffeineResponseCache(maximumEntries, ticker);
    }

    /**
     * The cache key of a request: lower-case hex SHA-256 of its canonical form.
     *
     * @param route the tier or forced endpoint the request is routed to, e.g. {@code tier:ECONOMY}
     * @param request the request as sent to the model: messages, tools and output-changing parameters are hashed
     * @return 64 lower-case hex characters; equal for requests that would produce the same output
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

        /** {@return a builder of a policy that caches no feature until {@link Builder#feature} adds one} */
        public static Builder builder() {
            return new Builder();
        }

        /**
         * {@return the TTL of a feature's entries, or empty when the feature is not cached (always for a null feature)}
         *
         * @param feature the feature name from the call's {@code AiContext}, e.g. {@code lead_scoring}; may be null
         */
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
             * @param feature the feature name, e.g. {@code lead_scoring}; not null
             * @param ttl how long this feature's responses are served from the cache; must be positive
             * @return this builder
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

            /** {@return an immutable policy with the features added so far} */
            public Policy build() {
                return new Policy(ttls);
            }
        }
    }
}
