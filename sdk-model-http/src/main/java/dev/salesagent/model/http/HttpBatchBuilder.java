package dev.salesagent.model.http;

import dev.salesagent.core.model.ModelEndpoint;
import dev.salesagent.core.model.batch.BatchChatModel;
import java.time.Duration;
import java.util.Objects;
import okhttp3.OkHttpClient;

/**
 * The HTTP settings every vendor batch model shares (API key, base URL, output cap, HTTP timeout, OkHttp client), on
 * top of {@link BatchChatModel.Builder}'s model, price table, polling and retry settings. A vendor module's builder
 * extends it and reads the settings through the protected accessors.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class HttpBatchBuilder<B extends HttpBatchBuilder<B>> extends BatchChatModel.Builder<B> {

    private String apiKey;
    private String baseUrl;
    private long maxOutputTokens = ModelEndpoint.DEFAULT_MAX_OUTPUT_TOKENS;
    private Duration timeout = Duration.ofSeconds(60);
    private OkHttpClient okHttpClient;

    /**
     * Starts with the vendor's public base URL.
     *
     * @param defaultBaseUrl the vendor's API base URL
     */
    protected HttpBatchBuilder(String defaultBaseUrl) {
        this.baseUrl = Objects.requireNonNull(defaultBaseUrl, "defaultBaseUrl");
    }

    /**
     * The API key, sent the vendor's way (a bearer token or the vendor's key header). Required.
     *
     * @param apiKey the key; never logged
     * @return this builder
     */
    public B apiKey(String apiKey) {
        this.apiKey = apiKey;
        return self();
    }

    /**
     * Base URL of the vendor's API; default the vendor's public URL.
     *
     * @param baseUrl absolute base URL, e.g. a proxy or a test server
     * @return this builder
     */
    public B baseUrl(String baseUrl) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        return self();
    }

    /**
     * Output cap per request in tokens, sent unless the request sets its own; default
     * {@value ModelEndpoint#DEFAULT_MAX_OUTPUT_TOKENS}.
     *
     * @param tokens the cap, 1 or more
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public B maxOutputTokens(long tokens) {
        if (tokens < 1) {
            throw new IllegalArgumentException("maxOutputTokens must be >= 1 but was " + tokens);
        }
        this.maxOutputTokens = tokens;
        return self();
    }

    /**
     * Timeout of each HTTP exchange (not of the batch); default 60 s.
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
     * Shares an OkHttp client (pool, interceptors); timeouts are set from {@link #timeout(Duration)}.
     *
     * @param client the client
     * @return this builder
     */
    public B okHttpClient(OkHttpClient client) {
        this.okHttpClient = Objects.requireNonNull(client, "client");
        return self();
    }

    /**
     * The API key, which must be set.
     *
     * @param vendor the vendor's name for the error message, e.g. {@code "OpenAI"}
     * @return the API key
     * @throws IllegalArgumentException if none or a blank one was set
     */
    protected final String requiredApiKey(String vendor) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("apiKey is required for the " + vendor + " batch model");
        }
        return apiKey;
    }

    /** {@return the base URL as set} */
    protected final String baseUrlSetting() {
        return baseUrl;
    }

    /** {@return the output cap in tokens} */
    protected final long maxOutputTokensSetting() {
        return maxOutputTokens;
    }

    /** {@return the batch HTTP executor: the shared client (or a new one) with the timeout applied} */
    protected final BatchHttp http() {
        return new BatchHttp((okHttpClient != null ? okHttpClient.newBuilder() : new OkHttpClient.Builder())
                .callTimeout(timeout).readTimeout(timeout).build());
    }
}
