package dev.salesagent.spring.autoconfigure.model;

import dev.salesagent.core.model.ModelEndpoint;
import dev.salesagent.model.anthropic.AnthropicEndpoints;
import okhttp3.OkHttpClient;

/** Anthropic endpoints from properties; every endpoint shares one OkHttp client (connection pool). */
final class AnthropicPropertyEndpoints implements PropertyEndpointFactory {

    /** Created on the first endpoint: an application without endpoints of this provider pays nothing. */
    private OkHttpClient http;

    private synchronized OkHttpClient http() {
        if (http == null) {
            http = new OkHttpClient();
        }
        return http;
    }

    @Override
    public String provider() {
        return AnthropicEndpoints.PROVIDER;
    }

    @Override
    public ModelEndpoint build(ModelProperties.Endpoint e) {
        AnthropicEndpoints.Builder b = AnthropicEndpoints.builder(e.name(), e.tier()).model(e.model()).apiKey(e.apiKey())
                .okHttpClient(http());
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
