package dev.salesagent.model.openai;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
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

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
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
 * {@link OpenAiBatches} against WireMock serving the Batch and Files APIs' documented shapes
 * (https://platform.openai.com/docs/api-reference/batch, /files; openai-openapi {@code Batch}, {@code OpenAIFile},
 * {@code BatchRequestOutput}).
 */
class OpenAiBatchesTest {

    private static final String ID = "batch_abc123";

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

    private OpenAiBatches batches(String model) {
        return OpenAiBatches.builder().model(model).apiKey("sk-test").baseUrl(wm.baseUrl() + "/v1")
                .maxOutputTokens(800).costTracker(tracker).clock(clock).pollInterval(Duration.ofMinutes(1))
                .maxWait(Duration.ofHours(1)).sleeper(d -> {
                    sleeps.add(d);
                    clock.advance(d);
                }).build();
    }

    private static String batch(String status, int total, int completed, int failed, String output, String error) {
        boolean ended = status.equals("completed") || status.equals("expired") || status.equals("cancelled");
        return """
                {"id": "%s", "object": "batch", "endpoint": "/v1/chat/completions", "errors": null,
                 "input_file_id": "file-abc123", "completion_window": "24h", "status": "%s",
                 "output_file_id": %s, "error_file_id": %s, "created_at": 1764669600, "in_progress_at": 1764669612,
                 "expires_at": 1764756000, "finalizing_at": null, "completed_at": %s, "failed_at": null,
                 "expired_at": null, "cancelling_at": null, "cancelled_at": null,
                 "request_counts": {"total": %d, "completed": %d, "failed": %d}, "metadata": null}
                """.formatted(ID, status, output == null ? "null" : "\"" + output + "\"",
                error == null ? "null" : "\"" + error + "\"", ended ? "1764671400" : "null", total, completed, failed);
    }

    private static final String FILE = """
            {"id": "file-abc123", "object": "file", "bytes": 120000, "created_at": 1764669600,
             "filename": "batch.jsonl", "purpose": "batch"}
            """;

    private static final String OUTPUT = """
            {"id": "batch_req_123", "custom_id": "lead-1", "response": {"status_code": 200, "request_id": "req_123", "body": {"id": "chatcmpl-123", "object": "chat.completion", "created": 1764670000, "model": "gpt-4.1-mini-2025-04-14", "choices": [{"index": 0, "message": {"role": "assistant", "content": "{\\"score\\": 72}", "refusal": null}, "logprobs": null, "finish_reason": "stop"}], "usage": {"prompt_tokens": 2000, "completion_tokens": 300, "total_tokens": 2300, "prompt_tokens_details": {"cached_tokens": 1024}}, "system_fingerprint": "fp_123"}}, "error": null}
            """;

    private static final String ERRORS = """
            {"id": "batch_req_456", "custom_id": "lead-2", "response": {"status_code": 400, "request_id": "req_456", "body": {"error": {"message": "Invalid 'messages[0].content': string too long.", "type": "invalid_request_error", "param": "messages[0].content", "code": "string_above_max_length"}}}, "error": null}
            {"id": "batch_req_789", "custom_id": "lead-3", "response": null, "error": {"code": "batch_expired", "message": "This request could not be executed before the completion window expired."}}
            """;

    private static List<BatchRequest> requests() {
        return List.of(
                BatchRequest.of("lead-1", ChatRequest.builder().messages(SystemMessage.from("Score leads."),
                        UserMessage.from("Lead one")).responseFormat(ResponseFormat.JSON).build()),
                BatchRequest.of("lead-2", ChatRequest.builder().messages(UserMessage.from("Lead two")).build()),
                BatchRequest.of("lead-3", ChatRequest.builder().messages(UserMessage.from("Lead three"))
                        .maxOutputTokens(50).build()));
    }

    @Test
    void runUploadsTheJsonlCreatesTheBatchPollsAndReadsOutputAndErrorFiles() {
        wm.stubFor(post(urlEqualTo("/v1/files")).willReturn(okJson(FILE)));
        wm.stubFor(post(urlEqualTo("/v1/batches")).willReturn(okJson(batch("validating", 0, 0, 0, null, null))));
        wm.stubFor(get(urlEqualTo("/v1/batches/" + ID)).inScenario("poll").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(batch("in_progress", 3, 1, 0, null, null))).willSetStateTo("finalizing"));
        wm.stubFor(get(urlEqualTo("/v1/batches/" + ID)).inScenario("poll").whenScenarioStateIs("finalizing")
                .willReturn(okJson(batch("finalizing", 3, 1, 2, null, null))).willSetStateTo("completed"));
        wm.stubFor(get(urlEqualTo("/v1/batches/" + ID)).inScenario("poll").whenScenarioStateIs("completed")
                .willReturn(okJson(batch("completed", 3, 1, 2, "file-out", "file-err"))));
        wm.stubFor(get(urlEqualTo("/v1/files/file-out/content")).willReturn(aResponse().withBody(OUTPUT)));
        wm.stubFor(get(urlEqualTo("/v1/files/file-err/content")).willReturn(aResponse().withBody(ERRORS)));

        List<BatchResult> results = AiContext.builder().tenant("acme").feature("lead_scoring").build()
                .call(() -> batches("gpt-4.1-mini").run(requests()));

        wm.verify(postRequestedFor(urlEqualTo("/v1/files")).withHeader("Authorization", equalTo("Bearer sk-test"))
                .withRequestBodyPart(aMultipart().withName("purpose").withBody(equalTo("batch")).build())
                .withRequestBodyPart(aMultipart().withName("file").withBody(equalTo(
                        "{\"custom_id\":\"lead-1\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":"
                                + "{\"model\":\"gpt-4.1-mini\",\"messages\":[{\"role\":\"system\",\"content\":\"Score leads.\"},"
                                + "{\"role\":\"user\",\"content\":\"Lead one\"}],\"max_tokens\":800,"
                                + "\"response_format\":{\"type\":\"json_object\"}}}\n"
                                + "{\"custom_id\":\"lead-2\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":"
                                + "{\"model\":\"gpt-4.1-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Lead two\"}],"
                                + "\"max_tokens\":800}}\n"
                                + "{\"custom_id\":\"lead-3\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":"
                                + "{\"model\":\"gpt-4.1-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Lead three\"}],"
                                + "\"max_tokens\":50}}\n")).build()));
        wm.verify(postRequestedFor(urlEqualTo("/v1/batches")).withRequestBody(equalToJson(
                "{\"input_file_id\": \"file-abc123\", \"endpoint\": \"/v1/chat/completions\", \"completion_window\": \"24h\"}")));
        assertThat(sleeps).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(1));
        assertThat(results).extracting(BatchResult::status).containsExactly(BatchResult.Status.SUCCEEDED,
                BatchResult.Status.ERRORED, BatchResult.Status.EXPIRED);
        assertThat(results.get(0).response().aiMessage().text()).isEqualTo("{\"score\": 72}");
        assertThat(results.get(1).errorType()).isEqualTo("string_above_max_length");
        assertThat(results.get(1).errorMessage()).contains("string too long");
        assertThat(results.get(2).errorType()).isEqualTo("batch_expired");

        List<UsageRecord> usage = tracker.store().find(UsageStore.Query.all());
        assertThat(usage).hasSize(3).allSatisfy(r -> assertThat(r.batchPriced()).isTrue());
        UsageRecord ok = usage.stream().filter(r -> r.outcome() == UsageRecord.Outcome.SUCCESS).findFirst().orElseThrow();
        // gpt-4.1-mini at half price: 976 x 0.20 + 1024 x 0.05 + 300 x 0.80 USD per 1M tokens
        assertThat(ok.costUsd()).isEqualByComparingTo(new BigDecimal("0.0004864"));
        assertThat(ok.model()).isEqualTo("gpt-4.1-mini-2025-04-14");
        assertThat(ok.inputTokens()).isEqualTo(976);
        assertThat(ok.cachedInputTokens()).isEqualTo(1024);
        assertThat(ok.latency()).isEqualTo(Duration.ofMinutes(30));
        assertThat(ok.feature()).isEqualTo("lead_scoring");
    }

    @Test
    void reasoningModelsGetMaxCompletionTokens() {
        wm.stubFor(post(urlEqualTo("/v1/files")).willReturn(okJson(FILE)));
        wm.stubFor(post(urlEqualTo("/v1/batches")).willReturn(okJson(batch("validating", 0, 0, 0, null, null))));

        batches("gpt-5-mini").submit(List.of(requests().get(1)));

        wm.verify(postRequestedFor(urlEqualTo("/v1/files")).withRequestBodyPart(aMultipart().withName("file")
                .withBody(equalTo("{\"custom_id\":\"lead-2\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
                        + "\"body\":{\"model\":\"gpt-5-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Lead two\"}],"
                        + "\"max_completion_tokens\":800}}\n")).build()));
    }

    @Test
    void aBatchThatFailedValidationRaisesOpenAisErrors() {
        wm.stubFor(get(urlEqualTo("/v1/batches/" + ID)).willReturn(okJson(batch("failed", 0, 0, 0, null, null)
                .replace("\"errors\": null", "\"errors\": {\"object\": \"list\", \"data\": [{\"code\": \"invalid_json_line\","
                        + " \"message\": \"This line is not parseable as valid JSON.\", \"param\": null, \"line\": 2}]}"))));

        assertThatThrownBy(() -> batches("gpt-4.1-mini").status(ID)).isInstanceOfSatisfying(BatchException.class, e -> {
            assertThat(e.batchId()).isEqualTo(ID);
            assertThat(e.getMessage()).contains("failed validation", "invalid_json_line", "(line 2)");
        });
    }

    @Test
    void serverErrorsOnReadsAndRateLimitsOnUploadAreRetried() {
        wm.stubFor(post(urlEqualTo("/v1/files")).inScenario("upload").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("retry-after-ms", "1500").withHeader("x-request-id", "req_429")
                        .withBody("{\"error\": {\"message\": \"Rate limit reached\", \"type\": \"requests\", \"param\": null, \"code\": \"rate_limit_exceeded\"}}"))
                .willSetStateTo("ok"));
        wm.stubFor(post(urlEqualTo("/v1/files")).inScenario("upload").whenScenarioStateIs("ok").willReturn(okJson(FILE)));
        wm.stubFor(post(urlEqualTo("/v1/batches")).willReturn(okJson(batch("validating", 0, 0, 0, null, null))));
        wm.stubFor(get(urlEqualTo("/v1/batches/" + ID)).inScenario("read").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(502)).willSetStateTo("ok"));
        wm.stubFor(get(urlEqualTo("/v1/batches/" + ID)).inScenario("read").whenScenarioStateIs("ok")
                .willReturn(okJson(batch("in_progress", 3, 0, 0, null, null))));
        OpenAiBatches b = batches("gpt-4.1-mini");

        b.submit(requests());
        BatchStatus s = b.status(ID);

        assertThat(s.state()).isEqualTo(BatchStatus.State.IN_PROGRESS);
        // the whole submit (upload + create) is retried after the 429 on the upload
        wm.verify(2, postRequestedFor(urlEqualTo("/v1/files")));
        wm.verify(1, postRequestedFor(urlEqualTo("/v1/batches")));
        wm.verify(2, getRequestedFor(urlEqualTo("/v1/batches/" + ID)));
        assertThat(sleeps.get(0)).isEqualTo(Duration.ofMillis(1500));
        assertThat(sleeps.get(1)).isBetween(Duration.ofMillis(800), Duration.ofMillis(1200));
    }

    @Test
    void retriesAreBoundedAndTheLastErrorIsReported() {
        wm.stubFor(get(urlEqualTo("/v1/batches/" + ID)).willReturn(aResponse().withStatus(503).withHeader("x-request-id", "req_503")
                .withBody("{\"error\": {\"message\": \"The server is overloaded\", \"type\": \"server_error\", \"param\": null, \"code\": null}}")));

        assertThatThrownBy(() -> batches("gpt-4.1-mini").status(ID)).isInstanceOfSatisfying(BatchException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(503);
            assertThat(e.getMessage()).contains("after 4 attempts", "req_503", "overloaded");
        });
        wm.verify(4, getRequestedFor(urlEqualTo("/v1/batches/" + ID)));
        assertThat(sleeps).hasSize(3);
    }

    @Test
    void cancelAndACancelledBatchesUnprocessedRequests() {
        wm.stubFor(post(urlEqualTo("/v1/batches/" + ID + "/cancel")).willReturn(okJson(batch("cancelling", 3, 1, 0, null, null))));
        wm.stubFor(get(urlEqualTo("/v1/batches/" + ID)).willReturn(okJson(batch("cancelled", 3, 1, 0, "file-out", "file-err")
                .replace("\"cancelled_at\": null", "\"cancelled_at\": 1764670800"))));
        wm.stubFor(get(urlEqualTo("/v1/files/file-out/content")).willReturn(aResponse().withBody(OUTPUT)));
        wm.stubFor(get(urlEqualTo("/v1/files/file-err/content")).willReturn(aResponse().withBody(
                "{\"id\": \"batch_req_2\", \"custom_id\": \"lead-2\", \"response\": null, \"error\": {\"code\": \"batch_cancelled\","
                        + " \"message\": \"This request was not executed because the batch was cancelled.\"}}\n")));
        OpenAiBatches b = batches("gpt-4.1-mini");

        assertThat(b.cancel(ID).state()).isEqualTo(BatchStatus.State.CANCELING);
        List<BatchResult> results = b.results(ID);

        assertThat(results).extracting(BatchResult::customId, BatchResult::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("lead-1", BatchResult.Status.SUCCEEDED),
                org.assertj.core.groups.Tuple.tuple("lead-2", BatchResult.Status.CANCELED));
    }

    @Test
    void awaitEndGivesUpAfterMaxWaitWithoutCancellingAndStopsWhenInterrupted() {
        wm.stubFor(get(urlEqualTo("/v1/batches/" + ID)).willReturn(okJson(batch("in_progress", 3, 1, 0, null, null))));

        assertThatThrownBy(() -> batches("gpt-4.1-mini").awaitEnd(ID)).isInstanceOfSatisfying(BatchException.class, e -> {
            assertThat(e.batchId()).isEqualTo(ID);
            assertThat(e.getMessage()).contains("did not end within PT1H", "1 of 3 succeeded")
                    .doesNotContain("cancel requested");
        });
        assertThat(sleeps).hasSize(60).containsOnly(Duration.ofMinutes(1));
        wm.verify(0, postRequestedFor(urlEqualTo("/v1/batches/" + ID + "/cancel")));

        OpenAiBatches interrupted = OpenAiBatches.builder().model("gpt-4.1-mini").apiKey("sk-test")
                .baseUrl(wm.baseUrl() + "/v1").sleeper(d -> {
                    throw new InterruptedException();
                }).build();
        try {
            assertThatThrownBy(() -> interrupted.awaitEnd(ID)).isInstanceOf(BatchException.class)
                    .hasMessageContaining("interrupted while waiting");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void resultsOfABatchStillRunningAreRefused() {
        wm.stubFor(get(urlEqualTo("/v1/batches/" + ID)).willReturn(okJson(batch("in_progress", 3, 1, 0, null, null))));

        assertThatThrownBy(() -> batches("gpt-4.1-mini").results(ID)).isInstanceOf(BatchException.class)
                .hasMessageContaining("has not ended (state in_progress)");
    }

    @Test
    void aJsonSchemaOrAnotherModelIsRefusedBeforeAnythingIsSent() {
        OpenAiBatches b = batches("gpt-4.1-mini");
        ChatRequest schema = ChatRequest.builder().messages(UserMessage.from("x"))
                .responseFormat(ResponseFormat.builder().type(dev.langchain4j.model.chat.request.ResponseFormatType.JSON)
                        .jsonSchema(dev.langchain4j.model.chat.request.json.JsonSchema.builder().name("s")
                                .rootElement(dev.langchain4j.model.chat.request.json.JsonObjectSchema.builder()
                                        .addStringProperty("a").build()).build()).build()).build();
        ChatRequest other = ChatRequest.builder().messages(UserMessage.from("x")).modelName("gpt-4o").build();

        assertThatThrownBy(() -> b.submit(List.of(BatchRequest.of("s", schema))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON-schema");
        assertThatThrownBy(() -> b.submit(List.of(BatchRequest.of("m", other))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names model gpt-4o");
        assertThat(wm.getAllServeEvents()).isEmpty();
    }
}
