package dev.salesagent.core.model;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.salesagent.core.cost.ModelPrice;
import dev.salesagent.core.cost.PriceTable;
import dev.salesagent.core.model.internal.OkHttpClientAdapter;
import okhttp3.OkHttpClient;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Factories for OpenAI and Anthropic endpoints built on LangChain4j's {@code OpenAiChatModel} and
 * {@code AnthropicChatModel} over an OkHttp implementation of LangChain4j's {@code HttpClient} SPI, so that every
 * failure reaches the {@link ModelRouter} with its HTTP status, headers ({@code retry-after},
 * {@code retry-after-ms}, request id) and the provider's error body. LangChain4j's own retries are switched off:
 * the router retries. Each endpoint also carries the provider's {@code OpenAiStreamingChatModel} /
 * {@code AnthropicStreamingChatModel} on the same HTTP client for {@link ModelRouter#streaming()} (server-sent
 * events: https://platform.openai.com/docs/api-reference/chat-streaming,
 * https://docs.anthropic.com/en/docs/build-with-claude/streaming).
 *
 * <ul>
 *   <li>OpenAI Chat Completions: https://platform.openai.com/docs/api-reference/chat/create,
 *       errors: https://platform.openai.com/docs/guides/error-codes</li>
 *   <li>Anthropic Messages: https://docs.anthropic.com/en/api/messages,
 *       errors: https://docs.anthropic.com/en/api/errors</li>
 * </ul>
 *
 * <pre>{@code
 * ModelEndpoint mini = ModelEndpoints.openAi("gpt-mini", ModelTier.ECONOMY)
 *         .model("gpt-4o-mini").apiKey(System.getenv("OPENAI_API_KEY")).build();
 * }</pre>
 */
public final class ModelEndpoints {

    /** OpenAI's API base URL. */
    public static final String OPENAI_BASE_URL = "https://api.openai.com/v1";
    /** Anthropic's API base URL. */
    public static final String ANTHROPIC_BASE_URL = "https://api.anthropic.com/v1/";

    private static final Pattern REASONING_MODEL = Pattern.compile("o\\d|gpt-5");

    private ModelEndpoints() {
    }

    /** Parsed once, on first use; immutable. */
    private static final class BundledPrices {
        static final PriceTable TABLE = PriceTable.defaults();
    }

    /** Starts an OpenAI Chat Completions endpoint. */
    public static Builder openAi(String name, ModelTier tier) {
        return new Builder("openai", name, tier, OPENAI_BASE_URL);
    }

    /** Starts an Anthropic Messages endpoint. */
    public static Builder anthropic(String name, ModelTier tier) {
        return new Builder("anthropic", name, tier, ANTHROPIC_BASE_URL);
    }

    /**
     * Configures one provider endpoint. Defaults: the provider's public base URL, request timeout 60 s,
     * output cap {@value ModelEndpoint#DEFAULT_MAX_OUTPUT_TOKENS} tokens, context window from the bundled
     * {@link PriceTable} (or 128,000 tokens for a model it does not know), a new OkHttp client.
     */
    public static final class Builder {
        private final String provider;
        private final String name;
        private final ModelTier tier;
        private String baseUrl;
        private String model;
        private String apiKey;
        private Duration timeout = Duration.ofSeconds(60);
        private int maxOutputTokens = ModelEndpoint.DEFAULT_MAX_OUTPUT_TOKENS;
        private long contextWindowTokens;
        private OkHttpClient okHttpClient;

        private Builder(String provider, String name, ModelTier tier, String baseUrl) {
            this.provider = provider;
            this.name = Objects.requireNonNull(name, "name");
            this.tier = Objects.requireNonNull(tier, "tier");
            this.baseUrl = baseUrl;
        }

        /** Model name as the provider spells it, e.g. {@code gpt-4o-mini} or {@code claude-haiku-4-5}. Required. */
        public Builder model(String model) {
            this.model = model;
            return this;
        }

        /** API key. Required. */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /** Base URL, e.g. a proxy or a test server. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
            return this;
        }

        /** Read and call timeout; default 60 s. */
        public Builder timeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be > 0 but was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * Output cap in tokens, sent as {@code max_tokens} (OpenAI {@code max_completion_tokens} for o-series and
         * GPT-5 models) unless the request sets its own; default {@value ModelEndpoint#DEFAULT_MAX_OUTPUT_TOKENS}.
         */
        public Builder maxOutputTokens(int tokens) {
            this.maxOutputTokens = tokens;
            return this;
        }

        /** Context window in tokens; default from the bundled price table, else 128,000. */
        public Builder contextWindowTokens(long tokens) {
            this.contextWindowTokens = tokens;
            return this;
        }

        /** Shares one OkHttp client (connection pool, interceptors) across endpoints; timeouts are set per endpoint. */
        public Builder okHttpClient(OkHttpClient client) {
            this.okHttpClient = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * @throws IllegalArgumentException if the model or API key is missing
         */
        public ModelEndpoint build() {
            if (model == null || model.isBlank()) {
                throw new IllegalArgumentException("model is required for endpoint " + name);
            }
            if (apiKey == null || apiKey.isBlank()) {
                throw new IllegalArgumentException("apiKey is required for endpoint " + name);
            }
            long window = contextWindowTokens > 0 ? contextWindowTokens
                    : BundledPrices.TABLE.find(provider, model).map(ModelPrice::maxInputTokens)
                    .filter(t -> t > 0).orElse(128_000L);
            HttpClientBuilder http = OkHttpClientAdapter.builder(okHttpClient != null ? okHttpClient : new OkHttpClient());
            ChatModel chatModel = switch (provider) {
                case "openai" -> {
                    OpenAiChatModel.OpenAiChatModelBuilder b = OpenAiChatModel.builder().httpClientBuilder(http)
                            .baseUrl(baseUrl).apiKey(apiKey).modelName(model).timeout(timeout).maxRetries(0);
                    // reasoning models accept only max_completion_tokens; the others take max_tokens, which is
                    // also what a request's maxOutputTokens sets, so the request's limit replaces this default
                    yield REASONING_MODEL.matcher(model).lookingAt() ? b.maxCompletionTokens(maxOutputTokens).build()
                            : b.maxTokens(maxOutputTokens).build();
                }
                case "anthropic" -> AnthropicChatModel.builder().httpClientBuilder(http).baseUrl(baseUrl)
                        .apiKey(apiKey).modelName(model).maxTokens(maxOutputTokens).timeout(timeout).maxRetries(0)
                        .build();
                default -> throw new IllegalStateException("unknown provider " + provider);
            };
            boolean reasoning = REASONING_MODEL.matcher(model).lookingAt();
            StreamingChatModel streaming = switch (provider) {
                case "openai" -> {
                    // OpenAiStreamingChatModel sends stream_options.include_usage, so the last chunk carries usage
                    OpenAiStreamingChatModel.OpenAiStreamingChatModelBuilder b = OpenAiStreamingChatModel.builder()
                            .httpClientBuilder(http).baseUrl(baseUrl).apiKey(apiKey).modelName(model).timeout(timeout);
                    yield reasoning ? b.maxCompletionTokens(maxOutputTokens).build()
                            : b.maxTokens(maxOutputTokens).build();
                }
                case "anthropic" -> AnthropicStreamingChatModel.builder().httpClientBuilder(http).baseUrl(baseUrl)
                        .apiKey(apiKey).modelName(model).maxTokens(maxOutputTokens).timeout(timeout).build();
                default -> throw new IllegalStateException("unknown provider " + provider);
            };
            return new ModelEndpoint(name, provider, model, tier, window, maxOutputTokens, chatModel, streaming);
        }
    }
}
