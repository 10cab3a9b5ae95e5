package dev.salesagent.spring.autoconfigure.model;

import dev.salesagent.core.model.ModelTier;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Model endpoints of the router, prefix {@code salesagent.models}.
 *
 * <pre>
 * salesagent.models.endpoints[0].name=claude-haiku
 * salesagent.models.endpoints[0].provider=anthropic
 * salesagent.models.endpoints[0].model=claude-haiku-4-5
 * salesagent.models.endpoints[0].tier=economy
 * salesagent.models.endpoints[0].api-key=${ANTHROPIC_API_KEY}
 * </pre>
 *
 * @param endpoints Endpoints the router may call, tried in this order within a tier. With none (and no
 *     ModelEndpoint bean) no ModelRouter is created and agents use their rules-based implementations.
 */
@ConfigurationProperties("salesagent.models")
public record ModelProperties(List<Endpoint> endpoints) {

    /**
     * Binds; {@code endpoints} defaults to none.
     *
     * @param endpoints Endpoints the router may call, tried in this order within a tier. With none (and no
     *     ModelEndpoint bean) no ModelRouter is created and agents use their rules-based implementations.
     */
    public ModelProperties {
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
    }

    /**
     * One endpoint.
     *
     * @param name Unique endpoint name used in logs, metrics, usage records and health (required)
     * @param provider Provider id: openai (Chat Completions) or anthropic (Messages) to build the LangChain4j model from these
     *     properties; with chat-model-bean, any provider id the price table knows (used for pricing only)
     * @param model Model name as the provider spells it, e.g. gpt-4o-mini or claude-haiku-4-5 (required)
     * @param tier Tier whose fallback chain the endpoint belongs to: economy, standard or premium; default standard
     * @param contextWindow Context window in tokens; default from the bundled price table, else 128000
     * @param maxOutputTokens Output cap in tokens sent when a request sets none, and reserved against budgets;
     *     default 4096
     * @param apiKey API key of the provider (required unless chat-model-bean is set)
     * @param baseUrl Base URL of the provider API, e.g. a proxy; default the provider's public URL
     * @param timeout Request timeout; default 60s
     * @param chatModelBean Name of an application ChatModel bean to use instead of building one from provider,
     *     api-key and base-url
     */
    public record Endpoint(String name, String provider, String model, ModelTier tier, Long contextWindow,
                           Integer maxOutputTokens, String apiKey, String baseUrl, Duration timeout,
                           String chatModelBean) {

        /**
         * Binds; {@code tier} defaults to STANDARD.
         *
         * @param name Unique endpoint name used in logs, metrics, usage records and health (required)
         * @param provider Provider id: openai (Chat Completions) or anthropic (Messages) to build the LangChain4j model
         *     from these properties; with chat-model-bean, any provider id the price table knows (used for pricing
         *     only)
         * @param model Model name as the provider spells it, e.g. gpt-4o-mini or claude-haiku-4-5 (required)
         * @param tier Tier whose fallback chain the endpoint belongs to: economy, standard or premium; default standard
         * @param contextWindow Context window in tokens; default from the bundled price table, else 128000
         * @param maxOutputTokens Output cap in tokens sent when a request sets none, and reserved against budgets;
         *     default 4096
         * @param apiKey API key of the provider (required unless chat-model-bean is set)
         * @param baseUrl Base URL of the provider API, e.g. a proxy; default the provider's public URL
         * @param timeout Request timeout; default 60s
         * @param chatModelBean Name of an application ChatModel bean to use instead of building one from provider,
         *     api-key and base-url
         */
        public Endpoint {
            tier = tier == null ? ModelTier.STANDARD : tier;
        }
    }
}
