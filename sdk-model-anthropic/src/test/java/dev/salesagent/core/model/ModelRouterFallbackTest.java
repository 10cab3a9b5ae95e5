package dev.salesagent.core.model;

import dev.salesagent.model.openai.OpenAiEndpoints;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.salesagent.core.cost.CostTracker;
import dev.salesagent.core.cost.UsageRecord;
import dev.salesagent.core.cost.UsageStore;
import dev.salesagent.core.model.ModelCallException.Reason;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.salesagent.core.model.ProviderStubs.anthropic;
import static dev.salesagent.core.model.ProviderStubs.anthropicCall;
import static dev.salesagent.core.model.ProviderStubs.anthropicCalls;
import static dev.salesagent.core.model.ProviderStubs.anthropicOk;
import static dev.salesagent.core.model.ProviderStubs.anthropicOverloaded;
import static dev.salesagent.core.model.ProviderStubs.openAi;
import static dev.salesagent.core.model.ProviderStubs.openAiCall;
import static dev.salesagent.core.model.ProviderStubs.openAiCalls;
import static dev.salesagent.core.model.ProviderStubs.openAiContextLength;
import static dev.salesagent.core.model.ProviderStubs.openAiInsufficientQuota;
import static dev.salesagent.core.model.ProviderStubs.openAiInvalidKey;
import static dev.salesagent.core.model.ProviderStubs.openAiOk;
import static dev.salesagent.core.model.ProviderStubs.openAiRateLimited;
import static dev.salesagent.core.model.ProviderStubs.openAiServerError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Retries, fallback, escalation and fail-fast with the real LangChain4j OpenAI and Anthropic clients on WireMock. */
class ModelRouterFallbackTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String GPT = "gpt-4o-mini";
    private static final String CLAUDE = "claude-haiku-4-5";
    private static final ChatRequest HELLO = ChatRequest.builder().messages(UserMessage.from("Summarise ACME's account")).build();

    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CostTracker tracker = CostTracker.builder().meterRegistry(registry).build();

    private ModelRouter.Builder router(ModelEndpoint... endpoints) {
        ModelRouter.Builder b = ModelRouter.builder().costTracker(tracker).sleeper(sleeper);
        for (ModelEndpoint e : endpoints) {
            b.endpoint(e);
        }
        return b;
    }

    private List<UsageRecord> records() {
        return tracker.store().find(UsageStore.Query.all());
    }

    @Test
    void rateLimitedPrimaryIsRetriedAfterRetryAfterThenSucceeds() {
        wm.stubFor(openAiCall(GPT).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(openAiRateLimited("2")).willSetStateTo("recovered"));
        wm.stubFor(openAiCall(GPT).inScenario("429").whenScenarioStateIs("recovered")
                .willReturn(openAiOk(GPT + "-2024-07-18", "ACME is a key account.", 20, 0, 8)));
        ModelRouter router = router(openAi(wm, "gpt", ModelTier.ECONOMY, GPT),
                anthropic(wm, "claude", ModelTier.ECONOMY, CLAUDE)).build();

        ChatResponse response = router.chat(HELLO);

        assertThat(response.aiMessage().text()).isEqualTo("ACME is a key account.");
        wm.verify(2, openAiCalls(GPT));
        wm.verify(0, anthropicCalls(CLAUDE));
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(2));
        assertThat(records()).extracting(UsageRecord::outcome, UsageRecord::errorType).containsExactly(
                org.assertj.core.groups.Tuple.tuple(UsageRecord.Outcome.FAILURE, "rate_limit_exceeded"),
                org.assertj.core.groups.Tuple.tuple(UsageRecord.Outcome.SUCCESS, null));
    }

    @Test
    void retryAfterLongerThanTheCapFailsOverInsteadOfWaiting() {
        wm.stubFor(openAiCall(GPT).willReturn(openAiRateLimited("120")));
        wm.stubFor(anthropicCall(CLAUDE).willReturn(anthropicOk(CLAUDE, "from claude", 10, 0, 0, 5)));
        ModelRouter router = router(openAi(wm, "gpt", ModelTier.ECONOMY, GPT),
                anthropic(wm, "claude", ModelTier.ECONOMY, CLAUDE)).maxRetryWait(Duration.ofSeconds(5)).build();

        assertThat(router.chat(HELLO).aiMessage().text()).isEqualTo("from claude");
        wm.verify(1, openAiCalls(GPT));
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void primaryFailingWith500ThreeTimesFallsBackToTheSecondProvider() {
        wm.stubFor(openAiCall(GPT).willReturn(openAiServerError(500)));
        wm.stubFor(anthropicCall(CLAUDE).willReturn(anthropicOk(CLAUDE, "from claude", 10, 0, 0, 5)));
        ModelRouter router = router(openAi(wm, "gpt", ModelTier.ECONOMY, GPT),
                anthropic(wm, "claude", ModelTier.ECONOMY, CLAUDE)).build();

        assertThat(router.chat(HELLO).aiMessage().text()).isEqualTo("from claude");

        wm.verify(3, openAiCalls(GPT));
        wm.verify(1, anthropicCalls(CLAUDE));
        assertThat(sleeper.waits).hasSize(2).allSatisfy(w -> assertThat(w).isPositive().isLessThan(Duration.ofSeconds(2)));
        assertThat(records()).extracting(UsageRecord::endpoint).containsExactly("gpt", "gpt", "gpt", "claude");
        assertThat(registry.get("salesagent.ai.router.fallbacks").tag("endpoint", "gpt")
                .tag("reason", "server_error").counter().count()).isEqualTo(1);
        assertThat(registry.get("gen_ai.client.operation.duration").tag("error.type", "server_error").timer().count()).isEqualTo(3);
    }

    @Test
    void anthropicOverloadedFallsBackToOpenAi() {
        wm.stubFor(anthropicCall(CLAUDE).willReturn(anthropicOverloaded()));
        wm.stubFor(openAiCall(GPT).willReturn(openAiOk(GPT, "from gpt", 12, 0, 4)));
        ModelRouter router = router(anthropic(wm, "claude", ModelTier.STANDARD, CLAUDE),
                openAi(wm, "gpt", ModelTier.STANDARD, GPT)).maxAttemptsPerEndpoint(2).build();

        assertThat(router.forTier(ModelTier.STANDARD).chat(HELLO).aiMessage().text()).isEqualTo("from gpt");

        wm.verify(2, anthropicCalls(CLAUDE));
        wm.verify(1, openAiCalls(GPT));
        assertThat(records().get(0).errorType()).isEqualTo("overloaded_error");
    }

    @Test
    void contextLengthErrorEscalatesToTheLargerContextEndpoint() {
        wm.stubFor(openAiCall(GPT).willReturn(openAiContextLength()));
        wm.stubFor(anthropicCall(CLAUDE).willReturn(anthropicOk(CLAUDE, "long answer", 150_000, 0, 0, 5)));
        ModelRouter router = router(openAi(wm, "gpt", ModelTier.ECONOMY, GPT),
                anthropic(wm, "claude-large", ModelTier.STANDARD, CLAUDE)).build();

        assertThat(router.forTier(ModelTier.ECONOMY).chat(HELLO).aiMessage().text()).isEqualTo("long answer");

        wm.verify(1, openAiCalls(GPT));
        wm.verify(1, anthropicCalls(CLAUDE));
        assertThat(sleeper.waits).isEmpty();
        assertThat(records().get(0).errorType()).isEqualTo("context_length_exceeded");
    }

    @Test
    void promptThatCannotFitIsNeverSentToTheSmallEndpoint() {
        wm.stubFor(anthropicCall(CLAUDE).willReturn(anthropicOk(CLAUDE, "fits", 40, 0, 0, 5)));
        ModelEndpoint tiny = new ModelEndpoint("gpt-tiny", "openai", GPT, ModelTier.ECONOMY, 100, 64,
                openAi(wm, "x", ModelTier.ECONOMY, GPT).chatModel());
        ModelRouter router = router(tiny, anthropic(wm, "claude", ModelTier.PREMIUM, CLAUDE)).build();
        ChatRequest longPrompt = ChatRequest.builder().messages(UserMessage.from("account history ".repeat(40))).build();

        assertThat(router.forTier(ModelTier.ECONOMY).chat(longPrompt).aiMessage().text()).isEqualTo("fits");
        wm.verify(0, openAiCalls(GPT));

        ModelRouter onlyTiny = router(tiny).build();
        assertThatThrownBy(() -> onlyTiny.chat(longPrompt)).isInstanceOfSatisfying(ModelCallException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.CONTEXT_LENGTH));
        wm.verify(0, openAiCalls(GPT));
    }

    @Test
    void unauthorizedFailsFastWithoutCallingTheFallback() {
        wm.stubFor(openAiCall(GPT).willReturn(openAiInvalidKey()));
        wm.stubFor(anthropicCall(CLAUDE).willReturn(anthropicOk(CLAUDE, "never", 1, 0, 0, 1)));
        ModelRouter router = router(openAi(wm, "gpt", ModelTier.ECONOMY, GPT),
                anthropic(wm, "claude", ModelTier.ECONOMY, CLAUDE)).build();

        assertThatThrownBy(() -> router.chat(HELLO)).isInstanceOfSatisfying(ModelCallException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION);
            assertThat(e.attempts()).singleElement().satisfies(a -> {
                assertThat(a.statusCode()).isEqualTo(401);
                assertThat(a.errorType()).isEqualTo("invalid_api_key");
                assertThat(a.requestId()).isEqualTo("req_err_401");
            });
            assertThat(e.getMessage()).contains("gpt AUTHENTICATION 401 invalid_api_key");
        });
        wm.verify(1, openAiCalls(GPT));
        wm.verify(0, anthropicCalls(CLAUDE));
    }

    @Test
    void readTimeoutFailsOverWithoutRetryingTheSlowEndpoint() {
        wm.stubFor(openAiCall(GPT).willReturn(openAiOk(GPT, "too late", 1, 0, 1).withFixedDelay(3_000)));
        wm.stubFor(anthropicCall(CLAUDE).willReturn(anthropicOk(CLAUDE, "in time", 10, 0, 0, 5)));
        ModelEndpoint slow = OpenAiEndpoints.builder("gpt", ModelTier.ECONOMY).model(GPT).apiKey("sk-test")
                .baseUrl(wm.baseUrl() + "/v1").timeout(Duration.ofMillis(300)).build();
        ModelRouter router = router(slow, anthropic(wm, "claude", ModelTier.ECONOMY, CLAUDE)).build();

        assertThat(router.chat(HELLO).aiMessage().text()).isEqualTo("in time");

        wm.verify(1, openAiCalls(GPT));
        assertThat(records().get(0)).satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(UsageRecord.Outcome.FAILURE);
            assertThat(r.errorType()).isEqualTo("timeout");
        });
    }

    @Test
    void whenEveryEndpointFailsTheExceptionListsEveryAttempt() {
        wm.stubFor(openAiCall(GPT).willReturn(openAiServerError(503)));
        wm.stubFor(anthropicCall(CLAUDE).willReturn(anthropicOverloaded()));
        ModelRouter router = router(openAi(wm, "gpt", ModelTier.ECONOMY, GPT),
                anthropic(wm, "claude", ModelTier.ECONOMY, CLAUDE)).maxAttemptsPerEndpoint(2).build();

        assertThatThrownBy(() -> router.chat(HELLO)).isInstanceOfSatisfying(ModelCallException.class, e -> {
            assertThat(e.attempts()).extracting(ModelCallException.Attempt::endpoint, ModelCallException.Attempt::statusCode,
                    ModelCallException.Attempt::errorType).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("gpt", 503, "server_error"),
                    org.assertj.core.groups.Tuple.tuple("gpt", 503, "server_error"),
                    org.assertj.core.groups.Tuple.tuple("claude", 529, "overloaded_error"),
                    org.assertj.core.groups.Tuple.tuple("claude", 529, "overloaded_error"));
            assertThat(e.attempts()).allSatisfy(a -> assertThat(a.duration()).isPositive());
            assertThat(e.attempts().get(2).requestId()).isEqualTo("req_011CSHoEeqs5C35K2UUqR7Fy");
            assertThat(e.reason()).isEqualTo(Reason.SERVER_ERROR);
        });
        assertThat(records()).hasSize(4).allSatisfy(r -> assertThat(r.costUsd()).isZero());
    }

    @Test
    void insufficientQuotaIsNeverRetriedAndSkipsTheSameProvider() {
        wm.stubFor(openAiCall(GPT).willReturn(openAiInsufficientQuota()));
        wm.stubFor(openAiCall("gpt-4.1-mini").willReturn(openAiOk("gpt-4.1-mini", "same key", 1, 0, 1)));
        wm.stubFor(anthropicCall(CLAUDE).willReturn(anthropicOk(CLAUDE, "other provider", 10, 0, 0, 5)));
        ModelRouter router = router(openAi(wm, "gpt", ModelTier.ECONOMY, GPT),
                openAi(wm, "gpt-41", ModelTier.ECONOMY, "gpt-4.1-mini"),
                anthropic(wm, "claude", ModelTier.ECONOMY, CLAUDE)).build();

        assertThat(router.chat(HELLO).aiMessage().text()).isEqualTo("other provider");

        wm.verify(1, openAiCalls(GPT));
        wm.verify(0, openAiCalls("gpt-4.1-mini"));
        assertThat(sleeper.waits).isEmpty();
        assertThat(records().get(0).errorType()).isEqualTo("insufficient_quota");
    }

    @Test
    void openCircuitSkipsTheEndpointWithoutCallingIt() {
        wm.stubFor(openAiCall(GPT).willReturn(openAiServerError(502)));
        wm.stubFor(anthropicCall(CLAUDE).willReturn(anthropicOk(CLAUDE, "ok", 10, 0, 0, 5)));
        ModelRouter router = router(openAi(wm, "gpt", ModelTier.ECONOMY, GPT),
                anthropic(wm, "claude", ModelTier.ECONOMY, CLAUDE)).maxAttemptsPerEndpoint(1)
                .circuitBreakerConfig(CircuitBreakerConfig.custom().slidingWindowSize(2).minimumNumberOfCalls(2)
                        .failureRateThreshold(50).waitDurationInOpenState(Duration.ofHours(1)).build())
                .build();

        router.chat(HELLO);
        router.chat(HELLO);
        wm.verify(2, openAiCalls(GPT));
        router.chat(HELLO);

        wm.verify(2, openAiCalls(GPT));
        wm.verify(3, anthropicCalls(CLAUDE));
    }

    @Test
    void badRequestIsNotRetriedNorFailedOver() {
        wm.stubFor(openAiCall(GPT).willReturn(ProviderStubs.openAiError(400, "invalid_request_error", null,
                "Invalid value for 'temperature': must be between 0 and 2.")));
        ModelRouter router = router(openAi(wm, "gpt", ModelTier.ECONOMY, GPT),
                anthropic(wm, "claude", ModelTier.ECONOMY, CLAUDE)).build();

        assertThatThrownBy(() -> router.chat(HELLO)).isInstanceOfSatisfying(ModelCallException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_REQUEST));
        wm.verify(1, openAiCalls(GPT));
        wm.verify(0, anthropicCalls(CLAUDE));
    }
}
