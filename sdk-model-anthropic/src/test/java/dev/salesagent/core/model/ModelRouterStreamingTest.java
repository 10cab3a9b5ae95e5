package dev.salesagent.core.model;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.salesagent.core.context.AiContext;
import dev.salesagent.core.cost.Budget;
import dev.salesagent.core.cost.BudgetExceededException;
import dev.salesagent.core.cost.CostScope;
import dev.salesagent.core.cost.CostTracker;
import dev.salesagent.core.cost.UsageRecord;
import dev.salesagent.core.cost.UsageStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.salesagent.core.model.ProviderStubs.anthropic;
import static dev.salesagent.core.model.ProviderStubs.anthropicCall;
import static dev.salesagent.core.model.ProviderStubs.anthropicCalls;
import static dev.salesagent.core.model.ProviderStubs.openAi;
import static dev.salesagent.core.model.ProviderStubs.openAiCall;
import static dev.salesagent.core.model.ProviderStubs.openAiCalls;
import static dev.salesagent.core.model.ProviderStubs.openAiServerError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ModelRouter#streaming()} with the real LangChain4j {@code OpenAiStreamingChatModel} and
 * {@code AnthropicStreamingChatModel} against WireMock serving the documented server-sent events:
 * https://platform.openai.com/docs/api-reference/chat-streaming (chunks, a final usage chunk with
 * {@code stream_options.include_usage}, {@code [DONE]}) and https://docs.anthropic.com/en/docs/build-with-claude/streaming
 * ({@code message_start} ... {@code message_stop}, mid-stream {@code error} events).
 */
class ModelRouterStreamingTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String GPT = "gpt-4o-mini";
    private static final String CLAUDE = "claude-haiku-4-5";
    private static final ChatRequest PROMPT = ChatRequest.builder()
            .messages(UserMessage.from("Score the lead ACME Corp")).build();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CostTracker tracker = CostTracker.builder().meterRegistry(registry).build();

    private List<UsageRecord> records(CostTracker t) {
        return t.store().find(UsageStore.Query.all());
    }

    // ---- documented SSE bodies ----

    private static String openAiChunk(String delta, String finish) {
        return "data: {\"id\":\"chatcmpl-9\",\"object\":\"chat.completion.chunk\",\"created\":1731000000,"
                + "\"model\":\"gpt-4o-mini-2024-07-18\",\"system_fingerprint\":\"fp_1\",\"choices\":[{\"index\":0,"
                + "\"delta\":" + delta + ",\"logprobs\":null,\"finish_reason\":" + finish + "}]}\n\n";
    }

    private static ResponseDefinitionBuilder openAiStream(long prompt, long cached, long completion, String... tokens) {
        StringBuilder b = new StringBuilder(openAiChunk("{\"role\":\"assistant\",\"content\":\"\"}", "null"));
        for (String t : tokens) {
            b.append(openAiChunk("{\"content\":\"" + t + "\"}", "null"));
        }
        b.append(openAiChunk("{}", "\"stop\""));
        b.append("data: {\"id\":\"chatcmpl-9\",\"object\":\"chat.completion.chunk\",\"created\":1731000000,"
                + "\"model\":\"gpt-4o-mini-2024-07-18\",\"system_fingerprint\":\"fp_1\",\"choices\":[],"
                + "\"usage\":{\"prompt_tokens\":" + prompt + ",\"completion_tokens\":" + completion
                + ",\"total_tokens\":" + (prompt + completion) + ",\"prompt_tokens_details\":{\"cached_tokens\":"
                + cached + "},\"completion_tokens_details\":{\"reasoning_tokens\":0}}}\n\n");
        b.append("data: [DONE]\n\n");
        return sse(b.toString());
    }

    private static String anthropicEvent(String type, String data) {
        return "event: " + type + "\ndata: " + data + "\n\n";
    }

    private static String anthropicStart(long input, long cacheRead, long cacheWrite) {
        return anthropicEvent("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_01\","
                + "\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"claude-haiku-4-5-20251001\","
                + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":" + input
                + ",\"cache_creation_input_tokens\":" + cacheWrite + ",\"cache_read_input_tokens\":" + cacheRead
                + ",\"output_tokens\":1}}}")
                + anthropicEvent("content_block_start",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")
                + anthropicEvent("ping", "{\"type\": \"ping\"}");
    }

    private static String anthropicDelta(String text) {
        return anthropicEvent("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"text_delta\",\"text\":\"" + text + "\"}}");
    }

    private static ResponseDefinitionBuilder anthropicStream(long input, long cacheRead, long cacheWrite, long output,
                                                             String... tokens) {
        StringBuilder b = new StringBuilder(anthropicStart(input, cacheRead, cacheWrite));
        for (String t : tokens) {
            b.append(anthropicDelta(t));
        }
        b.append(anthropicEvent("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
        b.append(anthropicEvent("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
                + "\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + output + "}}"));
        b.append(anthropicEvent("message_stop", "{\"type\":\"message_stop\"}"));
        return sse(b.toString());
    }

    private static ResponseDefinitionBuilder sse(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body);
    }

    /** Collects what the router hands the caller. */
    private static final class Collector implements StreamingChatResponseHandler {
        final List<String> tokens = new CopyOnWriteArrayList<>();
        final CompletableFuture<ChatResponse> done = new CompletableFuture<>();

        @Override
        public void onPartialResponse(String partial) {
            tokens.add(partial);
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            done.complete(response);
        }

        @Override
        public void onError(Throwable error) {
            done.completeExceptionally(error);
        }

        ChatResponse response() throws Exception {
            return done.get(10, TimeUnit.SECONDS);
        }

        Throwable error() throws Exception {
            try {
                done.get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                return e.getCause();
            }
            throw new AssertionError("expected onError but the stream completed");
        }
    }

    @Test
    void openAiTokensArriveInOrderAndTheUsageChunkIsPricedLikeABlockingCall() throws Exception {
        wm.stubFor(openAiCall(GPT).willReturn(openAiStream(2006, 1920, 300, "ACME ", "scores ", "87")));
        ModelRouter router = ModelRouter.builder().endpoint(openAi(wm, "gpt", ModelTier.ECONOMY, GPT))
                .costTracker(tracker).build();
        Collector c = new Collector();

        AiContext.builder().tenant("acme").feature("lead_scoring").runId("run-s").build()
                .run(() -> router.streaming().chat(PROMPT, c));

        ChatResponse response = c.response();
        assertThat(c.tokens).containsExactly("ACME ", "scores ", "87");
        assertThat(response.aiMessage().text()).isEqualTo("ACME scores 87");
        wm.verify(1, openAiCalls(GPT).withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.stream_options.include_usage", equalTo("true"))));
        UsageRecord r = records(tracker).get(0);
        assertThat(r).extracting(UsageRecord::inputTokens, UsageRecord::cachedInputTokens, UsageRecord::outputTokens)
                .containsExactly(86L, 1920L, 300L);
        // gpt-4o-mini: 86 * 0.15 + 1920 * 0.075 + 300 * 0.60 = 336.9 USD per 1M tokens
        assertThat(r.costUsd()).isEqualByComparingTo("0.0003369");
        assertThat(r).extracting(UsageRecord::tenant, UsageRecord::feature, UsageRecord::runId, UsageRecord::outcome,
                UsageRecord::costSource).containsExactly("acme", "lead_scoring", "run-s", UsageRecord.Outcome.SUCCESS,
                UsageRecord.CostSource.PROVIDER);
        assertThat(registry.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "output")
                .tag("gen_ai.request.model", GPT).summary().totalAmount()).isEqualTo(300);
        assertThat(tracker.store().find(UsageStore.Query.all())).hasSize(1);
    }

    @Test
    void anthropicStreamIsPricedWithCacheReadsAndWritesAndSettlesTheRunScope() throws Exception {
        wm.stubFor(anthropicCall(CLAUDE).willReturn(anthropicStream(2095, 1800, 248, 503, "Score", ": ", "61")));
        ModelRouter router = ModelRouter.builder().endpoint(anthropic(wm, "claude", ModelTier.ECONOMY, CLAUDE))
                .costTracker(tracker).build();
        CostScope run = CostScope.withLimit("run:s", new BigDecimal("1.00"));
        Collector c = new Collector();

        AiContext.builder().tenant("acme").costScope(run).build().run(() -> router.streaming().chat(PROMPT, c));

        assertThat(c.response().aiMessage().text()).isEqualTo("Score: 61");
        assertThat(c.tokens).containsExactly("Score", ": ", "61");
        wm.verify(1, anthropicCalls(CLAUDE).withRequestBody(matchingJsonPath("$.stream", equalTo("true"))));
        UsageRecord r = records(tracker).get(0);
        assertThat(r).extracting(UsageRecord::inputTokens, UsageRecord::cachedInputTokens,
                UsageRecord::cacheWriteTokens, UsageRecord::outputTokens).containsExactly(2095L, 1800L, 248L, 503L);
        // claude-haiku-4-5: 2095 * 1 + 1800 * 0.10 + 248 * 1.25 + 503 * 5 = 5100 USD per 1M tokens
        assertThat(r.costUsd()).isEqualByComparingTo("0.0051");
        assertThat(run.spentUsd()).isEqualByComparingTo("0.0051");
        assertThat(run.reservedUsd()).isEqualByComparingTo("0");
    }

    @Test
    void primary503BeforeAnyTokenIsRetriedThenFallsBackToTheNextEndpoint() throws Exception {
        wm.stubFor(openAiCall(GPT).willReturn(openAiServerError(503)));
        wm.stubFor(anthropicCall(CLAUDE).willReturn(anthropicStream(40, 0, 0, 6, "Hot ", "lead")));
        RecordingSleeper sleeper = new RecordingSleeper();
        ModelRouter router = ModelRouter.builder().endpoint(openAi(wm, "gpt", ModelTier.ECONOMY, GPT))
                .endpoint(anthropic(wm, "claude", ModelTier.ECONOMY, CLAUDE)).costTracker(tracker)
                .sleeper(sleeper).maxAttemptsPerEndpoint(2).build();
        Collector c = new Collector();

        router.streaming().chat(PROMPT, c);

        assertThat(c.response().aiMessage().text()).isEqualTo("Hot lead");
        assertThat(c.tokens).containsExactly("Hot ", "lead");
        wm.verify(2, openAiCalls(GPT));
        wm.verify(1, anthropicCalls(CLAUDE));
        assertThat(sleeper.waits).hasSize(1);
        assertThat(records(tracker)).extracting(UsageRecord::endpoint, UsageRecord::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("gpt", UsageRecord.Outcome.FAILURE),
                org.assertj.core.groups.Tuple.tuple("gpt", UsageRecord.Outcome.FAILURE),
                org.assertj.core.groups.Tuple.tuple("claude", UsageRecord.Outcome.SUCCESS));
        assertThat(registry.get("salesagent.ai.router.fallbacks").counter().count()).isEqualTo(1);
    }

    @Test
    void aBudgetThatCannotHoldTheCallSendsZeroRequestsAndReportsThroughOnError() throws Exception {
        wm.stubFor(openAiCall(GPT).willReturn(openAiStream(10, 0, 5, "x")));
        CostTracker limited = CostTracker.builder()
                .budget(Budget.forTenant("acme").daily().hardLimitUsd(new BigDecimal("0.0001")).build()).build();
        ModelRouter router = ModelRouter.builder().endpoint(openAi(wm, "gpt", ModelTier.ECONOMY, GPT))
                .costTracker(limited).build();
        Collector c = new Collector();

        // worst case: ~20 prompt tokens * 0.15 + 500 output-cap tokens * 0.60 per 1M = ~0.0003 USD > 0.0001
        AiContext.builder().tenant("acme").build().run(() -> router.streaming().chat(PROMPT, c));

        assertThat(c.error()).isInstanceOfSatisfying(BudgetExceededException.class,
                e -> assertThat(e.budget()).isEqualTo("tenant:acme/daily"));
        assertThat(c.tokens).isEmpty();
        wm.verify(0, anyRequestedFor(anyUrl()));
        assertThat(records(limited)).isEmpty();
    }

    @Test
    void anErrorAfterTheFirstTokenSurfacesWithoutFallbackAndBillsTheStreamedTokens() throws Exception {
        wm.stubFor(anthropicCall(CLAUDE).willReturn(sse(anthropicStart(40, 0, 0) + anthropicDelta("Partial ")
                + anthropicDelta("answer") + anthropicEvent("error",
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"))));
        wm.stubFor(openAiCall(GPT).willReturn(openAiStream(10, 0, 5, "never")));
        ModelRouter router = ModelRouter.builder().endpoint(anthropic(wm, "claude", ModelTier.ECONOMY, CLAUDE))
                .endpoint(openAi(wm, "gpt", ModelTier.ECONOMY, GPT)).costTracker(tracker).build();
        Collector c = new Collector();

        router.streaming().chat(PROMPT, c);

        assertThat(c.error()).isInstanceOf(ModelCallException.class)
                .hasMessageContaining("after partial output");
        assertThat(c.tokens).containsExactly("Partial ", "answer");
        wm.verify(1, anthropicCalls(CLAUDE));
        wm.verify(0, openAiCalls(GPT));
        UsageRecord r = records(tracker).get(0);
        assertThat(r.outcome()).isEqualTo(UsageRecord.Outcome.FAILURE);
        assertThat(r.costSource()).isEqualTo(UsageRecord.CostSource.ESTIMATED);
        assertThat(r.outputTokens()).isPositive();
        assertThat(r.costUsd()).isPositive();
        assertThat(records(tracker)).hasSize(1);
    }

    @Test
    void endpointsWithoutAStreamingModelAreSkippedAndAChainOfOnlySuchEndpointsFailsThroughOnError() throws Exception {
        wm.stubFor(openAiCall(GPT).willReturn(openAiStream(12, 0, 2, "Yes")));
        StubChatModel blockingOnly = new StubChatModel("blocking");
        ModelEndpoint plain = ModelEndpoint.of("plain", "openai", GPT, ModelTier.ECONOMY, 128_000, blockingOnly);
        ModelRouter router = ModelRouter.builder().endpoint(plain).endpoint(openAi(wm, "gpt", ModelTier.ECONOMY, GPT))
                .costTracker(tracker).build();
        Collector c = new Collector();

        router.streaming().chat(PROMPT, c);

        assertThat(c.response().aiMessage().text()).isEqualTo("Yes");
        assertThat(records(tracker)).extracting(UsageRecord::endpoint).containsExactly("gpt");

        ModelRouter onlyBlocking = ModelRouter.builder().endpoint(plain).costTracker(tracker).build();
        Collector none = new Collector();
        onlyBlocking.streaming().chat(PROMPT, none);
        assertThat(none.error()).isInstanceOfSatisfying(ModelCallException.class,
                e -> assertThat(e.getMessage()).contains("streaming_unsupported"));
        wm.verify(1, anyRequestedFor(anyUrl()));
    }
}
