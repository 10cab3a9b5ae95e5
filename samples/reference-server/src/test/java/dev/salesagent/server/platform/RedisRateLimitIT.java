package dev.salesagent.server.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.salesagent.server.platform.ratelimit.RateLimiter;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;

/** The rate limiter on Redis: buckets live in Redis, so they hold across instances. */
@OnServices
@ExtendWith(ServicesSchema.class)
class RedisRateLimitIT extends PlatformTestSupport {

    @Autowired
    RateLimiter limiter;

    @Test
    @DisplayName("with a Redis URL the buckets are in Redis and the 101st call gets 429")
    void redisBuckets() throws Exception {
        assertThat(limiter.distributed()).isTrue();
        Session owner = register("Redis Limited");
        for (int i = 1; i <= 100; i++) {
            assertThat(mvc.perform(owner.auth(get("/api/v1/me"))).andReturn().getResponse().getStatus())
                    .as("call %d", i).isEqualTo(200);
        }
        MockHttpServletResponse limited = mvc.perform(owner.auth(get("/api/v1/me"))).andReturn().getResponse();
        assertThat(limited.getStatus()).isEqualTo(429);
        assertThat(limited.getHeader("Retry-After")).isNotBlank();
        RedisClient client = RedisClient.create("redis://" + System.getProperty("salesagent.it.redis.host") + ":"
                + System.getProperty("salesagent.it.redis.port"));
        try (var connection = client.connect()) {
            assertThat(connection.sync().exists("salesagent:rl:general:u:" + owner.userId())).isEqualTo(1L);
        } finally {
            client.shutdown();
        }
    }

    @Test
    @DisplayName("/actuator/health has a redis component that is UP and shows no URL")
    void redisHealth() throws Exception {
        Session owner = register("Redis Health");
        String body = mvc.perform(owner.auth(get("/actuator/health"))).andReturn().getResponse().getContentAsString();
        assertThat((String) com.jayway.jsonpath.JsonPath.read(body, "$.components.redis.status")).isEqualTo("UP");
        assertThat((String) com.jayway.jsonpath.JsonPath.read(body, "$.components.redis.details.ping"))
                .isEqualTo("PONG");
        assertThat(body).doesNotContain("redis://");
    }
}
