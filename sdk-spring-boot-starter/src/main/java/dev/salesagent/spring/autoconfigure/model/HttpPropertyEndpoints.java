package dev.salesagent.spring.autoconfigure.model;

import dev.salesagent.core.model.ModelEndpoint;
import dev.salesagent.core.model.ModelTier;
import dev.salesagent.model.http.HttpEndpointBuilder;
import okhttp3.OkHttpClient;

import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Endpoints of one HTTP provider module ({@code OpenAiEndpoints::builder}, {@code AnthropicEndpoints::builder}) from
 * properties; every endpoint of the provider shares one OkHttp client (connection pool).
 */
final class HttpPropertyEndpoints implements PropertyEndpointFactory {

    private final String provider;
    private final BiFunction<String, ModelTier, ? extends HttpEndpointBuilder<?>> builders;
    /** Created on the first endpoint: an application without endpoints of this provider pays nothing. */
    private OkHttpClient http;

    HttpPropertyEndpoints(String provider, BiFunction<String, ModelTier, ? extends HttpEndpointBuilder<?>> builders) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.builders = Objects.requireNonNull(builders, "builders");
    }

    private synchronized OkHttpClient http() {
        if (http == null) {
            http = new OkHttpClient();
        }
        return http;
    }

    @Override
    public String provider() {
        return provider;
    }

    @Override
    public ModelEndpoint build(ModelProperties.Endpoint e) {
        HttpEndpointBuilder<?> b = builders.apply(e.name(), e.tier());
        b.model(e.model()).apiKey(e.apiKey()).okHttpClient(http());
        if (e.baseUrl() != null && !e.baseUrl().isBlank()) {
            b.baseUrl(e.baseUrl());
        }
        if (e.timeout() != null) {
            b.timeout(e.timeout());
        }
        if (e.maxOutputTokens() != null) {
            b.maxOutputTokens(e.maxOutputTokens());
        }
        if (e.contextWindow() != null) {
            b.contextWindowTokens(e.contextWindow());
        }
        return b.build();
    }
}
