package dev.salesagent.core.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.langchain4j.model.chat.response.ChatResponse;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Caffeine-backed {@link ResponseCache} with a TTL per entry. */
final class CaffeineResponseCache implements ResponseCache {

    private record Key(String tenant, String key) {
    }

    private record Entry(ChatResponse response, long ttlNanos) {
    }

    private final Cache<Key, Entry> cache;

    CaffeineResponseCache(long maximumEntries, Ticker ticker) {
        if (maximumEntries <= 0) {
            throw new IllegalArgumentException("maximumEntries must be > 0 but was " + maximumEntries);
        }
        // maintenance (eviction) runs on the calling thread: handing it to the common pool costs a thread wake-up
        // per write, more than the maintenance itself
        this.cache = Caffeine.newBuilder().maximumSize(maximumEntries).ticker(Objects.requireNonNull(ticker, "ticker"))
                .executor(Runnable::run)
                .expireAfter(new Expiry<Key, Entry>() {
                    @Override
                    public long expireAfterCreate(Key key, Entry value, long currentTime) {
                        return value.ttlNanos();
                    }

                    @Override
                    public long expireAfterUpdate(Key key, Entry value, long currentTime, long currentDuration) {
                        return value.ttlNanos();
                    }

                    @Override
                    public long expireAfterRead(Key key, Entry value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                }).build();
    }

    @Override
    public Optional<ChatResponse> get(String tenant, String key) {
        Entry e = cache.getIfPresent(new Key(tenant, key));
        return e == null ? Optional.empty() : Optional.of(e.response());
    }

    @Override
    public void put(String tenant, String key, ChatResponse response, Duration ttl) {
        Objects.requireNonNull(response, "response");
        if (ttl == null || ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must be > 0 but was " + ttl);
        }
        cache.put(new Key(tenant, key), new Entry(response, ttl.toNanos()));
    }

    @Override
    public void invalidateTenant(String tenant) {
        cache.asMap().keySet().removeIf(k -> k.tenant().equals(tenant));
    }

    @Override
    public int evict(String tenant, ChatResponse rejected) {
        Objects.requireNonNull(rejected, "rejected");
        int[] dropped = {0};
        cache.asMap().entrySet().removeIf(e -> {
            boolean match = e.getKey().tenant().equals(tenant) && ResponseCache.sameAnswer(e.getValue().response(), rejected);
            if (match) {
                dropped[0]++;
            }
            return match;
        });
        return dropped[0];
    }

    @Override
    public int replace(String tenant, ChatResponse rejected, ChatResponse accepted) {
        Objects.requireNonNull(rejected, "rejected");
        Objects.requireNonNull(accepted, "accepted");
        int replaced = 0;
        for (Map.Entry<Key, Entry> e : cache.asMap().entrySet()) {
            if (e.getKey().tenant().equals(tenant) && ResponseCache.sameAnswer(e.getValue().response(), rejected)
                    && cache.asMap().replace(e.getKey(), e.getValue(), new Entry(accepted, e.getValue().ttlNanos()))) {
                replaced++;
            }
        }
        return replaced;
    }
}
