package dev.salesagent.model.anthropic;

import dev.langchain4j.model.anthropic.AnthropicTokenUsage;
import dev.langchain4j.model.output.TokenUsage;
import dev.salesagent.core.model.ModelEndpoint;
import dev.salesagent.core.model.ModelTier;
import dev.salesagent.core.model.TokenUsageMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the Anthropic endpoint factory builds: limits and the cache-read/cache-write split. */
class AnthropicEndpointsTest {

    @Test
    void modelAndApiKeyAreRequired() {
        assertThatThrownBy(() -> AnthropicEndpoints.builder("claude", ModelTier.ECONOMY).apiKey("k").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("model is required for endpoint claude");
        assertThatThrownBy(() -> AnthropicEndpoints.builder("claude", ModelTier.ECONOMY).model("claude-haiku-4-5").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("apiKey is required for endpoint claude");
    }

    @Test
    void limitsComeFromThePriceTableUnlessSet() {
        ModelEndpoint known = AnthropicEndpoints.builder("claude", ModelTier.ECONOMY).model("claude-haiku-4-5")
                .apiKey("k").build();
        ModelEndpoint explicit = AnthropicEndpoints.builder("claude", ModelTier.ECONOMY).model("claude-haiku-4-5")
                .apiKey("k").contextWindowTokens(50_000).maxOutputTokens(2_000).build();

        assertThat(known.provider()).isEqualTo("anthropic");
        assertThat(known.contextWindowTokens()).isEqualTo(200_000L);
        assertThat(known.streamingChatModel()).isNotNull();
        assertThat(explicit.contextWindowTokens()).isEqualTo(50_000L);
        assertThat(explicit.maxOutputTokens()).isEqualTo(2_000L);
    }

    @Test
    void cacheReadsAndWritesAreReportedBesideTheUncachedInput() {
        AnthropicTokenUsage usage = AnthropicTokenUsage.builder().inputTokenCount(120).outputTokenCount(30)
                .cacheReadInputTokens(900).cacheCreationInputTokens(400).build();

        assertThat(AnthropicEndpoints.tokenUsageMapper().inputTokens(usage))
                .isEqualTo(new TokenUsageMapper.InputTokens(120, 900, 400));
        assertThat(AnthropicEndpoints.tokenUsageMapper().inputTokens(new TokenUsage(75, 5)))
                .isEqualTo(new TokenUsageMapper.InputTokens(75, 0, 0));
    }
}
