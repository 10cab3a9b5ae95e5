package dev.salesagent.core.model;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.TokenStream;
import dev.salesagent.core.cost.CostTracker;
import dev.salesagent.core.cost.UsageStore;
import dev.salesagent.model.anthropic.AnthropicEndpoints;
import dev.salesagent.model.openai.OpenAiEndpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.salesagent.core.model.ProviderStubs.anthropicCall;
import static dev.salesagent.core.model.ProviderStubs.anthropicCalls;
import static dev.salesagent.core.model.ProviderStubs.anthropicOk;
import static dev.salesagent.core.model.ProviderStubs.openAiCall;
import static dev.salesagent.core.model.ProviderStubs.openAiCalls;
import static dev.salesagent.core.model.ProviderStubs.openAiOk;
import static dev.salesagent.core.model.ProviderStubs.openAiServerError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The router under LangChain4j's {@code AiServices}, with the real OpenAI and Anthropic clients against WireMock:
 * native JSON-schema structured output, listeners, non-blocking {@code TokenStream}, caller errors.
 */
class ModelRouterAiServicesTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String GPT = "gpt-4o-mini";
    private static final String CLAUDE = "claude-haiku-4-5";
    private static final String SCORE_JSON = "{\\\"company\\\":\\\"ACME Corp\\\",\\\"score\\\":87}";

    record LeadScore(String company, int score) {
    }

    interface LeadScorer {
        LeadScore score(String lead);
    }

    interface Assistant {
        TokenStream chat(String message);
    }

    private static ModelEndpoint openAi(String name, Set<Capability> capabilities) {
        return OpenAiEndpoints.builder(name, ModelTier.ECONOMY).model(GPT).apiKey("sk-test")
                .baseUrl(wm.baseUrl() + "/v1").maxOutputTokens(500).timeout(Duration.ofSeconds(30))
                .supportedCapabilities(capabilities).build();
    }

    private static ModelEndpoint anthropic(String name, Set<Capability> capabilities) {
        return AnthropicEndpoints.builder(name, ModelTier.ECONOMY).model(CLAUDE).apiKey("sk-ant-test")
                .baseUrl(wm.baseUrl() + "/v1/").maxOutputTokens(500).timeout(Duration.ofSeconds(30))
                .supportedCapabilities(capabilities).build();
    }

    @Test
    void aRecordReturnTypeSendsOpenAiJsonSchemaAndSkipsTheEndpointWithoutIt() {
        wm.stubFor(openAiCall(GPT).willReturn(openAiOk(GPT, SCORE_JSON, 120, 0, 12)));
        ModelRouter router = ModelRouter.builder()
                .endpoint(anthropic("claude", Set.of())) // first in the tier, but no JSON-schema support
                .endpoint(openAi("gpt", Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA)))
                .build();
        assertThat(router.supportedCapabilities()).containsExactly(Capability.RESPONSE_FORMAT_JSON_SCHEMA);

        LeadScore score = AiServices.builder(LeadScorer.class).chatModel(router).build().score("ACME Corp, 500 seats");

        assertThat(score).isEqualTo(new LeadScore("ACME Corp", 87));
        wm.verify(1, openAiCalls(GPT)
                .withRequestBody(matchingJsonPath("$.response_format.type", equalTo("json_schema")))
                .withRequestBody(matchingJsonPath("$.response_format.json_schema.schema.properties.score.type",
                        equalTo("integer")))
                .withRequestBody(matchingJsonPath("$.response_format.json_schema.schema.properties.company.type",
                        equalTo("string"))));
        wm.verify(0, anthropicCalls(CLAUDE));
    }

    @Test
    void aRecordReturnTypeSendsAnthropicOutputConfigJsonSchema() {
        wm.stubFor(anthropicCall(CLAUDE).willReturn(anthropicOk(CLAUDE, SCORE_JSON, 120, 0, 0, 12)));
        ModelRouter router = ModelRouter.builder()
                .endpoint(openAi("gpt", Set.of())) // an OpenAI-compatible server without structured outputs
                .endpoint(anthropic("claude", Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA)))
                .build();

        LeadScore score = AiServices.builder(LeadScorer.class).chatModel(router).build().score("ACME Corp, 500 seats");

        assertThat(score).isEqualTo(new LeadScore("ACME Corp", 87));
        // langchain4j-anthropic 1.19 sends Anthropic structured outputs: output_config.format {type, schema}
        wm.verify(1, anthropicCalls(CLAUDE)
                .withRequestBody(matchingJsonPath("$.output_config.format.type", equalTo("json_schema")))
                .withRequestBody(matchingJsonPath("$.output_config.format.schema.properties.score.type",
                        equalTo("integer"))));
        wm.verify(0, openAiCalls(GPT));
    }

    @Test
    void aJsonSchemaRequestNoEndpointSupportsFailsWithATypedErrorAndSendsNothing() {
        ModelRouter router = ModelRouter.builder().endpoint(openAi("gpt", Set.of()))
                .endpoint(anthropic("claude", Set.of())).build();
        assertThat(router.supportedCapabilities()).isEmpty();
        ChatRequest request = ChatRequest.builder().messages(UserMessage.from("score ACME"))
                .responseFormat(dev.langchain4j.model.chat.request.ResponseFormat.builder()
                        .type(dev.langchain4j.model.chat.request.ResponseFormatType.JSON)
                        .jsonSchema(dev.langchain4j.model.chat.request.json.JsonSchema.builder().name("LeadScore")
                                .rootElement(dev.langchain4j.model.chat.request.json.JsonObjectSchema.builder()
                                        .addIntegerProperty("score").build()).build())
                        .build())
                .build();

        assertThatThrownBy(() -> router.chat(request)).isInstanceOfSatisfying(ModelCallException.class, e -> {
            assertThat(e.reason()).isEqualTo(ModelCallException.Reason.UNSUPPORTED_CAPABILITY);
            assertThat(e).hasMessageContaining("RESPONSE_FORMAT_JSON_SCHEMA");
            // what a single LangChain4j model raises, so schema-in-prompt fallbacks keep working over the router
            assertThat(e).hasCauseInstanceOf(UnsupportedFeatureException.class);
        });
        wm.verify(0, anyRequestedFor(anyUrl()));
    }

    /** Records listener events; a second, failing listener must not disturb it or the call. */
    static final class RecordingListener implements ChatModelListener {
        final List<ChatModelRequestContext> requests = new CopyOnWriteArrayList<>();
        final List<ChatModelResponseContext> responses = new CopyOnWriteArrayList<>();
        final List<ChatModelErrorContext> errors = new CopyOnWriteArrayList<>();

        @Override
        public void onRequest(ChatModelRequestContext c) {
            c.attributes().put("seen-at-request", true);
            requests.add(c);
        }

        @Override
        public void onResponse(ChatModelResponseContext c) {
            responses.add(c);
        }

        @Override
        public void onError(ChatModelErrorContext c) {
            errors.add(c);
        }
    }

    @Test
    void listenersFireOncePerCallWithTheRoutedModelAndAFailingListenerIsIgnored() {
        wm.stubFor(openAiCall(GPT).willReturn(openAiServerError(503)));
        wm.stubFor(anthropicCall(CLAUDE).willReturn(anthropicOk(CLAUDE, SCORE_JSON, 120, 0, 0, 12)));
        RecordingListener recorder = new RecordingListener();
        ChatModelListener broken = new ChatModelListener() {
            @Override
            public void onRequest(ChatModelRequestContext c) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void onResponse(ChatModelResponseContext c) {
                throw new IllegalStateException("listener bug");
            }
        };
        ModelRouter router = ModelRouter.builder().sleeper(d -> { }).maxAttemptsPerEndpoint(1)
                .endpoint(openAi("gpt", Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA)))
                .endpoint(anthropic("claude", Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA)))
                .listeners(List.of(broken, recorder))
                .build();
        assertThat(router.provider()).isEqualTo(ModelProvider.OTHER); // two providers
        assertThat(router.listeners()).containsExactly(broken, recorder);

        LeadScore score = AiServices.builder(LeadScorer.class).chatModel(router).build().score("ACME Corp");

        assertThat(score.score()).isEqualTo(87);
        assertThat(recorder.requests).hasSize(1);
        assertThat(recorder.errors).isEmpty();
        assertThat(recorder.responses).singleElement().satisfies(c -> {
            assertThat(c.modelProvider()).isEqualTo(ModelProvider.ANTHROPIC);
            Map<Object, Object> a = c.attributes();
            assertThat(a).containsEntry("seen-at-request", true)
                    .containsEntry(ModelRouter.ATTRIBUTE_ENDPOINT, "claude")
                    .containsEntry(ModelRouter.ATTRIBUTE_MODEL, CLAUDE)
                    .containsEntry(ModelRouter.ATTRIBUTE_PROVIDER, "anthropic")
                    .containsEntry(ModelRouter.ATTRIBUTE_TIER, ModelTier.ECONOMY);
            @SuppressWarnings("unchecked")
            List<ModelCallException.Attempt> attempts = (List<ModelCallException.Attempt>)
                    a.get(ModelRouter.ATTRIBUTE_ATTEMPTS);
            assertThat(attempts).singleElement().satisfies(at -> {
                assertThat(at.endpoint()).isEqualTo("gpt");
                assertThat(at.statusCode()).isEqualTo(503);
            });
        });
        wm.verify(1, openAiCalls(GPT));
        wm.verify(1, anthropicCalls(CLAUDE));
    }

    @Test
    void tokenStreamStartReturnsBeforeTheFirstTokenArrives() throws Exception {
        String sse = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"" + GPT
                + "\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hel\"},"
                + "\"finish_reason\":null}]}\n\n"
                + "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"" + GPT
                + "\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"},\"finish_reason\":\"stop\"}]}\n\n"
                + "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"" + GPT
                + "\",\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":2,\"total_tokens\":11}}\n\n"
                + "data: [DONE]\n\n";
        // the provider answers only after a fixed delay: a blocking start() could not return before the first token
        wm.stubFor(openAiCall(GPT).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream").withBody(sse).withFixedDelay(3_000)));
        CostTracker tracker = CostTracker.inMemory();
        ModelRouter router = ModelRouter.builder().costTracker(tracker)
                .endpoint(openAi("gpt", Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA))).build();
        Assistant assistant = AiServices.builder(Assistant.class).streamingChatModel(router.streaming()).build();
        CountDownLatch firstToken = new CountDownLatch(1);
        List<String> tokenThreads = new CopyOnWriteArrayList<>();
        CompletableFuture<String> done = new CompletableFuture<>();

        assistant.chat("Say hello")
                .onPartialResponse(t -> {
                    tokenThreads.add(Thread.currentThread().getName());
                    firstToken.countDown();
                })
                .onCompleteResponse(r -> done.complete(r.aiMessage().text()))
                .onError(done::completeExceptionally)
                .start();

        assertThat(firstToken.getCount()).as("start() returned before the first token").isEqualTo(1);
        assertThat(done.get(60, TimeUnit.SECONDS)).isEqualTo("Hello");
        assertThat(firstToken.getCount()).isZero();
        assertThat(tokenThreads).isNotEmpty().allSatisfy(n -> assertThat(n).startsWith("model-router-stream-"));
        assertThat(tracker.store().find(UsageStore.Query.all())).singleElement()
                .satisfies(r -> assertThat(r.outputTokens()).isEqualTo(2));
        router.close();
    }

    @Test
    void twentyCallsWithAnUnsupportedParameterLeaveBothBreakersClosedAndNoUsageRecords() {
        CostTracker tracker = CostTracker.inMemory();
        ModelRouter router = ModelRouter.builder().costTracker(tracker).sleeper(d -> { })
                .endpoint(openAi("gpt", Set.of()))
                .endpoint(anthropic("claude", Set.of()))
                .build();
        ChatRequest withTopK = ChatRequest.builder().messages(UserMessage.from("score ACME")).topK(5).build();

        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> router.chat(withTopK)).isInstanceOf(UnsupportedFeatureException.class)
                    .hasMessageContaining("topK");
        }

        assertThat(router.endpointStatus()).hasSize(2).allSatisfy(s -> {
            assertThat(s.circuitState()).isEqualTo(EndpointStatus.CircuitState.CLOSED);
            assertThat(s.failedCalls()).isZero();
        });
        assertThat(tracker.store().find(UsageStore.Query.all())).isEmpty();
        wm.verify(0, anyRequestedFor(anyUrl()));
        // a valid call still goes through to the first endpoint
        wm.stubFor(openAiCall(GPT).willReturn(openAiOk(GPT, "ok", 10, 0, 1)));
        assertThat(router.chat("score ACME")).isEqualTo("ok");
    }

    @Test
    void cancellingAStreamSettlesItsReservationWithTheTokensStreamedSoFar() throws Exception {
        String chunk = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"" + GPT
                + "\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"},\"finish_reason\":null}]}\n\n";
        wm.stubFor(openAiCall(GPT).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream").withBody(chunk + chunk + chunk + "data: [DONE]\n\n")));
        ModelRouter router = ModelRouter.builder()
                .priceTable(dev.salesagent.core.cost.PriceTable.of(
                        dev.salesagent.core.cost.ModelPrice.of("openai", GPT, "0.15", "0.60")))
                .endpoint(openAi("gpt", Set.of())).build();
        dev.salesagent.core.cost.CostScope run = dev.salesagent.core.cost.CostScope.withLimit("run:c",
                new java.math.BigDecimal("1.00"));
        CompletableFuture<Void> cancelled = new CompletableFuture<>();
        dev.langchain4j.model.chat.response.StreamingChatResponseHandler handler =
                new dev.langchain4j.model.chat.response.StreamingChatResponseHandler() {
                    @Override
                    public void onPartialResponse(dev.langchain4j.model.chat.response.PartialResponse partial,
                                                  dev.langchain4j.model.chat.response.PartialResponseContext context) {
                        context.streamingHandle().cancel();
                        cancelled.complete(null);
                    }

                    @Override
                    public void onCompleteResponse(dev.langchain4j.model.chat.response.ChatResponse response) {
                    }

                    @Override
                    public void onError(Throwable error) {
                        cancelled.completeExceptionally(error);
                    }
                };

        dev.salesagent.core.context.AiContext.builder().tenant("acme").costScope(run).build()
                .run(() -> router.streaming().chat(ChatRequest.builder().messages(UserMessage.from("hi")).build(),
                        handler));
        cancelled.get(60, TimeUnit.SECONDS);

        assertThat(run.reservedUsd()).isZero();
        assertThat(run.records()).singleElement().satisfies(r -> {
            assertThat(r.errorType()).isEqualTo("cancelled");
            assertThat(r.outcome()).isEqualTo(dev.salesagent.core.cost.UsageRecord.Outcome.FAILURE);
            assertThat(r.outputTokens()).isPositive();
        });
        assertThat(router.endpointStatus().get(0).failedCalls()).isZero();
        router.close();
    }
}
