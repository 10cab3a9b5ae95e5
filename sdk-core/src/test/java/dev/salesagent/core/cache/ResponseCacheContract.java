package dev.salesagent.core.cache;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.salesagent.core.testing.MutableClock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Behaviour every {@link ResponseCache} must show (the in-process cache and shared stores alike); an
 * implementation's test extends this. Tenants are random per test, so a shared Redis needs no cleaning.
 */
public abstract class ResponseCacheContract {

    private static final ChatResponse ANSWER = ChatResponse.builder().aiMessage(AiMessage.from("87")).build();

    /** A cache whose entries expire by {@code clock}. */
    protected abstract ResponseCache cache(MutableClock clock);

    private static String tenant(String name) {
        return name + "-" + UUID.randomUUID();
    }

    @Test
    @DisplayName("entries are per tenant and expire after their TTL")
    void entriesArePerTenantAndExpireAfterTheirTtl() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        ResponseCache cache = cache(clock);
        String acme = tenant("acme");
        String globex = tenant("globex");
        String key = ResponseCache.key("tier:ECONOMY", dev.langchain4j.model.chat.request.ChatRequest.builder()
                .messages(dev.langchain4j.data.message.UserMessage.from("Lead 42: VP Sales at ACME")).build());

        cache.put(acme, key, ANSWER, Duration.ofHours(1));
        cache.put(globex, key, ANSWER, Duration.ofHours(24));

        assertThat(cache.get(acme, key)).contains(ANSWER);
        assertThat(cache.get(tenant("initech"), key)).isEmpty();
        clock.advance(Duration.ofMinutes(61));
        assertThat(cache.get(acme, key)).isEmpty();
        assertThat(cache.get(globex, key)).contains(ANSWER);
        cache.invalidateTenant(globex);
        assertThat(cache.get(globex, key)).isEmpty();
    }

    @Test
    @DisplayName("invalidating a tenant leaves tenants whose names extend it alone")
    void invalidationIsExactPerTenant() {
        ResponseCache cache = cache(new MutableClock(Instant.parse("2026-03-01T10:00:00Z")));
        String a = tenant("a");
        cache.put(a, "k", ANSWER, Duration.ofHours(1));
        cache.put(a + ":b", "k", ANSWER, Duration.ofHours(1));
        cache.put(a + "*", "k", ANSWER, Duration.ofHours(1));

        cache.invalidateTenant(a);

        assertThat(cache.get(a, "k")).isEmpty();
        assertThat(cache.get(a + ":b", "k")).contains(ANSWER);
        assertThat(cache.get(a + "*", "k")).contains(ANSWER);
    }

    @Test
    @DisplayName("a response keeps its text, tool calls, model, token usage and finish reason")
    void responsesKeepWhatTheRouterReads() {
        ResponseCache cache = cache(new MutableClock(Instant.parse("2026-03-01T10:00:00Z")));
        ChatResponse full = ChatResponse.builder()
                .aiMessage(AiMessage.from("looking up", java.util.List.of(ToolExecutionRequest.builder().id("call_1")
                        .name("crm_lookup").arguments("{\"company\":\"Léa & Co 📈\"}").build())))
                .id("chatcmpl-1").modelName("gpt-4o-mini").tokenUsage(new TokenUsage(120, 30, 150))
                .finishReason(FinishReason.TOOL_EXECUTION).build();
        String t = tenant("acme");
        cache.put(t, "k", full, Duration.ofHours(1));

        ChatResponse back = cache.get(t, "k").orElseThrow();
        assertThat(back.aiMessage()).isEqualTo(full.aiMessage());
        assertThat(back.id()).isEqualTo("chatcmpl-1");
        assertThat(back.modelName()).isEqualTo("gpt-4o-mini");
        assertThat(back.tokenUsage()).isEqualTo(full.tokenUsage());
        assertThat(back.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
    }

    @Test
    @DisplayName("a non-positive TTL is refused")
    void badTtlIsRefused() {
        ResponseCache cache = cache(new MutableClock(Instant.parse("2026-03-01T10:00:00Z")));
        assertThatThrownBy(() -> cache.put("acme", "k", ANSWER, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ttl");
        assertThatThrownBy(() -> cache.put("acme", "k", ANSWER, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("a rejected answer is evicted or replaced only for its tenant")
    void aRejectedAnswerIsEvictedOrReplacedOnlyForItsTenant() {
        ResponseCache cache = cache(new MutableClock(Instant.parse("2026-03-01T10:00:00Z")));
        String acme = tenant("acme");
        String globex = tenant("globex");
        ChatResponse invalid = ChatResponse.builder().aiMessage(AiMessage.from("{\"scores\":[]}")).modelName("m").build();
        ChatResponse repaired = ChatResponse.builder().aiMessage(AiMessage.from("{\"scores\":[1]}")).modelName("m").build();
        cache.put(acme, "k1", invalid, Duration.ofHours(24));
        cache.put(acme, "k2", ANSWER, Duration.ofHours(24));
        cache.put(globex, "k1", invalid, Duration.ofHours(24));

        assertThat(cache.replace(acme, invalid, repaired)).isEqualTo(1);
        assertThat(cache.get(acme, "k1").map(r -> r.aiMessage().text())).contains("{\"scores\":[1]}");
        assertThat(cache.get(acme, "k2")).contains(ANSWER);

        ChatResponse copy = ChatResponse.builder().aiMessage(AiMessage.from("{\"scores\":[]}")).modelName("m").build();
        assertThat(cache.evict(globex, copy)).isEqualTo(1);
        assertThat(cache.get(globex, "k1")).isEmpty();
        assertThat(cache.evict(acme, copy)).as("acme's entry was replaced already").isZero();
        assertThat(cache.get(acme, "k2")).contains(ANSWER);
    }
}
