package dev.salesagent.spring.autoconfigure.model;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.salesagent.core.cache.ResponseCache;
import dev.salesagent.core.context.AiContext;
import dev.salesagent.core.cost.CostTracker;
import dev.salesagent.core.cost.UsageStore;
import dev.salesagent.core.model.ModelEndpoint;
import dev.salesagent.core.model.ModelRouter;
import dev.salesagent.core.model.ModelTier;
import dev.salesagent.core.model.RoutingPolicy;
import dev.salesagent.core.model.TaskProfile;
import dev.salesagent.spring.autoconfigure.cost.SalesAgentCostAutoConfiguration;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Router wiring, with the real LangChain4j OpenAI and Anthropic clients calling WireMock. */
class SalesAgentModelAutoConfigurationTest {

    /** Chat Completions response, https://platform.openai.com/docs/api-reference/chat/object */
    static final String OPENAI_RESPONSE = """
            {"id": "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT", "object": "chat.completion", "created": 1741569952,
             "model": "gpt-4o-mini-2024-07-18",
             "choices": [{"index": 0, "message": {"role": "assistant", "content": "Hello from OpenAI", "refusal": null},
                          "logprobs": null, "finish_reason": "stop"}],
             "usage": {"prompt_tokens": 19, "completion_tokens": 10, "total_tokens": 29,
                       "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
                       "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0}},
             "service_tier": "default"}
            """;

    /** Messages response, https://docs.anthropic.com/en/api/messages */
    static final String ANTHROPIC_RESPONSE = """
            {"id": "msg_013Zva2CMHLNnXjNJJKqJ2EF", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5",
             "content": [{"type": "text", "text": "Hello from Anthropic"}],
             "stop_reason": "end_turn", "stop_sequence": null,
             "usage": {"input_tokens": 12, "output_tokens": 6, "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0}}
            """;

    static WireMockServer server;

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
            SalesAgentCostAutoConfiguration.class, SalesAgentModelAutoConfiguration.class));

    @BeforeAll
    static void start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void stubProviders() {
        server.resetAll();
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("x-request-id", "req_1").withBody(OPENAI_RESPONSE)));
        server.stubFor(post(urlEqualTo("/v1/messages")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(ANTHROPIC_RESPONSE)));
    }

    private String[] twoEndpoints() {
        return new String[] {
                "salesagent.models.endpoints[0].name=gpt-mini",
                "salesagent.models.endpoints[0].provider=openai",
                "salesagent.models.endpoints[0].model=gpt-4o-mini",
                "salesagent.models.endpoints[0].tier=economy",
                "salesagent.models.endpoints[0].api-key=sk-test-openai",
                "salesagent.models.endpoints[0].base-url=" + server.baseUrl() + "/v1",
                "salesagent.models.endpoints[0].timeout=5s",
                "salesagent.models.endpoints[1].name=claude-sonnet",
                "salesagent.models.endpoints[1].provider=anthropic",
                "salesagent.models.endpoints[1].model=claude-sonnet-4-5",
                "salesagent.models.endpoints[1].tier=premium",
                "salesagent.models.endpoints[1].api-key=sk-ant-test",
                "salesagent.models.endpoints[1].base-url=" + server.baseUrl() + "/v1/",
                "salesagent.models.endpoints[1].max-output-tokens=1000",
        };
    }

    @Test
    void withoutEndpointsThereIsNoRouterAndTheContextStarts() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(ModelRouter.class).doesNotHaveBean(ResponseCache.class);
            assertThat(context).hasSingleBean(RoutingPolicy.class).hasSingleBean(CostTracker.class);
        });
    }

    @Test
    void endpointsFromPropertiesCallTheProvidersAndRecordCost() {
        runner.withPropertyValues(twoEndpoints()).run(context -> {
            ModelRouter router = context.getBean(ModelRouter.class);
            assertThat(router.endpoints()).extracting(ModelEndpoint::name, ModelEndpoint::provider, ModelEndpoint::tier)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("gpt-mini", "openai", ModelTier.ECONOMY),
                            org.assertj.core.groups.Tuple.tuple("claude-sonnet", "anthropic", ModelTier.PREMIUM));
            assertThat(router.endpoints().get(1).maxOutputTokens()).isEqualTo(1000L);

            String answer = AiContext.builder().tenant("acme").build().call(() -> router.chat("Say hello"));

            assertThat(answer).isEqualTo("Hello from OpenAI");
            server.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions"))
                    .withHeader("Authorization", equalTo("Bearer sk-test-openai")));
            CostTracker tracker = context.getBean(CostTracker.class);
            assertThat(tracker.totals(UsageStore.Query.all().tenant("acme")).calls()).isEqualTo(1);
            assertThat(router.costTracker()).isSameAs(tracker);
        });
    }

    @Test
    void genAiMetersGoToTheApplicationsMeterRegistry() {
        runner.withPropertyValues(twoEndpoints()).withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            context.getBean(ModelRouter.class).chat("Say hello");
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.find("gen_ai.client.token.usage").tag("gen_ai.token.type", "input").summary())
                    .isNotNull().satisfies(s -> assertThat(s.totalAmount()).isEqualTo(19.0));
            assertThat(registry.find("gen_ai.client.operation.duration").tag("gen_ai.provider.name", "openai").meters())
                    .isNotEmpty();
            assertThat(registry.find("salesagent.ai.cost").meters()).isNotEmpty();
        });
    }

    @Test
    void endpointsCanBeConfiguredFromEnvironmentVariables() {
        Map<String, Object> env = Map.of(
                "SALESAGENT_MODELS_ENDPOINTS_0_NAME", "gpt-mini",
                "SALESAGENT_MODELS_ENDPOINTS_0_PROVIDER", "openai",
                "SALESAGENT_MODELS_ENDPOINTS_0_MODEL", "gpt-4o-mini",
                "SALESAGENT_MODELS_ENDPOINTS_0_API_KEY", "sk-from-env",
                "SALESAGENT_MODELS_ENDPOINTS_0_BASE_URL", server.baseUrl() + "/v1");
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env)))
                .run(context -> {
                    assertThat(context.getBean(ModelRouter.class).chat("hi")).isEqualTo("Hello from OpenAI");
                    server.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions"))
                            .withHeader("Authorization", equalTo("Bearer sk-from-env")));
                });
    }

    @Test
    void featureTiersRouteAFeatureToItsTier() {
        runner.withPropertyValues(twoEndpoints()).withPropertyValues("salesagent.routing.feature-tiers.proposal=premium")
                .run(context -> {
                    ModelRouter router = context.getBean(ModelRouter.class);
                    String answer = AiContext.builder().feature("proposal").build().call(() -> router.chat("Draft it"));
                    assertThat(answer).isEqualTo("Hello from Anthropic");
                    server.verify(1, postRequestedFor(urlEqualTo("/v1/messages")).withHeader("x-api-key", equalTo("sk-ant-test")));
                    assertThat(context.getBean(RoutingPolicy.class).tierFor(new TaskProfile("proposal", null, 10, false)))
                            .isEqualTo(ModelTier.PREMIUM);
                });
    }

    @Test
    void theResponseCacheServesRepeatedCallsOfACachedFeature() {
        runner.withPropertyValues(twoEndpoints())
                .withPropertyValues("salesagent.cache.enabled=true", "salesagent.cache.ttl.battle_card=1h")
                .run(context -> {
                    assertThat(context).hasSingleBean(ResponseCache.class);
                    ModelRouter router = context.getBean(ModelRouter.class);
                    AiContext battleCard = AiContext.builder().tenant("acme").feature("battle_card").build();
                    assertThat(battleCard.call(() -> router.chat("Compare us with Globex"))).isEqualTo("Hello from OpenAI");
                    assertThat(battleCard.call(() -> router.chat("Compare us with Globex"))).isEqualTo("Hello from OpenAI");
                    server.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
                    assertThat(context.getBean(ResponseCache.Policy.class).ttlFor("battle_card")).contains(Duration.ofHours(1));
                });
    }

    @Test
    void invalidEndpointsFailStartupListingEveryProblem() {
        runner.withPropertyValues(
                        "salesagent.models.endpoints[0].name=a",
                        "salesagent.models.endpoints[0].provider=openai",
                        "salesagent.models.endpoints[0].model=gpt-4o-mini",
                        "salesagent.models.endpoints[1].name=b",
                        "salesagent.models.endpoints[1].provider=mistral",
                        "salesagent.models.endpoints[1].model=mistral-large",
                        "salesagent.models.endpoints[1].api-key=k")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
                            .hasMessageContaining("salesagent.models.endpoints[0].api-key is required")
                            .hasMessageContaining("salesagent.models.endpoints[1].provider 'mistral'");
                });
    }

    @Test
    void anEndpointWhoseProviderModuleIsMissingFailsStartupNamingTheArtifact() {
        runner.withClassLoader(new FilteredClassLoader("dev.salesagent.model.anthropic"))
                .withPropertyValues(twoEndpoints())
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
                            .hasMessageContaining("salesagent.models.endpoints[1].provider 'anthropic' needs its provider"
                                    + " module on the classpath: add the dependency dev.salesagent:sdk-model-anthropic")
                            .hasMessageNotContaining("endpoints[0]");
                });
    }

    @Test
    void withoutAnyProviderModuleAChatModelBeanStillBecomesAnEndpoint() {
        runner.withClassLoader(new FilteredClassLoader("dev.salesagent.model.openai", "dev.salesagent.model.anthropic"))
                .withBean("inHouse", ChatModel.class, () -> new ChatModel() {
                    @Override
                    public ChatResponse doChat(ChatRequest request) {
                        return ChatResponse.builder().aiMessage(AiMessage.from("in-house")).build();
                    }
                })
                .withPropertyValues(
                        "salesagent.models.endpoints[0].name=in-house",
                        "salesagent.models.endpoints[0].provider=ollama",
                        "salesagent.models.endpoints[0].model=llama3.1",
                        "salesagent.models.endpoints[0].chat-model-bean=inHouse")
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(PropertyEndpointFactory.class);
                    ModelRouter router = context.getBean(ModelRouter.class);
                    assertThat(router.endpoints()).extracting(ModelEndpoint::name).containsExactly("in-house");
                    assertThat(router.chat("hi")).isEqualTo("in-house");
                });
    }

    @Test
    void anApplicationChatModelBeanAndModelEndpointBeansBecomeEndpoints() {
        AtomicInteger calls = new AtomicInteger();
        ChatModel inHouse = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                calls.incrementAndGet();
                return ChatResponse.builder().aiMessage(AiMessage.from("Hello from in-house")).build();
            }
        };
        ChatModel other = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                return ChatResponse.builder().aiMessage(AiMessage.from("Hello from the endpoint bean")).build();
            }
        };
        runner.withBean("inHouseModel", ChatModel.class, () -> inHouse)
                .withBean("extraEndpoint", ModelEndpoint.class,
                        () -> ModelEndpoint.of("extra", "custom", "extra-model", ModelTier.PREMIUM, 32_000, other))
                .withPropertyValues(
                        "salesagent.models.endpoints[0].name=in-house",
                        "salesagent.models.endpoints[0].provider=custom",
                        "salesagent.models.endpoints[0].model=llama-3-70b",
                        "salesagent.models.endpoints[0].tier=economy",
                        "salesagent.models.endpoints[0].context-window=8000",
                        "salesagent.models.endpoints[0].chat-model-bean=inHouseModel")
                .run(context -> {
                    ModelRouter router = context.getBean(ModelRouter.class);
                    assertThat(router.endpoints()).extracting(ModelEndpoint::name).containsExactly("in-house", "extra");
                    assertThat(router.endpoints().get(0).contextWindowTokens()).isEqualTo(8000);
                    assertThat(router.chat("hi")).isEqualTo("Hello from in-house");
                    assertThat(calls).hasValue(1);
                    assertThat(router.forTier(ModelTier.PREMIUM).chat("hi")).isEqualTo("Hello from the endpoint bean");
                    assertThat(context.getBean(ChatModel.class)).as("the router is the primary ChatModel").isSameAs(router);
                });
    }

    @Test
    void applicationBeansReplaceThePolicyAndTheRouter() {
        RoutingPolicy alwaysPremium = task -> ModelTier.PREMIUM;
        runner.withPropertyValues(twoEndpoints()).withBean(RoutingPolicy.class, () -> alwaysPremium).run(context -> {
            assertThat(context.getBean(RoutingPolicy.class)).isSameAs(alwaysPremium);
            assertThat(context.getBean(ModelRouter.class).chat("hi")).isEqualTo("Hello from Anthropic");
        });
        runner.withPropertyValues("salesagent.cache.enabled=true")
                .withBean(ResponseCache.class, () -> ResponseCache.inMemory(5))
                .run(context -> assertThat(context).hasSingleBean(ResponseCache.class));
    }

    @Test
    void circuitBreakerPropertiesMapToResilience4j() {
        RoutingProperties.CircuitBreaker cb = new RoutingProperties.CircuitBreaker(25f, 40, 5, Duration.ofSeconds(7), 3);
        CircuitBreakerConfig config = SalesAgentModelAutoConfiguration.circuitBreakerConfig(cb);
        assertThat(config.getFailureRateThreshold()).isEqualTo(25f);
        assertThat(config.getSlidingWindowSize()).isEqualTo(40);
        assertThat(config.getMinimumNumberOfCalls()).isEqualTo(5);
        assertThat(config.getPermittedNumberOfCallsInHalfOpenState()).isEqualTo(3);
    }

    @Test
    void routingDefaultsAreBound() {
        runner.run(context -> {
            RoutingProperties routing = context.getBean(RoutingProperties.class);
            assertThat(routing.maxAttemptsPerEndpoint()).isEqualTo(3);
            assertThat(routing.initialBackoff()).isEqualTo(Duration.ofMillis(250));
            assertThat(routing.circuitBreaker().waitDurationInOpenState()).isEqualTo(Duration.ofSeconds(30));
            RoutingPolicy policy = context.getBean(RoutingPolicy.class);
            assertThat(policy.tierFor(new TaskProfile(null, null, 5_000, false))).isEqualTo(ModelTier.STANDARD);
            assertThat(policy.tierFor(new TaskProfile(null, null, 100, false))).isEqualTo(ModelTier.ECONOMY);
        });
        runner.withPropertyValues("salesagent.routing.long-prompt-tokens=100000").run(context ->
                assertThat(context.getBean(RoutingPolicy.class).tierFor(new TaskProfile(null, null, 5_000, false)))
                        .isEqualTo(ModelTier.ECONOMY));
    }
}
