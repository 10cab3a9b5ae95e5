package dev.salesagent.core.cache;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.ChatResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResponseCacheTest {

    private static final ChatRequest BASE = ChatRequest.builder()
            .messages(SystemMessage.from("You score leads."), UserMessage.from("Lead 42: VP Sales at ACME")).build();
    private static final ChatResponse ANSWER = ChatResponse.builder().aiMessage(AiMessage.from("87")).build();

    @Test
    void keyIsStableAndChangesWithEveryOutputAffectingInput() {
        String key = ResponseCache.key("tier:ECONOMY", BASE);
        assertThat(key).hasSize(64).matches("[0-9a-f]+");
        assertThat(ResponseCache.key("tier:ECONOMY", ChatRequest.builder()
                .messages(SystemMessage.from("You score leads."), UserMessage.from("Lead 42: VP Sales at ACME")).build()))
                .isEqualTo(key);

        Set<String> variants = Set.of(
                ResponseCache.key("tier:STANDARD", BASE),
                ResponseCache.key("endpoint:gpt", BASE),
                ResponseCache.key("tier:ECONOMY", BASE.toBuilder().messages(UserMessage.from("Lead 43")).build()),
                ResponseCache.key("tier:ECONOMY", BASE.toBuilder().temperature(0.2).build()),
                ResponseCache.key("tier:ECONOMY", BASE.toBuilder().maxOutputTokens(10).build()),
                ResponseCache.key("tier:ECONOMY", BASE.toBuilder().responseFormat(ResponseFormat.JSON).build()),
                ResponseCache.key("tier:ECONOMY", BASE.toBuilder()
                        .toolSpecifications(ToolSpecification.builder().name("crm_lookup").build()).build()));
        assertThat(variants).hasSize(7).doesNotContain(key);
    }

    @Test
    void keyIsTheSha256OfTheDocumentedCanonicalForm() throws Exception {
        ChatRequest request = ChatRequest.builder().messages(SystemMessage.from("Score leads."),
                UserMessage.from("Léa Müller, VP Sales 📈")).temperature(0.5).build();
        // absent values are written as NUL; LangChain4j gives an empty list for absent stop sequences
        String nul = "\u0000";
        String canonical = "v=1:1\nroute=12:tier:ECONOMY\nsystem=12:Score leads.\nuser=1:" + nul + "\n"
                + "content=23:Léa Müller, VP Sales 📈\nmodel=1:" + nul + "\ntemperature=3:0.5\ntopP=1:" + nul
                + "\ntopK=1:" + nul + "\nfrequencyPenalty=1:" + nul + "\npresencePenalty=1:" + nul
                + "\nmaxOutputTokens=1:" + nul + "\nstop=2:[]\ntoolChoice=1:" + nul
                + "\nresponseFormat=1:" + nul + "\n";
        String expected = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        assertThat(ResponseCache.key("tier:ECONOMY", request)).isEqualTo(expected);
    }

    @Test
    void entriesArePerTenantAndExpireAfterTheirTtl() {
        AtomicLong nanos = new AtomicLong();
        ResponseCache cache = ResponseCache.inMemory(100, nanos::get);
        String key = ResponseCache.key("tier:ECONOMY", BASE);

        cache.put("acme", key, ANSWER, Duration.ofHours(1));
        cache.put("globex", key, ANSWER, Duration.ofHours(24));

        assertThat(cache.get("acme", key)).contains(ANSWER);
        assertThat(cache.get("initech", key)).isEmpty();
        nanos.addAndGet(Duration.ofMinutes(61).toNanos());
        assertThat(cache.get("acme", key)).isEmpty();
        assertThat(cache.get("globex", key)).contains(ANSWER);
        cache.invalidateTenant("globex");
        assertThat(cache.get("globex", key)).isEmpty();
    }

    @Test
    void policyIsOptInPerFeature() {
        ResponseCache.Policy policy = ResponseCache.Policy.builder().feature("lead_scoring", Duration.ofHours(24))
                .feature("proposal", Duration.ofHours(1)).build();

        assertThat(policy.ttlFor("lead_scoring")).contains(Duration.ofHours(24));
        assertThat(policy.ttlFor("proposal")).contains(Duration.ofHours(1));
        assertThat(policy.ttlFor("outreach")).isEmpty();
        assertThat(policy.ttlFor(null)).isEmpty();
        assertThatThrownBy(() -> ResponseCache.Policy.builder().feature("x", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x");
    }

    @Test
    void aRejectedAnswerIsEvictedOrReplacedOnlyForItsTenant() {
        ResponseCache cache = ResponseCache.inMemory(100);
        ChatResponse invalid = ChatResponse.builder().aiMessage(AiMessage.from("{\"scores\":[]}")).modelName("m").build();
        ChatResponse repaired = ChatResponse.builder().aiMessage(AiMessage.from("{\"scores\":[1]}")).modelName("m").build();
        cache.put("acme", "k1", invalid, Duration.ofHours(24));
        cache.put("acme", "k2", ANSWER, Duration.ofHours(24));
        cache.put("globex", "k1", invalid, Duration.ofHours(24));

        assertThat(cache.replace("acme", invalid, repaired)).isEqualTo(1);
        assertThat(cache.get("acme", "k1")).containsSame(repaired);
        assertThat(cache.get("acme", "k2")).containsSame(ANSWER);

        // a copy with the same text and model (as a shared store returns) matches too
        ChatResponse copy = ChatResponse.builder().aiMessage(AiMessage.from("{\"scores\":[]}")).modelName("m").build();
        assertThat(cache.evict("globex", copy)).isEqualTo(1);
        assertThat(cache.get("globex", "k1")).isEmpty();
        assertThat(cache.evict("acme", copy)).as("acme's entry was replaced already").isZero();
        assertThat(cache.get("acme", "k2")).containsSame(ANSWER);
    }
}
