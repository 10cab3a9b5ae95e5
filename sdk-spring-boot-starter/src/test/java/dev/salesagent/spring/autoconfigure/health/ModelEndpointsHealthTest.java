package dev.salesagent.spring.autoconfigure.health;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.salesagent.core.model.ModelCallException;
import dev.salesagent.core.model.ModelRouter;
import dev.salesagent.core.model.ModelTier;
import dev.salesagent.spring.autoconfigure.cost.SalesAgentCostAutoConfiguration;
import dev.salesagent.spring.autoconfigure.model.SalesAgentModelAutoConfiguration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Model endpoint health from the router's circuit breakers after real calls (OpenAI and Anthropic clients against WireMock). */
class ModelEndpointsHealthTest {

    static final String OPENAI_OK = """
            {"id": "chatcmpl-1", "object": "chat.completion", "created": 1741569952, "model": "gpt-4o-mini",
             "choices": [{"index": 0, "message": {"role": "assistant", "content": "ok"}, "finish_reason": "stop"}],
             "usage": {"prompt_tokens": 5, "completion_tokens": 1, "total_tokens": 6}}
            """;
    /** https://platform.openai.com/docs/guides/error-codes */
    static final String OPENAI_401 = """
            {"error": {"message": "Incorrect API key provided: sk-bad.", "type": "invalid_request_error",
                       "param": null, "code": "invalid_api_key"}}
            """;
    /** https://docs.anthropic.com/en/api/errors */
    static final String ANTHROPIC_401 = """
            {"type": "error", "error": {"type": "authentication_error", "message": "invalid x-api-key"}}
            """;

    /** https://platform.openai.com/docs/guides/error-codes */
    static final String OPENAI_500 = """
            {"error": {"message": "The server had an error while processing your request.", "type": "server_error",
                       "param": null, "code": null}}
            """;
    /** https://docs.anthropic.com/en/api/errors */
    static final String ANTHROPIC_529 = """
            {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}
            """;

    /** One attempt per call and a two-call window, so two failed calls open a circuit. */
    static final String[] SMALL_WINDOW = {
            "salesagent.routing.max-attempts-per-endpoint=1",
            "salesagent.routing.circuit-breaker.sliding-window-size=2",
            "salesagent.routing.circuit-breaker.minimum-number-of-calls=2"};

    static WireMockServer server;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SalesAgentCostAutoConfiguration.class,
                    SalesAgentModelAutoConfiguration.class, SalesAgentModelHealthAutoConfiguration.class))
            .withPropertyValues(
                    "salesagent.models.endpoints[0].name=gpt-mini",
                    "salesagent.models.endpoints[0].provider=openai",
                    "salesagent.models.endpoints[0].model=gpt-4o-mini",
                    "salesagent.models.endpoints[0].tier=economy",
                    "salesagent.models.endpoints[0].api-key=sk-test",
                    "salesagent.models.endpoints[1].name=claude",
                    "salesagent.models.endpoints[1].provider=anthropic",
                    "salesagent.models.endpoints[1].model=claude-sonnet-4-5",
                    "salesagent.models.endpoints[1].tier=premium",
                    "salesagent.models.endpoints[1].api-key=sk-ant");

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
    void reset() {
        server.resetAll();
    }

    private ApplicationContextRunner pointedAtWireMock() {
        return runner.withPropertyValues(
                "salesagent.models.endpoints[0].base-url=" + server.baseUrl() + "/v1",
                "salesagent.models.endpoints[1].base-url=" + server.baseUrl() + "/v1/");
    }

    private static void openAi(int status, String body) {
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> endpoint(Health health, String name) {
        return (Map<String, Object>) ((Map<String, Object>) health.getDetails().get("endpoints")).get(name);
    }

    @Test
    void configuredEndpointsAreUpWithClosedCircuitsBeforeAnyCallAndNoTokensAreSpent() {
        pointedAtWireMock().run(context -> {
            Health health = context.getBean(ModelEndpointsHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(endpoint(health, "gpt-mini")).containsEntry("provider", "openai").containsEntry("tier", "ECONOMY")
                    .containsEntry("circuitState", "CLOSED").containsEntry("failedCalls", 0L)
                    .containsEntry("successfulCalls", 0L).doesNotContainKey("lastErrorType");
            assertThat(endpoint(health, "claude")).containsEntry("model", "claude-sonnet-4-5")
                    .containsEntry("circuitState", "CLOSED");
            assertThat(health.getDetails()).containsEntry("openCircuits", 0);
            assertThat(server.getAllServeEvents()).isEmpty();
        });
    }

    @Test
    void serverErrorsOpenAnEndpointsCircuitAndEveryCircuitOpenIsDown() {
        openAi(500, OPENAI_500);
        server.stubFor(post(urlEqualTo("/v1/messages")).willReturn(aResponse().withStatus(529)
                .withHeader("Content-Type", "application/json").withBody(ANTHROPIC_529)));
        pointedAtWireMock().withPropertyValues(SMALL_WINDOW).run(context -> {
            ModelRouter router = context.getBean(ModelRouter.class);
            ModelEndpointsHealthIndicator indicator = context.getBean(ModelEndpointsHealthIndicator.class);

            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> router.forTier(ModelTier.ECONOMY).chat("hi"))
                        .isInstanceOf(ModelCallException.class);
            }
            Health oneOpen = indicator.health();
            assertThat(oneOpen.getStatus()).isEqualTo(Status.UP);
            assertThat(endpoint(oneOpen, "gpt-mini")).containsEntry("circuitState", "OPEN")
                    .containsEntry("failedCalls", 2L).containsKey("lastFailureAt");
            assertThat(endpoint(oneOpen, "claude")).containsEntry("circuitState", "CLOSED");
            assertThat(oneOpen.getDetails()).containsEntry("openCircuits", 1);

            assertThatThrownBy(() -> router.forTier(ModelTier.ECONOMY).chat("hi")).isInstanceOf(ModelCallException.class);
            server.verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions")));

            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> router.forTier(ModelTier.PREMIUM).chat("hi"))
                        .isInstanceOf(ModelCallException.class);
            }
            Health allOpen = indicator.health();
            assertThat(allOpen.getStatus()).isEqualTo(Status.DOWN);
            assertThat(endpoint(allOpen, "claude")).containsEntry("circuitState", "OPEN");
            assertThat(allOpen.getDetails()).containsEntry("openCircuits", 2);
        });
    }

    @Test
    void aRejectedKeyLeavesTheCircuitClosedAndShowsTheLastErrorType() {
        openAi(401, OPENAI_401);
        pointedAtWireMock().withPropertyValues(SMALL_WINDOW).run(context -> {
            ModelRouter router = context.getBean(ModelRouter.class);
            ModelEndpointsHealthIndicator indicator = context.getBean(ModelEndpointsHealthIndicator.class);
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> router.forTier(ModelTier.ECONOMY).chat("hi"))
                        .isInstanceOf(ModelCallException.class);
            }
            Health health = indicator.health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(endpoint(health, "gpt-mini")).containsEntry("circuitState", "CLOSED")
                    .containsEntry("failedCalls", 0L).containsEntry("lastErrorType", "invalid_api_key");
        });
    }

    @Test
    void successfulCallsAreCountedInTheWindow() {
        openAi(200, OPENAI_OK);
        pointedAtWireMock().run(context -> {
            ModelRouter router = context.getBean(ModelRouter.class);
            assertThat(router.forTier(ModelTier.ECONOMY).chat("hi")).isEqualTo("ok");
            Health health = context.getBean(ModelEndpointsHealthIndicator.class).health();
            assertThat(endpoint(health, "gpt-mini")).containsEntry("circuitState", "CLOSED")
                    .containsEntry("successfulCalls", 1L).containsEntry("failedCalls", 0L).containsKey("lastSuccessAt");
        });
    }

    @Test
    void noIndicatorWithoutARouterOrWhenSwitchedOff() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SalesAgentCostAutoConfiguration.class,
                        SalesAgentModelAutoConfiguration.class, SalesAgentModelHealthAutoConfiguration.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ModelEndpointsHealthIndicator.class));
        pointedAtWireMock().withPropertyValues("management.health.salesagent-models.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(ModelEndpointsHealthIndicator.class));
    }
}
