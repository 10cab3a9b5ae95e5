package dev.salesagent.spring.autoconfigure.model;

import dev.salesagent.core.cache.ResponseCache;
import dev.salesagent.core.cost.CostTracker;
import dev.salesagent.core.cost.ModelPrice;
import dev.salesagent.core.cost.PriceTable;
import dev.salesagent.core.model.ModelEndpoint;
import dev.salesagent.core.model.ModelEndpoints;
import dev.salesagent.core.model.ModelRouter;
import dev.salesagent.core.model.RoutingPolicy;
import dev.salesagent.spring.autoconfigure.cost.SalesAgentCostAutoConfiguration;
import dev.langchain4j.model.chat.ChatModel;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import okhttp3.OkHttpClient;
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
 *   <li>Endpoints: each {@code salesagent.models.endpoints[n]} (OpenAI or Anthropic built with {@link ModelEndpoints},
 *       or an application {@code ChatModel} bean named by {@code chat-model-bean}), followed by every
 *       {@link ModelEndpoint} bean of the application.</li>
 *   <li>{@link RoutingPolicy} from the feature tiers; the router's retries and per-endpoint circuit breaker from
 *       {@code salesagent.routing}.</li>
 *   <li>{@link ResponseCache} (Caffeine, per tenant) when {@code salesagent.cache.enabled=true}, for the features with
 *       a {@code salesagent.cache.ttl.<feature>}.</li>
 *   <li>The router shares the {@link CostTracker} and {@link PriceTable} beans and so the budgets and meters.</li>
 * </ul>
 * Without any endpoint there is no router bean: the SDK runs its rules-based implementations offline.
 * The router bean is {@link Primary}: injecting {@code ChatModel} gives the router, so every call is routed, budgeted
 * and priced.
 */
@AutoConfiguration(after = SalesAgentCostAutoConfiguration.class)
@ConditionalOnClass(ModelRouter.class)
@EnableConfigurationProperties({ModelProperties.class, RoutingProperties.class, CacheProperties.class})
public final class SalesAgentModelAutoConfiguration {

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

    /**
     * @throws IllegalStateException listing every invalid {@code salesagent.models.endpoints} entry
     */
    @Bean
    @Primary
    @ConditionalOnMissingBean
    @Conditional(OnModelEndpointsCondition.class)
    ModelRouter modelRouter(ModelProperties models, RoutingProperties routing, RoutingPolicy policy,
                            CostTracker costTracker, PriceTable prices, ObjectProvider<ModelEndpoint> endpointBeans,
                            ObjectProvider<ResponseCache> cache, ResponseCache.Policy cachePolicy,
                            ObjectProvider<MeterRegistry> meters, ObjectProvider<Clock> clock, BeanFactory beans) {
        ModelRouter.Builder builder = ModelRouter.builder()
                .routingPolicy(policy)
                .costTracker(costTracker)
                .priceTable(prices)
                .maxAttemptsPerEndpoint(routing.maxAttemptsPerEndpoint())
                .initialBackoff(routing.initialBackoff())
                .maxRetryWait(routing.maxRetryWait())
                .circuitBreakerConfig(circuitBreakerConfig(routing.circuitBreaker()));
        endpoints(models, prices, beans).forEach(builder::endpoint);
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

    /**
     * Builds the configured endpoints, sharing one OkHttp client (connection pool) between them.
     *
     * @throws IllegalStateException listing every invalid entry
     */
    static List<ModelEndpoint> endpoints(ModelProperties models, PriceTable prices, BeanFactory beans) {
        List<String> problems = new ArrayList<>();
        List<ModelEndpoint> endpoints = new ArrayList<>();
        OkHttpClient http = null;
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
            } else if (blank(e.chatModelBean()) && !provider.equals("openai") && !provider.equals("anthropic")) {
                problems.add(at + ".provider '" + e.provider() + "' cannot be built from properties: use openai or "
                        + "anthropic, or set chat-model-bean to an application ChatModel bean");
            }
            if (blank(e.chatModelBean()) && blank(e.apiKey())) {
                problems.add(at + ".api-key is required");
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
                    int maxOutput = e.maxOutputTokens() != null ? e.maxOutputTokens() : ModelEndpoint.DEFAULT_MAX_OUTPUT_TOKENS;
                    endpoints.add(new ModelEndpoint(e.name(), provider, e.model(), e.tier(), window, maxOutput, chatModel));
                } else {
                    if (http == null) {
                        http = new OkHttpClient();
                    }
                    ModelEndpoints.Builder b = provider.equals("openai")
                            ? ModelEndpoints.openAi(e.name(), e.tier()) : ModelEndpoints.anthropic(e.name(), e.tier());
                    b.model(e.model()).apiKey(e.apiKey()).okHttpClient(http);
                    if (!blank(e.baseUrl())) {
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
                    endpoints.add(b.build());
                }
            } catch (RuntimeException ex) {
                problems.add(at + ": " + ex.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid model endpoint configuration:\n - " + String.join("\n - ", problems));
        }
        return endpoints;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
