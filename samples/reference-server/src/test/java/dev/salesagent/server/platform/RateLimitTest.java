package dev.salesagent.server.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.salesagent.server.platform.ratelimit.RateLimiter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

class RateLimitTest extends PlatformTestSupport {

    @Autowired
    RateLimiter limiter;

    @Autowired
    ManualTimeMeter time;

    @Test
    @DisplayName("the 101st general call of a user within a minute (one went on creating a user) gets 429 with Retry-After and RateLimit headers")
    void generalLimit() throws Exception {
        Session owner = register("Rate Limited");
        Session other = createUser(owner, "sales_rep"); // before the owner's bucket runs dry
        for (int i = 1; i <= 99; i++) {
            MockHttpServletResponse r = mvc.perform(owner.auth(get("/api/v1/me"))).andReturn().getResponse();
            assertThat(r.getStatus()).as("call %d", i).isEqualTo(200);
            assertThat(r.getHeader("RateLimit-Limit")).isEqualTo("100");
            assertThat(r.getHeader("RateLimit-Remaining")).isEqualTo(Integer.toString(99 - i));
        }
        MockHttpServletResponse limited = mvc.perform(owner.auth(get("/api/v1/me")))
                .andExpect(status().isTooManyRequests())
                .andExpect(jsonPath("$.type").value("urn:salesagent:problem:rate-limited"))
                .andExpect(jsonPath("$.limit_class").value("general"))
                .andExpect(header().string("RateLimit-Remaining", "0"))
                .andReturn().getResponse();
        long retryAfter = Long.parseLong(limited.getHeader("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(Long.parseLong(limited.getHeader("RateLimit-Reset"))).isBetween(1L, 60L);
        // the bucket refills gradually: 100 per minute is one every 0.6 s
        time.advance(java.time.Duration.ofMillis(1300));
        mvc.perform(owner.auth(get("/api/v1/me"))).andExpect(status().isOk());
        mvc.perform(owner.auth(get("/api/v1/me"))).andExpect(status().isOk());
        mvc.perform(owner.auth(get("/api/v1/me"))).andExpect(status().isTooManyRequests());
        // another user of the same tenant has their own bucket
        mvc.perform(other.auth(get("/api/v1/me"))).andExpect(status().isOk());
    }

    @Test
    @DisplayName("log-in has its own stricter class keyed by client address")
    void authClass() throws Exception {
        RequestPostProcessor client = randomClient();
        int allowed = 0;
        MockHttpServletResponse last = null;
        for (int i = 0; i < 25; i++) {
            last = mvc.perform(post("/api/v1/auth/token").with(client).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"email\":\"nobody@example.com\",\"password\":\"whatever-it-is\"}")).andReturn().getResponse();
            if (last.getStatus() != 429) {
                allowed++;
            }
        }
        assertThat(allowed).isEqualTo(20);
        assertThat(last.getStatus()).isEqualTo(429);
        assertThat(last.getHeader("RateLimit-Policy")).contains("name=\"auth\"");
    }

    @Test
    @DisplayName("per-feature classes map their paths; everything else is general")
    void classes() {
        assertThat(limiter.classOf("/api/v1/leads/123/score")).isEqualTo("lead-scoring");
        assertThat(limiter.classOf("/api/v1/proposals/generate")).isEqualTo("proposals");
        assertThat(limiter.classOf("/api/v1/conversations/analyze")).isEqualTo("conversation-analysis");
        assertThat(limiter.classOf("/api/v1/users")).isEqualTo(RateLimiter.GENERAL);
        assertThat(limiter.distributed()).isFalse();
    }
}
