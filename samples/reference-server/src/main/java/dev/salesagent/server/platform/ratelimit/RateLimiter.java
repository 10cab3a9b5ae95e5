package dev.salesagent.server.platform.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Token buckets with Bucket4j: in this process's memory by default (idle buckets are dropped after twice their
 * period), or in Redis through Bucket4j's Lettuce integration when {@code salesagent.rate-limits.redis-url} is set,
 * so that several instances share one budget per caller. Counts decisions in {@code salesagent.ratelimit.requests}
 * tagged by class and outcome. The buckets' time source is a Bucket4j {@link TimeMeter} bean when one exists (tests
 * use a manual one), otherwise the wall clock in milliseconds (which Redis buckets need across instances).
 */
@Component
public class RateLimiter implements DisposableBean {

    /** Name of the class of endpoints without a class of their own. */
    public static final String GENERAL = "general";

    private final RateLimitProperties properties;
    private final List<Map.Entry<PathPattern, String>> patterns = new ArrayList<>();
    private final Map<String, RateLimitProperties.Limit> limits = new LinkedHashMap<>();
    private final Cache<String, Bucket> local;
    private final RedisClient redis;
    private final StatefulRedisConnection<byte[], byte[]> connection;
    private final ProxyManager<byte[]> remote;
    private final MeterRegistry meters;
    private final TimeMeter time;

    RateLimiter(RateLimitProperties properties, MeterRegistry meters, ObjectProvider<TimeMeter> time) {
        this.properties = properties;
        TimeMeter clock = time.getIfAvailable(() -> TimeMeter.SYSTEM_MILLISECONDS);
        this.time = clock;
        this.meters = meters;
        limits.put(GENERAL, properties.general());
        PathPatternParser parser = new PathPatternParser();
        properties.classes().forEach((name, c) -> {
            limits.put(name, new RateLimitProperties.Limit(c.limit(), c.period()));
            for (String path : c.paths() == null ? List.<String>of() : c.paths()) {
                patterns.add(Map.entry(parser.parse(path), name));
            }
        });
        Duration longest = limits.values().stream().map(RateLimitProperties.Limit::period)
                .max(Duration::compareTo).orElse(Duration.ofMinutes(1));
        if (properties.redisUrl() != null && !properties.redisUrl().isBlank()) {
            this.redis = RedisClient.create(properties.redisUrl());
            this.connection = redis.connect(ByteArrayCodec.INSTANCE);
            this.remote = Bucket4jLettuce.casBasedBuilder(connection)
                    .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(longest))
                    .clientClock(clock)
                    .build();
            this.local = null;
        } else {
            this.redis = null;
            this.connection = null;
            this.remote = null;
            this.local = Caffeine.newBuilder().expireAfterAccess(longest.multipliedBy(2)).build();
        }
    }

    /**
     * A decision.
     *
     * @param allowed whether the request may proceed
     * @param limitClass the class it counted against
     * @param limit requests per period of that class
     * @param remaining requests left in the bucket
     * @param reset time until the bucket is full again (for {@code RateLimit-Reset})
     * @param retryAfter time until one request is allowed again (zero when allowed)
     */
    public record Decision(boolean allowed, String limitClass, long limit, long remaining, Duration reset,
                           Duration retryAfter) {
    }

    /** Whether limits apply. */
    public boolean enabled() {
        return properties.enabled();
    }

    /**
     * Sends {@code PING} to the Redis that holds the buckets (for the health endpoint).
     *
     * @return Redis's answer ({@code PONG})
     * @throws IllegalStateException when the buckets are in memory
     * @throws Exception when Redis does not answer within 5 seconds or answers with an error
     */
    public String pingRedis() throws Exception {
        if (connection == null) {
            throw new IllegalStateException("rate-limit buckets are in memory, not in Redis");
        }
        return connection.async().ping().toCompletableFuture().get(5, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Whether buckets live in Redis. */
    public boolean distributed() {
        return remote != null;
    }

    /** The period of a class's limit. */
    public Duration period(String limitClass) {
        return limits.get(limitClass).period();
    }

    /** The class of a request path. */
    public String classOf(String path) {
        PathContainer container = PathContainer.parsePath(path);
        for (Map.Entry<PathPattern, String> p : patterns) {
            if (p.getKey().matches(container)) {
                return p.getValue();
            }
        }
        return GENERAL;
    }

    /**
     * Takes one token for a caller from the bucket of the request's class.
     *
     * @param subject the caller ({@code u:<user id>} or {@code ip:<address>})
     * @param path the request path
     * @return the decision with header values
     */
    public Decision consume(String subject, String path) {
        String limitClass = classOf(path);
        RateLimitProperties.Limit limit = limits.get(limitClass);
        String key = "salesagent:rl:" + limitClass + ":" + subject;
        Bucket bucket = remote != null
                ? remote.getProxy(key.getBytes(StandardCharsets.UTF_8), () -> configuration(limit))
                : local.get(key, k -> Bucket.builder().withCustomTimePrecision(time).addLimit(bandwidth(limit)).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        long nanosPerToken = limit.period().toNanos() / Math.max(1, limit.limit());
        Duration reset = Duration.ofNanos(nanosPerToken * (limit.limit() - probe.getRemainingTokens()));
        meters.counter("salesagent.ratelimit.requests", "class", limitClass,
                "outcome", probe.isConsumed() ? "allowed" : "limited").increment();
        return new Decision(probe.isConsumed(), limitClass, limit.limit(), probe.getRemainingTokens(), reset,
                Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    private static BucketConfiguration configuration(RateLimitProperties.Limit limit) {
        return BucketConfiguration.builder().addLimit(bandwidth(limit)).build();
    }

    private static Bandwidth bandwidth(RateLimitProperties.Limit limit) {
        return Bandwidth.builder().capacity(limit.limit()).refillGreedy(limit.limit(), limit.period()).build();
    }

    @Override
    public void destroy() {
        if (connection != null) {
            connection.close();
        }
        if (redis != null) {
            redis.shutdown();
        }
    }
}
