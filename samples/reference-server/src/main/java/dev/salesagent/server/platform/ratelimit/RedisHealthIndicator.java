package dev.salesagent.server.platform.ratelimit;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Health of the Redis that holds the shared rate-limit buckets (component {@code redis} of
 * {@code /actuator/health}): {@code UP} when it answers {@code PING} within 5 seconds, {@code DOWN} with the error
 * otherwise. Present only when {@code SALESAGENT_REDIS_URL} is set; the URL (which may carry a password) is never shown.
 */
@Component("redisHealthIndicator")
@ConditionalOnExpression("!'${salesagent.rate-limits.redis-url:}'.isBlank()")
public class RedisHealthIndicator extends AbstractHealthIndicator {

    private final RateLimiter limiter;

    RedisHealthIndicator(RateLimiter limiter) {
        super("Redis health check failed");
        this.limiter = limiter;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        builder.up().withDetail("ping", limiter.pingRedis()).withDetail("use", "rate-limit buckets");
    }
}
