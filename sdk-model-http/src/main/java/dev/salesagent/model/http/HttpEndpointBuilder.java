package dev.salesagent.model.http;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.chat.Capability;
import dev.salesagent.core.cost.ModelPrice;
import dev.salesagent.core.cost.PriceTable;
import dev.salesagent.core.model.ModelEndpoint;
import dev.salesagent.core.model.ModelTier;
import okhttp3.OkHttpClient;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * The options every HTTP model provider endpoint shares (model, API key, base URL, timeout, output cap, context window,
 * capabilities, OkHttp client) and their validation; the provider modules' builders ({@code OpenAiEndpoints.Builder},
 * {@code AnthropicEndpoints.Builder}) extend it and only build their LangChain4j models. Not thread-safe.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class HttpEndpointBuilder<B extends HttpEndpointBuilder<B>> {

    /** Parsed once, on first use; immutable. */
    private static final class BundledPrices {
        static final PriceTable TABLE = PriceTable.defaults();
    }

    /** Endpoint name used in logs, metrics and usage records. */
    protected final String name;
    /** The tier whose fallback chain the endpoint joins. */
    protected final ModelTier tier;
    /** Base URL of the provider's API. */
    protected String baseUrl;
    /** Model name as the provider spells it. */
    protected String model;
    /** API key. */
    protected String apiKey;
    /** Read and call timeout; default 60 s. */
    protected Duration timeout = Duration.ofSeconds(60);
    /** Output cap in tokens. */
    protected long maxOutputTokens = ModelEndpoint.DEFAULT_MAX_OUTPUT_TOKENS;
    /** Context window in tokens; 0 means from the bundled price table. */
    protected long contextWindowTokens;
    /** Shared OkHttp client, or null for a new one. */
    protected OkHttpClient okHttpClient;
    /** What the model supports beyond plain chat. */
    protected Set<Capability> capabilities;

    /**
     * @param name                unique endpoint name
     * @param tier                the endpoint's tier
     * @param defaultBaseUrl      the provider's public API base URL
     * @param defaultCapabilities what the provider's models support by default
     * @throws NullPointerException if an argument is null
     */
    protected HttpEndpointBuilder(String name, ModelTier tier, String defaultBaseUrl, Set<Capability> defaultCapabilities) {
        this.name = Objects.requireNonNull(name, "name");
        this.tier = Objects.requireNonNull(tier, "tier");
        this.baseUrl = Objects.requireNonNull(defaultBaseUrl, "defaultBaseUrl");
        this.capabilities = Set.copyOf(defaultCapabilities);
    }

    /** {@return this builder, typed as the concrete builder} */
    @SuppressWarnings("unchecked")
    protected final B self() {
        return (B) this;
    }

    /**
     * Model name as the provider spells it (e.g. {@code gpt-4o-mini}, {@code claude-haiku-4-5}). Required.
     *
     * @param model the model name
     * @return this builder
     */
    public B model(String model) {
        this.model = model;
        return self();
    }

    /**
     * API key (OpenAI: bearer token; Anthropic: {@code x-api-key}). Required.
     *
     * @param apiKey the API key; never logged
     * @return this builder
     */
    public B apiKey(String apiKey) {
        this.apiKey = apiKey;
        return self();
    }

    /**
     * Base URL, e.g. a proxy, an OpenAI-compatible server or a test server; default the provider's public URL.
     *
     * @param baseUrl absolute base URL
     * @return this builder
     */
    public B baseUrl(String baseUrl) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        return self();
    }

    /**
     * Read and call timeout; default 60 s.
     *
     * @param timeout the timeout, positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public B timeout(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be > 0 but was " + timeout);
        }
        this.timeout = timeout;
        return self();
    }

    /**
     * Output cap in tokens, sent unless the request sets its own; default
     * {@value ModelEndpoint#DEFAULT_MAX_OUTPUT_TOKENS}. Checked by {@link #build()}.
     *
     * @param tokens the cap in tokens
     * @return this builder
     */
    public B maxOutputTokens(long tokens) {
        this.maxOutputTokens = tokens;
        return self();
    }

    /**
     * Context window in tokens; default from the bundled price table, else 128,000.
     *
     * @param tokens the context window in tokens
     * @return this builder
     */
    public B contextWindowTokens(long tokens) {
        this.contextWindowTokens = tokens;
        return self();
    }

    /**
     * What the model supports beyond plain chat, declared on the LangChain4j models and on the endpoint, so the router
     * sends a request that needs a capability (e.g. {@link Capability#RESPONSE_FORMAT_JSON_SCHEMA}) only to endpoints
     * that declare it. Each provider documents its default.
     *
     * @param capabilities the capabilities; empty for plain chat only
     * @return this builder
     */
    public B supportedCapabilities(Set<Capability> capabilities) {
        this.capabilities = Set.copyOf(Objects.requireNonNull(capabilities, "capabilities"));
        return self();
    }

    /**
     * Shares one OkHttp client (connection pool, interceptors) across endpoints; timeouts are set per endpoint.
     *
     * @param client the shared client
     * @return this builder
     */
    public B okHttpClient(OkHttpClient client) {
        this.okHttpClient = Objects.requireNonNull(client, "client");
        return self();
    }

    /**
     * Builds the endpoint.
     *
     * @return the endpoint, ready to join a {@code ModelRouter}
     * @throws IllegalArgumentException if the model or API key is missing, or the output cap or context window is out
     *                                  of range
     */
    public abstract ModelEndpoint build();

    /**
     * Checks the required options and resolves the context window (configured, else the bundled price table's for
     * {@code provider}/{@link #model}, else {@value ModelEndpoint#DEFAULT_CONTEXT_WINDOW_TOKENS}).
     *
     * @param provider the provider's id in the price table, e.g. {@code openai}
     * @return the context window in tokens
     * @throws IllegalArgumentException if the model or API key is missing or the output cap is not in [1, 2^31-1]
     */
    protected final long validate(String provider) {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model is required for endpoint " + name);
        }
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("apiKey is required for endpoint " + name);
        }
        if (maxOutputTokens <= 0 || maxOutputTokens > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxOutputTokens of " + name + " must be in [1, "
                    + Integer.MAX_VALUE + "] but was " + maxOutputTokens);
        }
        return contextWindowTokens > 0 ? contextWindowTokens
                : BundledPrices.TABLE.find(provider, model).map(ModelPrice::maxInputTokens)
                .filter(t -> t > 0).orElse(ModelEndpoint.DEFAULT_CONTEXT_WINDOW_TOKENS);
    }

    /** {@return langChain4j's HTTP client over the configured (or a new) OkHttp client, shared by the chat and streaming model} */
    protected final HttpClientBuilder httpClientBuilder() {
        return OkHttpClientAdapter.builder(okHttpClient != null ? okHttpClient : new OkHttpClient());
    }
}
