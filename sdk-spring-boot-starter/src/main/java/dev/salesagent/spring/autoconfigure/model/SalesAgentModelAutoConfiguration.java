package dev.salesagent.spring.autoconfigure.model;

import dev.salesagent.core.cache.ResponseCache;
import dev.salesagent.core.cost.CostTracker;
import dev.salesagent.core.cost.ModelPrice;
import dev.salesagent.core.cost.PriceTable;
import dev.salesagent.core.model.ModelEndpoint;
import dev.salesagent.core.model.ModelRouter;
import dev.salesagent.core.model.RoutingPolicy;
import dev.salesagent.spring.autoconfigure.Secrets;
import dev.salesagent.spring.autoconfigure.cost.SalesAgentCostAutoConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.langchain4j.model.chat.ChatModel;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.Locale;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The {@link ModelRouter} from {@code salesagent.models.*}, {@code salesagent.routing.*} and {@code salesagent.cache.*}.
 *
 * <ul>
 *   <li>Endpoints: each {@code salesagent.models.endpoints[n]} (OpenAI or Anthropic, built by the optional provider
 *       modules {@code sdk-model-openai} / {@code sdk-model-anthropic} when they are on the classpath, or an
 *       application {@code ChatModel} bean named by {@code chat-model-bean}), followed by every
 *       {@link ModelEndpoint} bean of the application. An endpoint whose provider module is missing fails start-up
 *       naming the artifact to add.</li>
 *   <li>{@link RoutingPolicy} from the feature tiers; the router's retries and per-endpoint circuit breaker from
 *       {@code salesagent.routing}.</li>
 *   <li>{@link ResponseCache} (Caffeine, per tenant) when {@code salesagent.cache.enabled=true}, for the features with
 *       a {@code salesagent.cache.ttl.<feature>}.</li>
 *   <li>The router shares the {@link CostTracker} and {@link PriceTable} beans and so the budgets and meters.</li>
 * </ul>
 * Without any endpoint there is no router bean: the SDK runs its rules-based implementations offline. An
 * application {@code ChatModel} bean wins (no router) unless {@code salesagent.routing.enabled=true};
 * {@code salesagent.routing.enabled=false} never creates the router.
 * The router bean is {@link Primary}: injecting {@code ChatModel} gives the router, so every call is routed, budgeted
 * and priced.
 */
@AutoConfiguration(after = SalesAgentCostAutoConfiguration.class)
@ConditionalOnClass(ModelRouter.class)
@EnableConfigurationProperties({ModelProperties.class, RoutingProperties.class, CacheProperties.class})
public final class SalesAgentModelAutoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SalesAgentModelAutoConfiguration.class);

    /** Created by Spring. */
    SalesAgentModelAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    RoutingPolicy salesAgentRoutingPolicy(RoutingProperties routing) {
        return RoutingPolicy.builder().featureTiers(routing.featureTiers()).longPromptTokens(routing.longPromptTokens()).build();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty("salesagent.cache.enabled")
    static class Caching {

        @Bean
        @ConditionalOnMissingBean
        ResponseCache salesAgentResponseCache(CacheProperties cache) {
            return ResponseCache.inMemory(cache.maxEntries());
        }
    }

    /** The cache policy: one TTL per feature listed under {@code salesagent.cache.ttl}. */
    @Bean
    @ConditionalOnMissingBean
    ResponseCache.Policy salesAgentResponseCachePolicy(CacheProperties cache) {
        ResponseCache.Policy.Builder policy = ResponseCache.Policy.builder();
        cache.ttl().forEach(policy::feature);
        return policy.build();
    }

    /** OpenAI endpoints from properties, when {@code dev.salesagent:sdk-model-openai} is on the classpath. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"dev.salesagent.model.openai.OpenAiEndpoints", "okhttp3.OkHttpClient"})
    static class OpenAiEndpointsConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "salesAgentOpenAiEndpointFactory")
        PropertyEndpointFactory salesAgentOpenAiEndpointFactory() {
            return new HttpPropertyEndpoints(dev.salesagent.model.openai.OpenAiEndpoints.PROVIDER,
                    dev.salesagent.model.openai.OpenAiEndpoints::builder);
        }
    }

    /** Anthropic endpoints from properties, when {@code dev.salesagent:sdk-model-anthropic} is on the classpath. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"dev.salesagent.model.anthropic.AnthropicEndpoints", "okhttp3.OkHttpClient"})
    static class AnthropicEndpointsConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "salesAgentAnthropicEndpointFactory")
        PropertyEndpointFactory salesAgentAnthropicEndpointFactory() {
            return new HttpPropertyEndpoints(dev.salesagent.model.anthropic.AnthropicEndpoints.PROVIDER,
                    dev.salesagent.model.anthropic.AnthropicEndpoints::builder);
        }
    }

    /**
     * @throws ModelEndpointConfigurationException listing every invalid {@code salesagent.models.endpoints} entry
     */
    @Bean
    @Primary
    @ConditionalOnMissingBean
    @Conditional({OnModelEndpointsCondition.class, OnRoutingCondition.class})
    ModelRouter modelRouter(ModelProperties models, RoutingProperties routing, RoutingPolicy policy,
                            CostTracker costTracker, PriceTable prices, ObjectProvider<ModelEndpoint> endpointBeans,
                            ObjectProvider<ResponseCache> cache, ResponseCache.Policy cachePolicy,
                            ObjectProvider<MeterRegistry> meters, ObjectProvider<Clock> clock, BeanFactory beans,
                            ObjectProvider<PropertyEndpointFactory> providers) {
        ModelRouter.Builder builder = ModelRouter.builder()
                .routingPolicy(policy)
                .costTracker(costTracker)
                .priceTable(prices)
                .maxAttemptsPerEndpoint(routing.maxAttemptsPerEndpoint())
                .initialBackoff(routing.initialBackoff())
                .maxRetryWait(routing.maxRetryWait())
                .circuitBreakerConfig(circuitBreakerConfig(routing.circuitBreaker()));
        Map<String, PropertyEndpointFactory> byProvider = providers.orderedStream()
                .collect(Collectors.toMap(PropertyEndpointFactory::provider, Function.identity(), (a, b) -> a));
        endpoints(models, prices, beans, byProvider).forEach(builder::endpoint);
        endpointBeans.orderedStream().forEach(builder::endpoint);
        cache.ifAvailable(c -> builder.responseCache(c, cachePolicy));
        meters.ifUnique(builder::meterRegistry);
        clock.ifUnique(builder::clock);
        return builder.build();
    }

    static CircuitBreakerConfig circuitBreakerConfig(RoutingProperties.CircuitBreaker cb) {
        return CircuitBreakerConfig.custom()
                .failureRateThreshold(cb.failureRateThreshold())
                .slidingWindowSize(cb.slidingWindowSize())
                .minimumNumberOfCalls(cb.minimumNumberOfCalls())
                .waitDurationInOpenState(cb.waitDurationInOpenState())
                .permittedNumberOfCallsInHalfOpenState(cb.permittedNumberOfCallsInHalfOpenState())
                .build();
    }

    /** The artifact that builds each provider's endpoints from properties. */
    static final Map<String, String> PROVIDER_MODULES = Map.of(
            "openai", "dev.salesagent:sdk-model-openai", "anthropic", "dev.salesagent:sdk-model-anthropic");

    /**
     * Builds the configured endpoints with the provider modules present ({@code providers} by provider id).
     *
     * Entries whose {@code api-key} is blank or an unresolved {@code ${...}} placeholder are skipped with a warning.
     *
     * @throws ModelEndpointConfigurationException listing every invalid entry, including endpoints whose provider
     *                                             module is missing
     */
    static List<ModelEndpoint> endpoints(ModelProperties models, PriceTable prices, BeanFactory beans,
                                         Map<String, PropertyEndpointFactory> providers) {
        List<String> problems = new ArrayList<>();
        List<ModelEndpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < models.endpoints().size(); i++) {
            ModelProperties.Endpoint e = models.endpoints().get(i);
            String at = "salesagent.models.endpoints[" + i + "]";
            int before = problems.size();
            if (blank(e.name())) {
                problems.add(at + ".name is required");
            }
            if (blank(e.model())) {
                problems.add(at + ".model is required");
            }
            String provider = blank(e.provider()) ? null : e.provider().trim().toLowerCase(Locale.ROOT);
            if (provider == null) {
                problems.add(at + ".provider is required (openai or anthropic, or any priced provider with chat-model-bean)");
            } else if (blank(e.chatModelBean()) && !PROVIDER_MODULES.containsKey(provider)) {
                problems.add(at + ".provider '" + e.provider() + "' cannot be built from properties: use openai or "
                        + "anthropic, or set chat-model-bean to an application ChatModel bean");
            } else if (blank(e.chatModelBean()) && !providers.containsKey(provider)) {
                problems.add(at + ".provider '" + provider + "' needs its provider module on the classpath: add the "
                        + "dependency " + PROVIDER_MODULES.get(provider) + " (or set chat-model-bean)");
            }
            if (blank(e.chatModelBean()) && e.apiKey() == null) {
                problems.add(at + ".api-key is required");
            } else if (blank(e.chatModelBean()) && Secrets.missing(e.apiKey())) {
                // never send "${OPENAI_API_KEY}" as a bearer token: the entry is disabled
                LOG.warn("Model endpoint {} is disabled: {}", e.name(), Secrets.problem(at + ".api-key", e.apiKey()));
                continue;
            }
            if (!blank(e.chatModelBean()) && !beans.containsBean(e.chatModelBean())) {
                problems.add(at + ".chat-model-bean '" + e.chatModelBean() + "' names no bean");
            }
            if (problems.size() > before) {
                continue;
            }
            try {
                if (!blank(e.chatModelBean())) {
                    ChatModel chatModel = beans.getBean(e.chatModelBean(), ChatModel.class);
                    long window = e.contextWindow() != null ? e.contextWindow()
                            : prices.find(provider, e.model()).map(ModelPrice::maxInputTokens).filter(t -> t > 0).orElse(128_000L);
                    long maxOutput = e.maxOutputTokens() != null ? e.maxOutputTokens() : ModelEndpoint.DEFAULT_MAX_OUTPUT_TOKENS;
                    endpoints.add(new ModelEndpoint(e.name(), provider, e.model(), e.tier(), window, maxOutput, chatModel));
                } else {
                    endpoints.add(providers.get(provider).build(e));
                }
            } catch (RuntimeException ex) {
                problems.add(at + ": " + ex.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ModelEndpointConfigurationException(problems);
        }
        return endpoints;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
