package dev.salesagent.model.anthropic;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.anthropic.AnthropicTokenUsage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.output.TokenUsage;
import dev.salesagent.core.cost.PriceTable;
import dev.salesagent.core.model.ModelEndpoint;
import dev.salesagent.core.model.ModelRouter;
import dev.salesagent.core.model.ModelTier;
import dev.salesagent.core.model.TokenUsageMapper;
import dev.salesagent.model.http.HttpEndpointBuilder;

import java.util.Set;
import dev.langchain4j.model.chat.Capability;

/**
 * Anthropic Messages endpoints for the {@link ModelRouter}, built on LangChain4j's {@code AnthropicChatModel} over an
 * OkHttp implementation of LangChain4j's {@code HttpClient} SPI, so that every failure reaches the router with its
 * HTTP status, headers ({@code retry-after}, {@code request-id}) and Anthropic's error body (including 529
 * {@code overloaded_error}). LangChain4j's own retries are switched off: the router retries. Each endpoint also
 * carries an {@code AnthropicStreamingChatModel} on the same HTTP client for {@link ModelRouter#streaming()} and a
 * {@link TokenUsageMapper} that prices {@code cache_read_input_tokens} and {@code cache_creation_input_tokens}.
 * Anthropic publishes no local tokenizer, so responses without usage are estimated by the router's tokenizer.
 * <ul>
 *   <li>API: https://docs.anthropic.com/en/api/messages</li>
 *   <li>Errors: https://docs.anthropic.com/en/api/errors</li>
 *   <li>Streaming: https://docs.anthropic.com/en/docs/build-with-claude/streaming</li>
 * </ul>
 *
 * <pre>{@code
 * ModelEndpoint haiku = AnthropicEndpoints.builder("claude-haiku", ModelTier.ECONOMY)
 *         .model("claude-haiku-4-5").apiKey(System.getenv("ANTHROPIC_API_KEY")).build();
 * }</pre>
 */
public final class AnthropicEndpoints {

    /** Provider id used for pricing and in usage records. */
    public static final String PROVIDER = "anthropic";
    /** Anthropic's API base URL. */
    public static final String BASE_URL = "https://api.anthropic.com/v1/";

    private AnthropicEndpoints() {
    }

    /**
     * Starts an Anthropic endpoint.
     *
     * @param name unique endpoint name used in logs, metrics and usage records
     * @param tier the tier whose fallback chain the endpoint joins
     * @return the endpoint's builder
     * @throws NullPointerException if an argument is null
     */
    public static Builder builder(String name, ModelTier tier) {
        return new Builder(name, tier);
    }

    /**
     * Anthropic's usage split: {@code input_tokens} excludes cache reads and cache writes, which are reported
     * separately.
     *
     * @return the mapper of Anthropic's token usage to uncached, cache-read and cache-write input tokens
     */
    public static TokenUsageMapper tokenUsageMapper() {
        return AnthropicEndpoints::inputTokens;
    }

    private static TokenUsageMapper.InputTokens inputTokens(TokenUsage u) {
        if (u instanceof AnthropicTokenUsage a) {
            return new TokenUsageMapper.InputTokens(u.inputTokenCount(),
                    a.cacheReadInputTokens() == null ? 0 : a.cacheReadInputTokens(),
                    a.cacheCreationInputTokens() == null ? 0 : a.cacheCreationInputTokens());
        }
        return new TokenUsageMapper.InputTokens(u.inputTokenCount(), 0, 0);
    }

    /**
     * Configures one Anthropic endpoint (options and validation in {@link HttpEndpointBuilder}); not thread-safe.
     * Defaults: {@value #BASE_URL}, request timeout 60 s, output cap {@value ModelEndpoint#DEFAULT_MAX_OUTPUT_TOKENS}
     * tokens (sent as {@code max_tokens}), context window from the bundled {@link PriceTable} (or
     * {@value ModelEndpoint#DEFAULT_CONTEXT_WINDOW_TOKENS} tokens for a model it does not know), a new OkHttp client,
     * the API key sent as {@code x-api-key}, and no capabilities: declare
     * {@link Capability#RESPONSE_FORMAT_JSON_SCHEMA} for models with Anthropic structured outputs (Claude Sonnet 4.5,
     * Opus 4.1 and later, Haiku 4.5), and a JSON-schema response format is then sent as
     * {@code output_config: {format: {type: json_schema, schema}}}.
     */
    public static final class Builder extends HttpEndpointBuilder<Builder> {

        private Builder(String name, ModelTier tier) {
            super(name, tier, BASE_URL, Set.of());
        }

        @Override
        public ModelEndpoint build() {
            long window = validate(PROVIDER);
            int cap = (int) maxOutputTokens;
            HttpClientBuilder http = httpClientBuilder();
            ChatModel chatModel = AnthropicChatModel.builder().httpClientBuilder(http).baseUrl(baseUrl)
                    .apiKey(apiKey).modelName(model).maxTokens(cap).timeout(timeout).maxRetries(0).supportedCapabilities(capabilities).build();
            StreamingChatModel streaming = AnthropicStreamingChatModel.builder().httpClientBuilder(http)
                    .baseUrl(baseUrl).apiKey(apiKey).modelName(model).maxTokens(cap).timeout(timeout).supportedCapabilities(capabilities).build();
            return ModelEndpoint.builder(name, tier, chatModel).provider(PROVIDER).model(model)
                    .contextWindowTokens(window).maxOutputTokens(maxOutputTokens).streamingChatModel(streaming)
                    .tokenUsageMapper(tokenUsageMapper()).capabilities(capabilities).build();
        }
    }
}
