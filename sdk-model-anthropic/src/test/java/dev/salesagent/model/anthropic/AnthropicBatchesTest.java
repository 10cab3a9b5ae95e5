package dev.salesagent.model.anthropic;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.output.FinishReason;
import dev.salesagent.core.context.AiContext;
import dev.salesagent.core.cost.CostTracker;
import dev.salesagent.core.cost.UsageRecord;
import dev.salesagent.core.cost.UsageStore;
import dev.salesagent.core.model.batch.BatchException;
import dev.salesagent.core.model.batch.BatchRequest;
import dev.salesagent.core.model.batch.BatchResult;
import dev.salesagent.core.model.batch.BatchStatus;
import dev.salesagent.core.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link AnthropicBatches} against WireMock serving the Message Batches API's documented shapes
 * (https://docs.anthropic.com/en/api/creating-message-batches, retrieving-message-batches, canceling-message-batches,
 * retrieving-message-batch-results).
 */
class AnthropicBatchesTest {

    private static final String ID = "msgbatch_013Zva2CMHLNnXjNJJKqJ2EF";

    private WireMockServer wm;
    private MutableClock clock;
    private final List<Duration> sleeps = new ArrayList<>();
    private CostTracker tracker;

    @BeforeEach
    void start() {
        wm = new WireMockServer(wireMockConfig().dynamicPort());
        wm.start();
        clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
        tracker = CostTracker.inMemory();
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    private AnthropicBatches batches() {
        return AnthropicBatches.builder().model("claude-sonnet-4-5").apiKey("sk-ant-test").baseUrl(wm.baseUrl() + "/v1/")
                .maxOutputTokens(1000).costTracker(tracker).clock(clock).pollInterval(Duration.ofSeconds(30))
                .maxWait(Duration.ofMinutes(10)).sleeper(d -> {
                    sleeps.add(d);
                    clock.advance(d);
                }).build();
    }

    private String batch(String status, int processing, int succeeded, int errored, int expired, boolean ended) {
        return """
                {"id": "%s", "type": "message_batch", "processing_status": "%s",
                 "request_counts": {"processing": %d, "succeeded": %d, "errored": %d, "canceled": 0, "expired": %d},
                 "ended_at": %s, "created_at": "2026-12-02T10:00:00Z", "expires_at": "2026-12-03T10:00:00Z",
                 "archived_at": null, "cancel_initiated_at": null,
                 "results_url": %s}
                """.formatted(ID, status, processing, succeeded, errored, expired,
                ended ? "\"2026-12-02T10:30:00Z\"" : "null",
                ended ? "\"" + wm.baseUrl() + "/v1/messages/batches/" + ID + "/results\"" : "null");
    }

    private static final String RESULTS = """
            {"custom_id": "call-1", "result": {"type": "succeeded", "message": {"id": "msg_014VwiXbi91y3JMjcpyGBHX5", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5-20250929", "content": [{"type": "text", "text": "{\\"sentiment\\": \\"positive\\"}"}], "stop_reason": "end_turn", "stop_sequence": null, "usage": {"input_tokens": 1000, "cache_creation_input_tokens": 0, "cache_read_input_tokens": 200, "output_tokens": 500}}}}
            {"custom_id": "call-2", "result": {"type": "errored", "error": {"type": "error", "error": {"type": "invalid_request_error", "message": "max_tokens: 100000 > 64000, which is the maximum allowed"}}}}
            {"custom_id": "call-3", "result": {"type": "expired"}}
            """;

    private static List<BatchRequest> requests() {
        return List.of(
                BatchRequest.of("call-1", ChatRequest.builder().messages(SystemMessage.from("You analyse sales calls."),
                        UserMessage.from("Transcript one")).build()),
                BatchRequest.of("call-2", ChatRequest.builder().messages(UserMessage.from("Transcript two"))
                        .maxOutputTokens(100_000).temperature(0.2).build()),
                BatchRequest.of("call-3", ChatRequest.builder().messages(UserMessage.from("Transcript three")).build()));
    }

    @Test
    void runSubmitsPollsUntilEndedAndReturnsEveryResultWithUsageAtTheBatchPrice() {
        wm.stubFor(post(urlEqualTo("/v1/messages/batches")).willReturn(okJson(batch("in_progress", 3, 0, 0, 0, false))));
        wm.stubFor(get(urlEqualTo("/v1/messages/batches/" + ID)).inScenario("poll").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(batch("in_progress", 2, 1, 0, 0, false))).willSetStateTo("ended"));
        wm.stubFor(get(urlEqualTo("/v1/messages/batches/" + ID)).inScenario("poll").whenScenarioStateIs("ended")
                .willReturn(okJson(batch("ended", 0, 1, 1, 1, true))));
        wm.stubFor(get(urlEqualTo("/v1/messages/batches/" + ID + "/results"))
                .willReturn(aResponse().withHeader("Content-Type", "application/binary").withBody(RESULTS)));

        List<BatchResult> results = AiContext.builder().tenant("acme").feature("conversation_analysis").build()
                .call(() -> batches().run(requests()));

        wm.verify(postRequestedFor(urlEqualTo("/v1/messages/batches"))
                .withHeader("x-api-key", equalTo("sk-ant-test")).withHeader("anthropic-version", equalTo("2023-06-01"))
                .withRequestBody(equalToJson("""
                        {"requests": [
                          {"custom_id": "call-1", "params": {"model": "claude-sonnet-4-5", "max_tokens": 1000,
                            "system": "You analyse sales calls.",
                            "messages": [{"role": "user", "content": "Transcript one"}]}},
                          {"custom_id": "call-2", "params": {"model": "claude-sonnet-4-5", "max_tokens": 100000,
                            "messages": [{"role": "user", "content": "Transcript two"}], "temperature": 0.2}},
                          {"custom_id": "call-3", "params": {"model": "claude-sonnet-4-5", "max_tokens": 1000,
                            "messages": [{"role": "user", "content": "Transcript three"}]}}]}
                        """)));
        // polled once in progress, once ended (after one 30 s wait), then read again for results_url
        assertThat(sleeps).containsExactly(Duration.ofSeconds(30));
        assertThat(results).extracting(BatchResult::customId).containsExactly("call-1", "call-2", "call-3");
        assertThat(results).extracting(BatchResult::status).containsExactly(BatchResult.Status.SUCCEEDED,
                BatchResult.Status.ERRORED, BatchResult.Status.EXPIRED);
        assertThat(results.get(0).response().aiMessage().text()).isEqualTo("{\"sentiment\": \"positive\"}");
        assertThat(results.get(0).response().finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(results.get(1).errorType()).isEqualTo("invalid_request_error");
        assertThat(results.get(1).errorMessage()).contains("max_tokens");

        List<UsageRecord> usage = tracker.store().find(UsageStore.Query.all());
        assertThat(usage).hasSize(3).allSatisfy(r -> {
            assertThat(r.pricing()).isEqualTo(UsageRecord.Pricing.BATCH);
            assertThat(r.tenant()).isEqualTo("acme");
            assertThat(r.feature()).isEqualTo("conversation_analysis");
        });
        UsageRecord ok = usage.stream().filter(r -> r.outcome() == UsageRecord.Outcome.SUCCESS).findFirst().orElseThrow();
        // claude-sonnet-4-5 at half price: 1000 x 1.50 + 200 x 0.15 + 500 x 7.50 USD per 1M tokens
        assertThat(ok.costUsd()).isEqualByComparingTo(new BigDecimal("0.00528"));
        assertThat(ok.inputTokens()).isEqualTo(1000);
        assertThat(ok.cachedInputTokens()).isEqualTo(200);
        assertThat(ok.outputTokens()).isEqualTo(500);
        assertThat(ok.latency()).isEqualTo(Duration.ofMinutes(30));
        assertThat(usage).filteredOn(r -> r.outcome() == UsageRecord.Outcome.FAILURE)
                .extracting(UsageRecord::errorType).containsExactlyInAnyOrder("invalid_request_error", "expired");
        assertThat(tracker.spentUsd("acme", null, null, null)).isEqualByComparingTo("0.00528");
    }

    @Test
    void resultsAreBilledOncePerBatch() {
        wm.stubFor(get(urlEqualTo("/v1/messages/batches/" + ID)).willReturn(okJson(batch("ended", 0, 1, 1, 1, true))));
        wm.stubFor(get(urlEqualTo("/v1/messages/batches/" + ID + "/results")).willReturn(aResponse().withBody(RESULTS)));
        AnthropicBatches b = batches();

        assertThat(b.results(ID)).hasSize(3);
        assertThat(b.results(ID)).hasSize(3);

        assertThat(tracker.store().find(UsageStore.Query.all())).hasSize(3);
    }

    @Test
    void aRequestWithoutResultIsReportedAsMissingNotDropped() {
        wm.stubFor(post(urlEqualTo("/v1/messages/batches")).willReturn(okJson(batch("ended", 0, 1, 1, 1, true))));
        wm.stubFor(get(urlEqualTo("/v1/messages/batches/" + ID)).willReturn(okJson(batch("ended", 0, 1, 1, 1, true))));
        wm.stubFor(get(urlEqualTo("/v1/messages/batches/" + ID + "/results")).willReturn(aResponse().withBody(RESULTS)));
        List<BatchRequest> four = new ArrayList<>(requests());
        four.add(BatchRequest.of("call-4", ChatRequest.builder().messages(UserMessage.from("four")).build()));

        List<BatchResult> results = batches().run(four);

        assertThat(results).hasSize(4);
        assertThat(results.get(3).status()).isEqualTo(BatchResult.Status.ERRORED);
        assertThat(results.get(3).errorType()).isEqualTo("missing_result");
    }

    @Test
    void rateLimitsAndOverloadAreRetriedHonouringRetryAfter() {
        wm.stubFor(post(urlEqualTo("/v1/messages/batches")).inScenario("create").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(529).withHeader("request-id", "req_1")
                        .withBody("{\"type\": \"error\", \"error\": {\"type\": \"overloaded_error\", \"message\": \"Overloaded\"}}"))
                .willSetStateTo("overloaded once"));
        wm.stubFor(post(urlEqualTo("/v1/messages/batches")).inScenario("create").whenScenarioStateIs("overloaded once")
                .willReturn(okJson(batch("in_progress", 3, 0, 0, 0, false))));
        wm.stubFor(get(urlEqualTo("/v1/messages/batches/" + ID)).inScenario("status").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("retry-after", "7")
                        .withBody("{\"type\": \"error\", \"error\": {\"type\": \"rate_limit_error\", \"message\": \"Rate limited\"}}"))
                .willSetStateTo("limited once"));
        wm.stubFor(get(urlEqualTo("/v1/messages/batches/" + ID)).inScenario("status").whenScenarioStateIs("limited once")
                .willReturn(aResponse().withStatus(500).withBody("{\"type\": \"error\", \"error\": {\"type\": \"api_error\", \"message\": \"Internal\"}}"))
                .willSetStateTo("failed twice"));
        wm.stubFor(get(urlEqualTo("/v1/messages/batches/" + ID)).inScenario("status").whenScenarioStateIs("failed twice")
                .willReturn(okJson(batch("in_progress", 3, 0, 0, 0, false))));
        AnthropicBatches b = batches();

        BatchStatus created = b.submit(requests());
        BatchStatus polled = b.status(ID);

        assertThat(created.id()).isEqualTo(ID);
        assertThat(polled.state()).isEqualTo(BatchStatus.State.IN_PROGRESS);
        assertThat(polled.total()).isEqualTo(3);
        wm.verify(2, postRequestedFor(urlEqualTo("/v1/messages/batches")));
        wm.verify(3, getRequestedFor(urlEqualTo("/v1/messages/batches/" + ID)));
        assertThat(sleeps).hasSize(3);
        assertThat(sleeps.get(0)).isBetween(Duration.ofMillis(800), Duration.ofMillis(1200)); // 1 s +-20%
        assertThat(sleeps.get(1)).isEqualTo(Duration.ofSeconds(7)); // retry-after
        assertThat(sleeps.get(2)).isBetween(Duration.ofMillis(1600), Duration.ofMillis(2400)); // 2 s +-20%
    }

    @Test
    void aServerErrorOnCreateIsNotRetriedBecauseTheBatchMayExist() {
        wm.stubFor(post(urlEqualTo("/v1/messages/batches")).willReturn(aResponse().withStatus(500)
                .withHeader("request-id", "req_500")
                .withBody("{\"type\": \"error\", \"error\": {\"type\": \"api_error\", \"message\": \"Internal server error\"}}")));

        assertThatThrownBy(() -> batches().submit(requests())).isInstanceOfSatisfying(BatchException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(500);
            assertThat(e.getMessage()).contains("create batch failed", "HTTP 500", "req_500", "api_error");
        });
        wm.verify(1, postRequestedFor(urlEqualTo("/v1/messages/batches")));
    }

    @Test
    void anInvalidRequestFailsAtOnceWithTheVendorError() {
        wm.stubFor(get(urlEqualTo("/v1/messages/batches/msgbatch_unknown")).willReturn(aResponse().withStatus(404)
                .withBody("{\"type\": \"error\", \"error\": {\"type\": \"not_found_error\", \"message\": \"Not found\"}}")));

        assertThatThrownBy(() -> batches().status("msgbatch_unknown")).isInstanceOfSatisfying(BatchException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(404);
            assertThat(e.batchId()).isEqualTo("msgbatch_unknown");
            assertThat(e.getMessage()).contains("not_found_error");
        });
        assertThat(sleeps).isEmpty();
    }

    @Test
    void cancelReportsCanceling() {
        wm.stubFor(post(urlEqualTo("/v1/messages/batches/" + ID + "/cancel"))
                .willReturn(okJson(batch("canceling", 3, 0, 0, 0, false))));

        BatchStatus s = batches().cancel(ID);

        assertThat(s.state()).isEqualTo(BatchStatus.State.CANCELING);
        assertThat(s.vendorState()).isEqualTo("canceling");
        wm.verify(postRequestedFor(urlEqualTo("/v1/messages/batches/" + ID + "/cancel"))
                .withHeader("x-api-key", equalTo("sk-ant-test")));
    }

    @Test
    void aBatchThatDoesNotEndInTimeIsCancelledAndReported() {
        wm.stubFor(post(urlEqualTo("/v1/messages/batches")).willReturn(okJson(batch("in_progress", 3, 0, 0, 0, false))));
        wm.stubFor(get(urlEqualTo("/v1/messages/batches/" + ID)).willReturn(okJson(batch("in_progress", 3, 0, 0, 0, false))));
        wm.stubFor(post(urlEqualTo("/v1/messages/batches/" + ID + "/cancel"))
                .willReturn(okJson(batch("canceling", 3, 0, 0, 0, false))));

        assertThatThrownBy(() -> batches().run(requests())).isInstanceOfSatisfying(BatchException.class, e -> {
            assertThat(e.batchId()).isEqualTo(ID);
            assertThat(e.getMessage()).contains("did not end within PT10M", "cancel requested");
        });
        assertThat(sleeps).hasSize(20).containsOnly(Duration.ofSeconds(30));
        wm.verify(1, postRequestedFor(urlEqualTo("/v1/messages/batches/" + ID + "/cancel")));
    }

    @Test
    void requestsOutsideTheMappingAreRefusedBeforeAnythingIsSent() {
        AnthropicBatches b = batches();
        ChatRequest image = ChatRequest.builder().messages(UserMessage.from(
                ImageContent.from(Image.builder().url("https://example.com/a.png").build()))).build();

        assertThatThrownBy(() -> b.submit(List.of(BatchRequest.of("img", image))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only text");
        ChatRequest one = ChatRequest.builder().messages(UserMessage.from("x")).build();
        assertThatThrownBy(() -> b.submit(List.of(BatchRequest.of("a", one), BatchRequest.of("a", one))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a' appears more than once");
        assertThatThrownBy(() -> b.submit(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 100000");
        assertThatThrownBy(() -> BatchRequest.of("has space", one))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'has space'");
        assertThat(wm.getAllServeEvents()).isEmpty();
    }
}
