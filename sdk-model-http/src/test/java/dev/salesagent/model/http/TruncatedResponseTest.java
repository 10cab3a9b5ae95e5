package dev.salesagent.model.http;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.data.message.UserMessage;
import dev.salesagent.core.cost.CostTracker;
import dev.salesagent.core.cost.UsageRecord;
import dev.salesagent.core.cost.UsageStore;
import dev.salesagent.core.model.ModelCallException;
import dev.salesagent.core.model.ModelEndpoint;
import dev.salesagent.core.model.ModelRouter;
import dev.salesagent.core.model.ModelTier;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A response body cut off after the status line is a protocol error ({@link TruncatedResponseException},
 * {@code Reason.PROTOCOL_ERROR}), not a connection failure, and the router retries it like a server error.
 */
class TruncatedResponseTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    // OpenAI's documented chat completion shape (https://platform.openai.com/docs/api-reference/chat/object)
    private static final String COMPLETION = """
            {"id": "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT", "object": "chat.completion", "created": 1741569952,
             "model": "gpt-4o-mini", "choices": [{"index": 0, "message": {"role": "assistant", "content": "Hello",
             "refusal": null}, "logprobs": null, "finish_reason": "stop"}],
             "usage": {"prompt_tokens": 12, "completion_tokens": 2, "total_tokens": 14}}
            """;

    private static ChatModel openAi(String baseUrl) {
        return OpenAiChatModel.builder().httpClientBuilder(OkHttpClientAdapter.builder(new OkHttpClient()))
                .baseUrl(baseUrl).apiKey("sk-test").modelName("gpt-4o-mini").maxRetries(0).build();
    }

    private static ChatRequest hi() {
        return ChatRequest.builder().messages(UserMessage.from("hi")).build();
    }

    @Test
    void aMalformedChunkIsATruncatedResponseWithAProtocolExceptionCause() {
        wm.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));

        Throwable thrown = catchThrowable(() -> openAi(wm.baseUrl() + "/v1").chat(hi()));

        TruncatedResponseException t = find(thrown, TruncatedResponseException.class);
        assertThat(t).as("cause chain of %s", thrown).isNotNull();
        assertThat(t.statusCode()).isEqualTo(200);
        assertThat(t.getMessage()).contains("POST " + wm.baseUrl() + "/v1/chat/completions", "HTTP 200", "chunked");
        assertThat(t.getCause()).isInstanceOf(ProtocolException.class);
    }

    @Test
    void aBodyShorterThanItsContentLengthIsATruncatedResponse() throws Exception {
        byte[] partial = COMPLETION.substring(0, 60).getBytes(StandardCharsets.UTF_8);
        try (ServerSocket server = new ServerSocket(0)) {
            CompletableFuture<Void> serving = CompletableFuture.runAsync(() -> {
                try (Socket s = server.accept()) {
                    readRequestHead(s.getInputStream());
                    OutputStream out = s.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                            + COMPLETION.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(partial);
                    out.flush();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });

            Throwable thrown = catchThrowable(() -> openAi("http://127.0.0.1:" + server.getLocalPort() + "/v1")
                    .chat(hi()));

            serving.join();
            TruncatedResponseException t = find(thrown, TruncatedResponseException.class);
            assertThat(t).as("cause chain of %s", thrown).isNotNull();
            assertThat(t.getMessage()).contains("Content-Length " + COMPLETION.getBytes(StandardCharsets.UTF_8).length);
            assertThat(t.getCause()).isInstanceOf(ProtocolException.class);
        }
    }

    @Test
    void theRouterReportsAProtocolErrorAndRetriesOnTheSameEndpoint() {
        wm.stubFor(post(urlEqualTo("/v1/chat/completions")).inScenario("cut").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)).willSetStateTo("recovered"));
        wm.stubFor(post(urlEqualTo("/v1/chat/completions")).inScenario("cut").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(COMPLETION)));
        CostTracker tracker = CostTracker.inMemory();
        ModelRouter router = ModelRouter.builder().sleeper(d -> { }).maxAttemptsPerEndpoint(2).costTracker(tracker)
                .endpoint(ModelEndpoint.of("mini", "openai", "gpt-4o-mini", ModelTier.ECONOMY, 128_000,
                        openAi(wm.baseUrl() + "/v1")))
                .build();

        String answer = router.chat(hi()).aiMessage().text();

        assertThat(answer).isEqualTo("Hello");
        wm.verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions")));
        List<UsageRecord> records = tracker.store().find(UsageStore.Query.all());
        assertThat(records).extracting(UsageRecord::outcome, UsageRecord::errorType).containsExactly(
                org.assertj.core.groups.Tuple.tuple(UsageRecord.Outcome.FAILURE, "protocol_error"),
                org.assertj.core.groups.Tuple.tuple(UsageRecord.Outcome.SUCCESS, null));
    }

    @Test
    void whenEveryAttemptIsCutTheFailureSaysProtocolErrorNotConnection() {
        wm.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));
        ModelRouter router = ModelRouter.builder().sleeper(d -> { }).maxAttemptsPerEndpoint(2)
                .endpoint(ModelEndpoint.of("mini", "openai", "gpt-4o-mini", ModelTier.ECONOMY, 128_000,
                        openAi(wm.baseUrl() + "/v1")))
                .build();

        Throwable thrown = catchThrowable(() -> router.chat(hi()));

        assertThat(thrown).isInstanceOfSatisfying(ModelCallException.class, e -> {
            assertThat(e.reason()).isEqualTo(ModelCallException.Reason.PROTOCOL_ERROR);
            assertThat(e.attempts()).hasSize(2).allSatisfy(a -> {
                assertThat(a.reason()).isEqualTo(ModelCallException.Reason.PROTOCOL_ERROR);
                assertThat(a.errorType()).isEqualTo("protocol_error");
            });
        });
    }

    private static void readRequestHead(InputStream in) throws java.io.IOException {
        // headers end with an empty line; the small JSON body that follows is left unread
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    private static <T> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
