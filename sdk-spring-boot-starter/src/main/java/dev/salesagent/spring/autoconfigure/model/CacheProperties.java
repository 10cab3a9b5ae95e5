package dev.salesagent.spring.autoconfigure.model;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Exact-match response cache in front of the router, prefix {@code salesagent.cache}. Entries are per tenant.
 *
 * <pre>
 * salesagent.cache.enabled=true
 * salesagent.cache.ttl.lead_scoring=24h
 * salesagent.cache.ttl.battle_card=1h
 * </pre>
 *
 * @param enabled Whether to cache model responses. Default false.
 * @param maxEntries Most responses kept in memory (least recently used are evicted first). Default 10000.
 * @param ttl Time to live per feature (the feature of the current AiContext). Only features listed here are cached.
 */
@ConfigurationProperties("salesagent.cache")
public record CacheProperties(boolean enabled, @DefaultValue("10000") long maxEntries, Map<String, Duration> ttl) {

    /**
     * Binds; {@code ttl} defaults to none.
     *
     * @param enabled Whether to cache model responses. Default false.
     * @param maxEntries Most responses kept in memory (least recently used are evicted first). Default 10000.
     * @param ttl Time to live per feature (the feature of the current AiContext). Only features listed here are cached.
     */
    public CacheProperties {
        ttl = ttl == null ? Map.of() : Map.copyOf(ttl);
    }
}
