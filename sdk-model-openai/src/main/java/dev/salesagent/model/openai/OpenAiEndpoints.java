package dev.salesagent.model.openai;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiTokenCountEstimator;
import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.langchain4j.model.output.TokenUsage;
import dev.salesagent.core.cost.PriceTable;
import dev.salesagent.core.model.ModelEndpoint;
import dev.salesagent.core.model.ModelRouter;
import dev.salesagent.core.model.ModelTier;
import dev.salesagent.core.model.TokenUsageMapper;
import dev.salesagent.model.http.HttpEndpointBuilder;

import java.util.Set;
import dev.langchain4j.model.chat.Capability;
import java.util.regex.Pattern;

/**
 * OpenAI Chat Completions endpoints for the {@link ModelRouter}, built on LangChain4j's {@code OpenAiChatModel} over
 * an OkHttp implementation of LangChain4j's {@code HttpClient} SPI, so that every failure reaches the router with its
 * HTTP status, headers ({@code retry-after}, {@code retry-after-ms}, {@code x-request-id}) and OpenAI's error body.
 * LangChain4j's own retries are switched off: the router retries. Each endpoint also carries an
 * {@code OpenAiStreamingChatModel} on the same HTTP client for {@link ModelRouter#streaming()} (server-sent events,
 * with {@code stream_options.include_usage}), LangChain4j's {@code OpenAiTokenCountEstimator} for its model, and a
 * {@link TokenUsageMapper} that prices {@code prompt_tokens_details.cached_tokens} as cache reads.
 * Works for any OpenAI-compatible server (vLLM, LM Studio, llama.cpp, a gateway) through {@link Builder#baseUrl}.
 * <ul>
 *   <li>API: https://platform.openai.com/docs/api-reference/chat/create</li>
 *   <li>Errors: https://platform.openai.com/docs/guides/error-codes</li>
 *   <li>Streaming: https://platform.openai.com/docs/api-reference/chat-streaming</li>
 * </ul>
 *
 * <pre>{@code
 * ModelEndpoint mini = OpenAiEndpoints.builder("gpt-mini", ModelTier.ECONOMY)
 *         .model("gpt-4o-mini").apiKey(System.getenv("OPENAI_API_KEY")).build();
 * }</pre>
 */
public final class OpenAiEndpoints {

    /** Provider id used for pricing and in usage records. */
    public static final String PROVIDER = "openai";
    /** OpenAI's API base URL. */
    public static final String BASE_URL = "https://api.openai.com/v1";

    private static final Pattern REASONING_MODEL = Pattern.compile("o\\d|gpt-5");

    private OpenAiEndpoints() {
    }

    /**
     * Starts an OpenAI endpoint.
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
     * OpenAI's usage split: {@code prompt_tokens} includes {@code cached_tokens}, so the uncached input is the
     * difference; OpenAI reports no cache writes.
     *
     * @return the mapper of OpenAI's token usage to uncached, cached and cache-write input tokens
     */
    public static TokenUsageMapper tokenUsageMapper() {
        return OpenAiEndpoints::inputTokens;
    }

    private static TokenUsageMapper.InputTokens inputTokens(TokenUsage u) {
        long cached = 0;
        if (u instanceof OpenAiTokenUsage o && o.inputTokensDetails() != null
                && o.inputTokensDetails().cachedTokens() != null) {
            cached = o.inputTokensDetails().cachedTokens();
        }
        long input = u.inputTokenCount();
        return new TokenUsageMapper.InputTokens(Math.max(0, input - cached), Math.min(cached, input), 0);
    }

    /**
     * LangChain4j's local tokenizer for {@code model}; the {@code gpt-4o} encoding ({@code o200k_base}) for a model
     * name it does not know (e.g. on an OpenAI-compatible server).
     *
     * @param model the OpenAI model name, e.g. {@code gpt-4o-mini}
     * @return a local estimator of token counts (no network call)
     */
    public static TokenCountEstimator tokenCountEstimator(String model) {
        try {
            return new OpenAiTokenCountEstimator(model);
        } catch (RuntimeException unknownModel) {
            return new OpenAiTokenCountEstimator("gpt-4o");
        }
    }

    /**
     * Configures one OpenAI endpoint (options and validation in {@link HttpEndpointBuilder}); not thread-safe.
     * Defaults: {@value #BASE_URL}, request timeout 60 s, output cap {@value ModelEndpoint#DEFAULT_MAX_OUTPUT_TOKENS}
     * tokens (sent as {@code max_tokens}, or {@code max_completion_tokens} for o-series and GPT-5 models), context
     * window from the bundled {@link PriceTable} (or {@value ModelEndpoint#DEFAULT_CONTEXT_WINDOW_TOKENS} tokens for a
     * model it does not know), a new OkHttp client, the API key sent as a bearer token, and capability
     * {@link Capability#RESPONSE_FORMAT_JSON_SCHEMA} (OpenAI structured outputs, sent as
     * {@code response_format: {type: json_schema}}); pass an empty set for a model or OpenAI-compatible server without
     * structured outputs, and the router sends JSON-schema requests elsewhere.
     */
    public static final class Builder extends HttpEndpointBuilder<Builder> {

        private Builder(String name, ModelTier tier) {
            super(name, tier, BASE_URL, Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA));
        }

        @Override
        public ModelEndpoint build() {
            long window = validate(PROVIDER);
            int cap = (int) maxOutputTokens;
            HttpClientBuilder http = httpClientBuilder();
            // reasoning models accept only max_completion_tokens; the others take max_tokens, which is also what a
            // request's maxOutputTokens sets, so the request's limit replaces this default
            boolean reasoning = REASONING_MODEL.matcher(model).lookingAt();
            OpenAiChatModel.OpenAiChatModelBuilder b = OpenAiChatModel.builder().httpClientBuilder(http)
                    .baseUrl(baseUrl).apiKey(apiKey).modelName(model).timeout(timeout).maxRetries(0).supportedCapabilities(capabilities);
            ChatModel chatModel = reasoning ? b.maxCompletionTokens(cap).build() : b.maxTokens(cap).build();
            // OpenAiStreamingChatModel sends stream_options.include_usage, so the last chunk carries usage
            OpenAiStreamingChatModel.OpenAiStreamingChatModelBuilder s = OpenAiStreamingChatModel.builder()
                    .httpClientBuilder(http).baseUrl(baseUrl).apiKey(apiKey).modelName(model).timeout(timeout);
            StreamingChatModel streaming = reasoning ? s.maxCompletionTokens(cap).build() : s.maxTokens(cap).build();
            return ModelEndpoint.builder(name, tier, chatModel).provider(PROVIDER).model(model)
                    .contextWindowTokens(window).maxOutputTokens(maxOutputTokens).streamingChatModel(streaming)
                    .tokenCountEstimator(tokenCountEstimator(model)).tokenUsageMapper(tokenUsageMapper()).capabilities(capabilities).build();
        }
    }
}
