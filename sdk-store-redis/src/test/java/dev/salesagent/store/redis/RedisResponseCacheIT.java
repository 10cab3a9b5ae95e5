package dev.salesagent.store.redis;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.salesagent.core.cache.ResponseCache;
import dev.salesagent.core.cache.ResponseCacheContract;
import dev.salesagent.core.testing.MutableClock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Base64;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@link ResponseCacheContract} on the Redis of the {@code services} profile, plus Redis' own expiry. */
class RedisResponseCacheIT extends ResponseCacheContract {

    @Override
    protected ResponseCache cache(MutableClock clock) {
        return RedisResponseCache.create(RedisConnections.shared(), "salesagent-it:", clock);
    }

    @Test
    @DisplayName("Redis itself expires an entry after its TTL, and a second instance sees the first one's entries")
    void redisExpiresEntriesAndInstancesShareThem() {
        String tenant = "shared-" + System.nanoTime();
        RedisResponseCache a = RedisResponseCache.create(RedisConnections.shared(), "salesagent-it:",
                java.time.Clock.systemUTC());
        RedisResponseCache b = RedisResponseCache.create(RedisConnections.shared(), "salesagent-it:",
                java.time.Clock.systemUTC());
        ChatResponse answer = ChatResponse.builder().aiMessage(AiMessage.from("87")).modelName("m").build();
        a.put(tenant, "k", answer, Duration.ofHours(2));
        assertThat(b.get(tenant, "k")).contains(answer);

        String redisKey = "salesagent-it:cache:" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(tenant.getBytes(StandardCharsets.UTF_8)) + ":k";
        long pttl = RedisConnections.shared().sync().pttl(redisKey);
        assertThat(pttl).isPositive().isLessThanOrEqualTo(Duration.ofHours(2).toMillis());
    }
}
