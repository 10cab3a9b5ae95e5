package dev.salesagent.store.redis;

import dev.salesagent.core.cache.ResponseCache;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link ResponseCache} in Redis, shared by every instance: one string per entry,
 * {@code <prefix>cache:<base64url(tenant)>:<key>}, holding the response as JSON (the AI message in LangChain4j's
 * {@code ChatMessageSerializer} form plus id, model name, token usage and finish reason; provider-specific metadata is
 * not kept) and its expiry. Redis expires the entry after its TTL ({@code PX}); reads also compare the expiry with the
 * injected {@link Clock}, so TTLs are testable without waiting.
 *
 * <p>{@link #invalidateTenant}, {@link #evict} and {@link #replace} walk the tenant's entries with {@code SCAN}
 * (never {@code KEYS}); the tenant is base64url-encoded in the key, so no tenant's pattern matches another's entries.
 * Redis failures surface as {@link UncheckedIOException}.
 */
public final class RedisResponseCache implements ResponseCache {

    private final RedisCommands<String, String> redis;
    private final String prefix;
    private final Clock clock;

    private RedisResponseCache(StatefulRedisConnection<String, String> connection, String keyPrefix, Clock clock) {
        this.redis = Objects.requireNonNull(connection, "connection").sync();
        this.prefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * {@return a cache with keys under {@code salesagent:} on a connection the caller owns, on the system UTC clock}
     *
     * @param connection an open Lettuce connection with String keys and values; not closed by the cache
     * @throws NullPointerException if {@code connection} is null
     */
    public static RedisResponseCache create(StatefulRedisConnection<String, String> connection) {
        return new RedisResponseCache(connection, "salesagent:", Clock.systemUTC());
    }

    /**
     * A cache with keys under {@code keyPrefix}, expiring entries by {@code clock} as well as by Redis' TTL.
     *
     * @param connection an open Lettuce connection with String keys and values; not closed by the cache
     * @param keyPrefix prepended to every key the cache writes (e.g. {@code myapp:})
     * @param clock decides when an entry has expired, in addition to the Redis key's TTL
     * @return a cache storing responses on that connection
     * @throws NullPointerException if an argument is null
     */
    public static RedisResponseCache create(StatefulRedisConnection<String, String> connection, String keyPrefix,
                                            Clock clock) {
        return new RedisResponseCache(connection, keyPrefix, clock);
    }

    @Override
    public Optional<ChatResponse> get(String tenant, String key) {
        String json;
        try {
            json = redis.get(entryKey(tenant, key));
        } catch (RedisException e) {
            throw failure("reading", e);
        }
        if (json == null) {
            return Optional.empty();
        }
        CachedResponse entry = CachedResponse.fromJson(json);
        return entry.expiresAt().isAfter(clock.instant()) ? Optional.of(entry.response()) : Optional.empty();
    }

    @Override
    public void put(String tenant, String key, ChatResponse response, Duration ttl) {
        Objects.requireNonNull(response, "response");
        if (ttl == null || ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must be > 0 but was " + ttl);
        }
        write(entryKey(tenant, key), new CachedResponse(response, clock.instant().plus(ttl), ttl));
    }

    @Override
    public void invalidateTenant(String tenant) {
        for (String k : tenantKeys(tenant)) {
            delete(k);
        }
    }

    @Override
    public int evict(String tenant, ChatResponse rejected) {
        Objects.requireNonNull(rejected, "rejected");
        int dropped = 0;
        for (String k : tenantKeys(tenant)) {
            CachedResponse e = read(k);
            if (e != null && ResponseCache.sameAnswer(e.response(), rejected)) {
                dropped += delete(k);
            }
        }
        return dropped;
    }

    @Override
    public int replace(String tenant, ChatResponse rejected, ChatResponse accepted) {
        Objects.requireNonNull(rejected, "rejected");
        Objects.requireNonNull(accepted, "accepted");
        int replaced = 0;
        for (String k : tenantKeys(tenant)) {
            CachedResponse e = read(k);
            if (e != null && ResponseCache.sameAnswer(e.response(), rejected)) {
                write(k, new CachedResponse(accepted, clock.instant().plus(e.ttl()), e.ttl()));
                replaced++;
            }
        }
        return replaced;
    }

    private String tenantPrefix(String tenant) {
        String t = tenant == null ? "default" : tenant;
        return prefix + "cache:" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(t.getBytes(StandardCharsets.UTF_8)) + ":";
    }

    private String entryKey(String tenant, String key) {
        return tenantPrefix(tenant) + Objects.requireNonNull(key, "key");
    }

    private List<String> tenantKeys(String tenant) {
        // base64url and the prefix's own characters: escape the glob characters a custom prefix might hold
        String pattern = tenantPrefix(tenant).replaceAll("([*?\\[\\]\\\\])", "\\\\$1") + "*";
        List<String> keys = new ArrayList<>();
        try {
            ScanCursor cursor = ScanCursor.INITIAL;
            ScanArgs args = ScanArgs.Builder.matches(pattern).limit(500);
            do {
                KeyScanCursor<String> page = redis.scan(cursor, args);
                keys.addAll(page.getKeys());
                cursor = page;
            } while (!cursor.isFinished());
        } catch (RedisException e) {
            throw failure("scanning", e);
        }
        return keys;
    }

    private CachedResponse read(String redisKey) {
        try {
            String json = redis.get(redisKey);
            return json == null ? null : CachedResponse.fromJson(json);
        } catch (RedisException e) {
            throw failure("reading", e);
        }
    }

    private void write(String redisKey, CachedResponse entry) {
        try {
            redis.set(redisKey, entry.toJson(), SetArgs.Builder.px(entry.ttl()));
        } catch (RedisException e) {
            throw failure("writing", e);
        }
    }

    private int delete(String redisKey) {
        try {
            return redis.del(redisKey).intValue();
        } catch (RedisException e) {
            throw failure("deleting", e);
        }
    }

    private static UncheckedIOException failure(String what, RedisException e) {
        return new UncheckedIOException(new IOException("Redis response cache failed " + what + ": " + e.getMessage(), e));
    }
}
