package dev.salesagent.spring.autoconfigure.model;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.salesagent.core.model.ModelEndpoint;
import dev.salesagent.core.model.ModelRouter;
import dev.salesagent.spring.autoconfigure.cost.SalesAgentCostAutoConfiguration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Unresolved or blank secrets are never sent; the application's own ChatModel wins unless routing is enabled. */
class SecretsAndBackOffTest {

    static WireMockServer server;

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
            SalesAgentCostAutoConfiguration.class, SalesAgentModelAutoConfiguration.class));

    @BeforeAll
    static void start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o-mini\","
                        + "\"choices\":[{\"index\":0,\"finish_reason\":\"stop\",\"message\":{\"role\":\"assistant\","
                        + "\"content\":\"hello\"}}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1,\"total_tokens\":6}}")));
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static String[] endpoint(int i, String name, String apiKey) {
        String at = "salesagent.models.endpoints[" + i + "].";
        return new String[] {at + "name=" + name, at + "provider=openai", at + "model=gpt-4o-mini",
                at + "tier=economy", at + "api-key=" + apiKey, at + "base-url=" + server.baseUrl() + "/v1"};
    }

    private static ChatModel own() {
        return new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                return ChatResponse.builder().aiMessage(AiMessage.from("own")).build();
            }
        };
    }

    @Test
    void anUnresolvedPlaceholderKeyDisablesTheEndpointAndIsNeverSent() {
        server.resetRequests();
        runner.withPropertyValues(endpoint(0, "unset", "${OPENAI_API_KEY}"))
                .withPropertyValues(endpoint(1, "set", "sk-real"))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    ModelRouter router = context.getBean(ModelRouter.class);
                    assertThat(router.endpoints()).extracting(ModelEndpoint::name).containsExactly("set");
                    assertThat(router.chat("hi")).isEqualTo("hello");
                    List<ServeEvent> events = server.getAllServeEvents();
                    assertThat(events).isNotEmpty();
                    assertThat(events).allSatisfy(e -> {
                        assertThat(e.getRequest().getHeader("Authorization")).isEqualTo("Bearer sk-real")
                                .doesNotContain("${");
                        assertThat(e.getRequest().getBodyAsString()).doesNotContain("${OPENAI_API_KEY}");
                    });
                });
    }

    @Test
    void withOnlyUnusableKeysThereIsNoRouterAndNothingIsSent() {
        server.resetRequests();
        runner.withPropertyValues(endpoint(0, "unset", "${OPENAI_API_KEY}")).withPropertyValues(endpoint(1, "blank", " "))
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(ModelRouter.class);
                    assertThat(server.getAllServeEvents()).isEmpty();
                });
    }

    @Test
    void anApplicationChatModelWinsUnlessRoutingIsEnabled() {
        runner.withPropertyValues(endpoint(0, "gpt", "sk-real")).withBean("myModel", ChatModel.class, SecretsAndBackOffTest::own)
                .run(context -> {
                    assertThat(context).doesNotHaveBean(ModelRouter.class);
                    assertThat(context.getBean(ChatModel.class).chat("hi")).isEqualTo("own");
                });
        runner.withPropertyValues(endpoint(0, "gpt", "sk-real")).withPropertyValues("salesagent.routing.enabled=true")
                .withBean("myModel", ChatModel.class, SecretsAndBackOffTest::own)
                .run(context -> {
                    ModelRouter router = context.getBean(ModelRouter.class);
                    assertThat(context.getBean(ChatModel.class)).as("the router is primary").isSameAs(router);
                });
        runner.withPropertyValues(endpoint(0, "gpt", "sk-real")).withPropertyValues("salesagent.routing.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(ModelRouter.class));
    }

    @Test
    void anInvalidEndpointFailsWithAFailureReportNotABareStackTrace() {
        runner.withPropertyValues("salesagent.models.endpoints[0].name=gpt", "salesagent.models.endpoints[0].provider=openai")
                .run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = new ModelEndpointConfigurationFailureAnalyzer()
                            .analyze(context.getStartupFailure());
                    assertThat(analysis).isNotNull();
                    assertThat(analysis.getDescription()).contains("salesagent.models.endpoints[0].model is required")
                            .contains("salesagent.models.endpoints[0].api-key is required");
                    assertThat(analysis.getAction()).contains("api-key (secret");
                });
    }
}
