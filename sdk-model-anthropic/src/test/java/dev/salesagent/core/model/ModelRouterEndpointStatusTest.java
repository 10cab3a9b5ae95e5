package dev.salesagent.core.model;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.salesagent.core.model.EndpointStatus.CircuitState;
import dev.salesagent.core.testing.MutableClock;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.salesagent.core.model.ProviderStubs.anthropic;
import static dev.salesagent.core.model.ProviderStubs.anthropicCall;
import static dev.salesagent.core.model.ProviderStubs.anthropicOk;
import static dev.salesagent.core.model.ProviderStubs.openAi;
import static dev.salesagent.core.model.ProviderStubs.openAiCall;
import static dev.salesagent.core.model.ProviderStubs.openAiCalls;
import static dev.salesagent.core.model.ProviderStubs.openAiInvalidKey;
import static dev.salesagent.core.model.ProviderStubs.openAiServerError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link ModelRouter#endpointStatus()} with the real LangChain4j OpenAI and Anthropic clients on WireMock. */
class ModelRouterEndpointStatusTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String GPT = "gpt-4o-mini";
    private static final String CLAUDE = "claude-haiku-4-5";
    private static final ChatRequest HELLO = ChatRequest.builder().messages(UserMessage.from("Summarise ACME's account")).build();

    private ModelRouter router() {
        return ModelRouter.builder()
                .endpoint(openAi(wm, "gpt", ModelTier.ECONOMY, GPT))
                .endpoint(anthropic(wm, "claude", ModelTier.ECONOMY, CLAUDE))
                .sleeper(new RecordingSleeper())
                .maxAttemptsPerEndpoint(1)
                .circuitBreakerConfig(CircuitBreakerConfig.custom().slidingWindowSize(2).minimumNumberOfCalls(2)
                        .failureRateThreshold(50).waitDurationInOpenState(Duration.ofHours(1)).build())
                .build();
    }

    @Test
    void freshRouterReportsEveryEndpointClosedWithoutCallingAnyProvider() {
        ModelRouter router = router();

        assertThat(router.endpointStatus()).containsExactly(
                new EndpointStatus("gpt", "openai", GPT, ModelTier.ECONOMY, CircuitState.CLOSED, 0, 0),
                new EndpointStatus("claude", "anthropic", CLAUDE, ModelTier.ECONOMY, CircuitState.CLOSED, 0, 0));
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void endpointFailingWith500IsReportedOpenAndReadingStatusSendsNoRequest() {
        wm.stubFor(openAiCall(GPT).willReturn(openAiServerError(500)));
        wm.stubFor(anthropicCall(CLAUDE).willReturn(anthropicOk(CLAUDE, "ok", 10, 0, 0, 5)));
        ModelRouter router = router();

        router.chat(HELLO);
        assertThat(router.endpointStatus().get(0).circuitState()).isEqualTo(CircuitState.CLOSED);
        router.chat(HELLO);
        int requestsBefore = wm.getAllServeEvents().size();

        for (int i = 0; i < 3; i++) {
            assertThat(router.endpointStatus()).containsExactly(
                    new EndpointStatus("gpt", "openai", GPT, ModelTier.ECONOMY, CircuitState.OPEN, 2, 0),
                    new EndpointStatus("claude", "anthropic", CLAUDE, ModelTier.ECONOMY, CircuitState.CLOSED, 0, 2));
        }
        assertThat(wm.getAllServeEvents()).hasSize(requestsBefore).hasSize(4);
        wm.verify(2, openAiCalls(GPT));
    }

    @Test
    void openEndpointIsReportedHalfOpenAfterTheWaitOnceACallTriesItThenClosedAfterTrialSuccesses() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
        wm.stubFor(openAiCall(GPT).willReturn(openAiServerError(500)));
        wm.stubFor(anthropicCall(CLAUDE).willReturn(anthropicOk(CLAUDE, "ok", 10, 0, 0, 5)));
        ModelRouter router = ModelRouter.builder()
                .endpoint(openAi(wm, "gpt", ModelTier.ECONOMY, GPT))
                .endpoint(anthropic(wm, "claude", ModelTier.ECONOMY, CLAUDE))
                .sleeper(new RecordingSleeper()).maxAttemptsPerEndpoint(1)
                .circuitBreakerConfig(CircuitBreakerConfig.custom().slidingWindowSize(2).minimumNumberOfCalls(2)
                        .failureRateThreshold(50).waitDurationInOpenState(Duration.ofMinutes(1))
                        .permittedNumberOfCallsInHalfOpenState(2).clock(clock).build())
                .build();
        router.chat(HELLO);
        router.chat(HELLO);

        clock.advance(Duration.ofMinutes(2));
        assertThat(router.endpointStatus().get(0).circuitState()).isEqualTo(CircuitState.OPEN);
        wm.stubFor(openAiCall(GPT).willReturn(ProviderStubs.openAiOk(GPT, "gpt is back", 10, 0, 3)));
        assertThat(router.chat(HELLO).aiMessage().text()).isEqualTo("gpt is back");
        assertThat(router.endpointStatus().get(0)).extracting(EndpointStatus::circuitState,
                EndpointStatus::failedCalls, EndpointStatus::successfulCalls)
                .containsExactly(CircuitState.HALF_OPEN, 0L, 1L);

        router.chat(HELLO);
        assertThat(router.endpointStatus().get(0).circuitState()).isEqualTo(CircuitState.CLOSED);
        wm.verify(4, openAiCalls(GPT));
    }

    @Test
    void clientErrorsDoNotCountAgainstTheEndpoint() {
        wm.stubFor(openAiCall(GPT).willReturn(openAiInvalidKey()));
        ModelRouter router = router();

        assertThatThrownBy(() -> router.chat(HELLO)).isInstanceOf(ModelCallException.class);
        assertThatThrownBy(() -> router.chat(HELLO)).isInstanceOf(ModelCallException.class);

        assertThat(router.endpointStatus().get(0)).extracting(EndpointStatus::circuitState,
                EndpointStatus::failedCalls, EndpointStatus::successfulCalls)
                .containsExactly(CircuitState.CLOSED, 0L, 0L);
    }

    @ParameterizedTest
    @EnumSource(CircuitBreaker.State.class)
    void everyResilience4jStateMapsToTheStateOfTheSameNameOrDisabledForMetricsOnly(CircuitBreaker.State state) {
        CircuitState expected = state == CircuitBreaker.State.METRICS_ONLY ? CircuitState.DISABLED
                : CircuitState.valueOf(state.name());

        assertThat(RouterEngine.circuitState(state)).isEqualTo(expected);
    }

    @Test
    void rejectsNegativeCounts() {
        assertThatThrownBy(() -> new EndpointStatus("gpt", "openai", GPT, ModelTier.ECONOMY, CircuitState.CLOSED, -1, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
