package dev.salesagent.core.model;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.salesagent.core.cost.ModelPrice;
import dev.salesagent.core.cost.PriceTable;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One model the {@link ModelRouter} may call: a named LangChain4j {@link ChatModel} with its provider, model name,
 * tier and limits. Any {@code ChatModel} works (Ollama, Azure OpenAI, Bedrock, Gemini, a local OpenAI-compatible
 * server, your own): build it with {@link #builder(String, ModelTier, ChatModel)} or {@link #of(String, ModelTier,
 * ChatModel)}; its failures are classified from LangChain4j's exception types, and from status, headers and body when
 * its HTTP client throws a {@link ProviderError}. The provider modules {@code sdk-model-openai}
 * ({@code OpenAiEndpoints}) and {@code sdk-model-anthropic} ({@code AnthropicEndpoints}) build endpoints that do.
 *
 * <pre>{@code
 * ChatModel llama = OllamaChatModel.builder().baseUrl("http://localhost:11434").modelName("llama3.1").build();
 * ModelEndpoint local = ModelEndpoint.builder("llama-local", ModelTier.ECONOMY, llama)
 *         .contextWindowTokens(128_000).build();
 * }</pre>
 *
 * @param name                unique endpoint name used in logs, metrics and usage records (e.g. {@code claude-haiku})
 * @param provider            provider id used for pricing (e.g. {@code openai}, {@code anthropic})
 * @param model               model name used for pricing (e.g. {@code gpt-4o-mini})
 * @param tier                the tier whose fallback chain the endpoint belongs to
 * @param contextWindowTokens the model's context window in tokens (input + output)
 * @param maxOutputTokens     output tokens the model produces at most when the request sets no limit; the router
 *                            reserves budget for this many (default {@value #DEFAULT_MAX_OUTPUT_TOKENS})
 * @param chatModel           the model that makes the call
 * @param streamingChatModel  the same model called with streaming, used by {@link ModelRouter#streaming()}; null if
 *                            the endpoint does not stream (streaming calls then skip it)
 * @param tokenCountEstimator tokenizer for this model's responses that came without usage; null to use the router's
 *                            ({@link ModelRouter.Builder#tokenCountEstimator})
 * @param tokenUsageMapper    splits reported input tokens into uncached, cache-read and cache-write tokens for pricing
 * @param capabilities        what the model supports beyond plain chat (LangChain4j {@link Capability}, e.g.
 *                            {@code RESPONSE_FORMAT_JSON_SCHEMA}); null takes the chat model's
 *                            {@link ChatModel#supportedCapabilities()}. The router sends a request that needs a
 *                            capability only to endpoints that declare it.
 */
public record ModelEndpoint(String name, String provider, String model, ModelTier tier, long contextWindowTokens,
                            long maxOutputTokens, ChatModel chatModel, StreamingChatModel streamingChatModel,
                            TokenCountEstimator tokenCountEstimator, TokenUsageMapper tokenUsageMapper,
                            Set<Capability> capabilities) {

    /** Default output cap, tokens. */
    public static final long DEFAULT_MAX_OUTPUT_TOKENS = 4096;
    /** Context window assumed for a model the bundled price table does not know, tokens. */
    public static final long DEFAULT_CONTEXT_WINDOW_TOKENS = 128_000;

    /**
     * Validates the components and copies the capabilities.
     *
     * @param name                unique endpoint name used in logs, metrics and usage records (e.g.
     *                            {@code claude-haiku})
     * @param provider            provider id used for pricing (e.g. {@code openai}, {@code anthropic})
     * @param model               model name used for pricing (e.g. {@code gpt-4o-mini})
     * @param tier                the tier whose fallback chain the endpoint belongs to
     * @param contextWindowTokens the model's context window in tokens (input + output), &gt; 0
     * @param maxOutputTokens     output tokens reserved when the request sets no limit, in [1,
     *                            {@code Integer.MAX_VALUE}]
     * @param chatModel           the model that makes the call
     * @param streamingChatModel  the same model called with streaming, or null if the endpoint does not stream
     * @param tokenCountEstimator tokenizer for responses without usage, or null to use the router's
     * @param tokenUsageMapper    splits reported input tokens into uncached, cache-read and cache-write tokens for
     *                            pricing
     * @param capabilities        what the model supports beyond plain chat, or null to take the chat model's
     * @throws NullPointerException     if a name, the tier, the chat model or the usage mapper is null
     * @throws IllegalArgumentException if the context window or output cap is not positive
     */
    public ModelEndpoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(chatModel, "chatModel");
        Objects.requireNonNull(tokenUsageMapper, "tokenUsageMapper");
        capabilities = capabilities != null ? Set.copyOf(capabilities) : capabilitiesOf(chatModel);
        if (contextWindowTokens <= 0) {
            throw new IllegalArgumentException("contextWindowTokens of " + name + " must be > 0 but was " + contextWindowTokens);
        }
        if (maxOutputTokens <= 0 || maxOutputTokens > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxOutputTokens of " + name + " must be in [1, " + Integer.MAX_VALUE
                    + "] but was " + maxOutputTokens);
        }
    }

    /**
     * An endpoint with the chat model's own {@link ChatModel#supportedCapabilities()}.
     *
     * @param name                unique endpoint name used in logs, metrics and usage records (e.g.
     *                            {@code claude-haiku})
     * @param provider            provider id used for pricing (e.g. {@code openai}, {@code anthropic})
     * @param model               model name used for pricing (e.g. {@code gpt-4o-mini})
     * @param tier                the tier whose fallback chain the endpoint belongs to
     * @param contextWindowTokens the model's context window in tokens (input + output), &gt; 0
     * @param maxOutputTokens     output tokens reserved when the request sets no limit, in [1,
     *                            {@code Integer.MAX_VALUE}]
     * @param chatModel           the model that makes the call
     * @param streamingChatModel  the same model called with streaming, or null if the endpoint does not stream
     * @param tokenCountEstimator tokenizer for responses without usage, or null to use the router's
     * @param tokenUsageMapper    splits reported input tokens into uncached, cache-read and cache-write tokens for
     *                            pricing
     * @throws NullPointerException     if a name, the tier, the chat model or the usage mapper is null
     * @throws IllegalArgumentException if the context window or output cap is not positive
     */
    public ModelEndpoint(String name, String provider, String model, ModelTier tier, long contextWindowTokens,
                         long maxOutputTokens, ChatModel chatModel, StreamingChatModel streamingChatModel,
                         TokenCountEstimator tokenCountEstimator, TokenUsageMapper tokenUsageMapper) {
        this(name, provider, model, tier, contextWindowTokens, maxOutputTokens, chatModel, streamingChatModel,
                tokenCountEstimator, tokenUsageMapper, null);
    }

    /**
     * {@return true if this endpoint declares {@code capability}}
     *
     * @param capability a LangChain4j capability, e.g. {@code RESPONSE_FORMAT_JSON_SCHEMA}
     */
    public boolean supports(Capability capability) {
        return capabilities.contains(capability);
    }

    private static Set<Capability> capabilitiesOf(ChatModel chatModel) {
        try {
            Set<Capability> c = chatModel.supportedCapabilities();
            return c == null ? Set.of() : Set.copyOf(c);
        } catch (RuntimeException unsupported) {
            return Set.of();
        }
    }

    /**
     * An endpoint with streaming, the router's tokenizer and {@link TokenUsageMapper#plain()}.
     *
     * @param name                unique endpoint name used in logs, metrics and usage records (e.g.
     *                            {@code claude-haiku})
     * @param provider            provider id used for pricing (e.g. {@code openai}, {@code anthropic})
     * @param model               model name used for pricing (e.g. {@code gpt-4o-mini})
     * @param tier                the tier whose fallback chain the endpoint belongs to
     * @param contextWindowTokens the model's context window in tokens (input + output), &gt; 0
     * @param maxOutputTokens     output tokens reserved when the request sets no limit, in [1,
     *                            {@code Integer.MAX_VALUE}]
     * @param chatModel           the model that makes the call
     * @param streamingChatModel  the same model called with streaming, or null if the endpoint does not stream
     * @throws NullPointerException     if a name, the tier or the chat model is null
     * @throws IllegalArgumentException if the context window or output cap is not positive
     */
    public ModelEndpoint(String name, String provider, String model, ModelTier tier, long contextWindowTokens,
                         long maxOutputTokens, ChatModel chatModel, StreamingChatModel streamingChatModel) {
        this(name, provider, model, tier, contextWindowTokens, maxOutputTokens, chatModel, streamingChatModel, null,
                TokenUsageMapper.plain());
    }

    /**
     * An endpoint without streaming, with the router's tokenizer and {@link TokenUsageMapper#plain()}.
     *
     * @param name                unique endpoint name used in logs, metrics and usage records (e.g.
     *                            {@code claude-haiku})
     * @param provider            provider id used for pricing (e.g. {@code openai}, {@code anthropic})
     * @param model               model name used for pricing (e.g. {@code gpt-4o-mini})
     * @param tier                the tier whose fallback chain the endpoint belongs to
     * @param contextWindowTokens the model's context window in tokens (input + output), &gt; 0
     * @param maxOutputTokens     output tokens reserved when the request sets no limit, in [1,
     *                            {@code Integer.MAX_VALUE}]
     * @param chatModel           the model that makes the call
     * @throws NullPointerException     if a name, the tier or the chat model is null
     * @throws IllegalArgumentException if the context window or output cap is not positive
     */
    public ModelEndpoint(String name, String provider, String model, ModelTier tier, long contextWindowTokens,
                         long maxOutputTokens, ChatModel chatModel) {
        this(name, provider, model, tier, contextWindowTokens, maxOutputTokens, chatModel, null);
    }

    /**
     * {@return an endpoint with the default output cap of {@value #DEFAULT_MAX_OUTPUT_TOKENS} tokens, without streaming}
     *
     * @param name                unique endpoint name used in logs, metrics and usage records (e.g.
     *                            {@code claude-haiku})
     * @param provider            provider id used for pricing (e.g. {@code openai}, {@code anthropic})
     * @param model               model name used for pricing (e.g. {@code gpt-4o-mini})
     * @param tier                the tier whose fallback chain the endpoint belongs to
     * @param contextWindowTokens the model's context window in tokens (input + output), &gt; 0
     * @param chatModel           the model that makes the call
     * @throws NullPointerException     if a name, the tier or the chat model is null
     * @throws IllegalArgumentException if the context window is not positive
     */
    public static ModelEndpoint of(String name, String provider, String model, ModelTier tier, long contextWindowTokens,
                                   ChatModel chatModel) {
        return new ModelEndpoint(name, provider, model, tier, contextWindowTokens, DEFAULT_MAX_OUTPUT_TOKENS, chatModel);
    }

    /**
     * An endpoint for any LangChain4j {@code ChatModel} with every default of {@link #builder}.
     *
     * @param name      unique endpoint name used in logs, metrics and usage records (e.g. {@code claude-haiku})
     * @param tier      the tier whose fallback chain the endpoint belongs to
     * @param chatModel the model that makes the call
     * @return the endpoint, its provider, model name and context window taken from the chat model and the bundled
     *             prices
     * @throws IllegalArgumentException if the model name cannot be read from the chat model's default parameters
     */
    public static ModelEndpoint of(String name, ModelTier tier, ChatModel chatModel) {
        return builder(name, tier, chatModel).build();
    }

    /**
     * Starts an endpoint for any LangChain4j {@code ChatModel}. Defaults: provider from {@link ChatModel#provider()}
     * ({@code openai}, {@code anthropic}, {@code ollama}, ... in lower case; {@code other} when it reports none),
     * model name from the model's {@link ChatModel#defaultRequestParameters()}, context window from the bundled
     * {@link PriceTable} (else {@value #DEFAULT_CONTEXT_WINDOW_TOKENS} tokens), output cap
     * {@value #DEFAULT_MAX_OUTPUT_TOKENS} tokens, no streaming, the router's tokenizer,
     * {@link TokenUsageMapper#plain()}.
     *
     * @param name      unique endpoint name used in logs, metrics and usage records (e.g. {@code claude-haiku})
     * @param tier      the tier whose fallback chain the endpoint belongs to
     * @param chatModel the model that makes the call
     * @return a builder; {@link Builder#build()} makes the endpoint
     * @throws NullPointerException if an argument is null
     */
    public static Builder builder(String name, ModelTier tier, ChatModel chatModel) {
        return new Builder(name, tier, chatModel);
    }

    @Override
    public String toString() {
        return "ModelEndpoint[" + name + ": " + provider + "/" + model + ", " + tier + ", context " + contextWindowTokens
                + " tokens]";
    }

    /** Parsed once, on first use; immutable. */
    private static final class BundledPrices {
        static final PriceTable TABLE = PriceTable.defaults();
    }

    /** Builds a {@link ModelEndpoint} around a {@code ChatModel}; not thread-safe. */
    public static final class Builder {
        private final String name;
        private final ModelTier tier;
        private final ChatModel chatModel;
        private String provider;
        private String model;
        private long contextWindowTokens;
        private long maxOutputTokens = DEFAULT_MAX_OUTPUT_TOKENS;
        private StreamingChatModel streamingChatModel;
        private TokenCountEstimator tokenCountEstimator;
        private TokenUsageMapper tokenUsageMapper = TokenUsageMapper.plain();
        private Set<Capability> capabilities;

        private Builder(String name, ModelTier tier, ChatModel chatModel) {
            this.name = Objects.requireNonNull(name, "name");
            this.tier = Objects.requireNonNull(tier, "tier");
            this.chatModel = Objects.requireNonNull(chatModel, "chatModel");
        }

        /**
         * Provider id used for pricing, e.g. {@code openai} or {@code ollama}; default from the chat model.
         *
         * @param provider the provider id in lower case, as in the price table; not null
         * @return this builder
         */
        public Builder provider(String provider) {
            this.provider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /**
         * Model name used for pricing, e.g. {@code gpt-4o-mini}; default from the chat model's parameters.
         *
         * @param model the model name as the provider bills it; not null
         * @return this builder
         */
        public Builder model(String model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /**
         * Context window in tokens; default from the bundled price table, else {@value #DEFAULT_CONTEXT_WINDOW_TOKENS}.
         *
         * @param tokens the context window in tokens (input + output), &gt; 0
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder contextWindowTokens(long tokens) {
            if (tokens <= 0) {
                throw new IllegalArgumentException("contextWindowTokens must be > 0 but was " + tokens);
            }
            this.contextWindowTokens = tokens;
            return this;
        }

        /**
         * Output cap in tokens reserved when a request sets none; default {@value #DEFAULT_MAX_OUTPUT_TOKENS}. It
         * does not configure the chat model: set the same limit on the model itself.
         *
         * @param tokens the output cap in tokens, &gt; 0
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder maxOutputTokens(long tokens) {
            if (tokens <= 0) {
                throw new IllegalArgumentException("maxOutputTokens must be > 0 but was " + tokens);
            }
            this.maxOutputTokens = tokens;
            return this;
        }

        /**
         * The same model with streaming, for {@link ModelRouter#streaming()}; default none.
         *
         * @param model the streaming variant of the chat model; not null
         * @return this builder
         */
        public Builder streamingChatModel(StreamingChatModel model) {
            this.streamingChatModel = Objects.requireNonNull(model, "model");
            return this;
        }

        /**
         * Tokenizer for this model's responses without usage; default the router's.
         *
         * @param estimator the model's tokenizer; not null
         * @return this builder
         */
        public Builder tokenCountEstimator(TokenCountEstimator estimator) {
            this.tokenCountEstimator = Objects.requireNonNull(estimator, "estimator");
            return this;
        }

        /**
         * Input-token split for pricing cached prompts; default {@link TokenUsageMapper#plain()}.
         *
         * @param mapper the provider's mapper, e.g. the one its module supplies; not null
         * @return this builder
         */
        public Builder tokenUsageMapper(TokenUsageMapper mapper) {
            this.tokenUsageMapper = Objects.requireNonNull(mapper, "mapper");
            return this;
        }

        /**
         * What the model supports beyond plain chat, replacing what the chat model's
         * {@link ChatModel#supportedCapabilities()} reports (the default).
         *
         * @param capabilities the declared capabilities, copied; empty for plain chat only; not null
         * @return this builder
         */
        public Builder capabilities(Set<Capability> capabilities) {
            this.capabilities = Set.copyOf(Objects.requireNonNull(capabilities, "capabilities"));
            return this;
        }

        /**
         * Builds the endpoint, filling in the defaults listed at {@link ModelEndpoint#builder}.
         *
         * @return the endpoint
         * @throws IllegalArgumentException if no model name was set and the chat model reports none
         */
        public ModelEndpoint build() {
            String p = provider != null ? provider : providerOf(chatModel);
            String m = model != null ? model : modelOf(chatModel);
            if (m == null || m.isBlank()) {
                throw new IllegalArgumentException("model is required for endpoint " + name
                        + ": the chat model's default parameters name none");
            }
            long window = contextWindowTokens > 0 ? contextWindowTokens
                    : BundledPrices.TABLE.find(p, m).map(ModelPrice::maxInputTokens).filter(t -> t > 0)
                    .orElse(DEFAULT_CONTEXT_WINDOW_TOKENS);
            return new ModelEndpoint(name, p, m, tier, window, maxOutputTokens, chatModel, streamingChatModel,
                    tokenCountEstimator, tokenUsageMapper, capabilities);
        }

        private static String providerOf(ChatModel chatModel) {
            ModelProvider p;
            try {
                p = chatModel.provider();
            } catch (RuntimeException unsupported) {
                p = null;
            }
            if (p == null) {
                return "other";
            }
            return switch (p) {
                case OPEN_AI -> "openai";
                case AZURE_OPEN_AI -> "azure-openai";
                default -> p.name().toLowerCase(Locale.ROOT).replace('_', '-');
            };
        }

        private static String modelOf(ChatModel chatModel) {
            try {
                ChatRequestParameters params = chatModel.defaultRequestParameters();
                return params == null ? null : params.modelName();
            } catch (RuntimeException unsupported) {
                return null;
            }
        }
    }
}
