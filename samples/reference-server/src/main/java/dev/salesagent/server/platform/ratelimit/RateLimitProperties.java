package dev.salesagent.server.platform.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rate limits, prefix {@code salesagent.rate-limits}: one token bucket per caller (the signed-in user, or the client
 * address for anonymous calls) per endpoint class. A request counts against the first class whose path patterns
 * match it, otherwise against {@code general}.
 *
 * @param enabled whether limits apply (default true)
 * @param redisUrl Redis URI ({@code redis://host:6379}); when set, buckets live in Redis and are shared by every
 *     instance, otherwise in this process's memory
 * @param general the limit of every endpoint not in a class (default 100 per minute)
 * @param classes per-feature limits by class name, each with its path patterns ({@code *} one segment, {@code **} any)
 */
@ConfigurationProperties("salesagent.rate-limits")
public record RateLimitProperties(@DefaultValue("true") boolean enabled, String redisUrl,
                                  @DefaultValue Limit general, Map<String, ClassLimit> classes) {

    /**
     * A limit.
     *
     * @param limit requests allowed per period (default 100)
     * @param period the period (default 1 minute); the bucket refills gradually over it
     */
    public record Limit(@DefaultValue("100") long limit, @DefaultValue("1m") Duration period) {
    }

    /**
     * A per-feature limit.
     *
     * @param limit requests allowed per period
     * @param period the period (default 1 minute)
     * @param paths path patterns of the class's endpoints
     */
    public record ClassLimit(long limit, @DefaultValue("1m") Duration period, List<String> paths) {
    }

    /** The classes, never null. */
    public Map<String, ClassLimit> classes() {
        return classes == null ? Map.of() : classes;
    }
}
