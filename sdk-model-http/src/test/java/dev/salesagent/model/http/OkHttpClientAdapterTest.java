package dev.salesagent.model.http;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** The OkHttp HttpClient SPI also serves LangChain4j's streaming models (server-sent events). */
class OkHttpClientAdapterTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    // OpenAI's documented shapes (https://platform.openai.com/docs/guides/error-codes), as in the router's tests
    private static MappingBuilder openAiCall(String model) {
        return post(urlEqualTo("/v1/chat/completions")).withRequestBody(matchingJsonPath("$.model", equalTo(model)));
    }

    private static ResponseDefinitionBuilder openAiRateLimited(String retryAfterSeconds) {
        return aResponse().withStatus(429).withHeader("Content-Type", "application/json").withBody("""
                {"error": {"message": "Rate limit reached for gpt-4o-mini in organization org-123 on tokens per min (TPM): Limit 200000, Used 199500, Requested 900. Please try again in 2s.", "type": "tokens", "param": null, "code": "rate_limit_exceeded"}}
                """).withHeader("x-request-id", "req_err_429").withHeader("retry-after", retryAfterSeconds);
    }

    private StreamingChatModel streaming() {
        return OpenAiStreamingChatModel.builder().httpClientBuilder(OkHttpClientAdapter.builder(new OkHttpClient()))
                .baseUrl(wm.baseUrl() + "/v1").apiKey("sk-test").modelName("gpt-4o-mini").build();
    }

    private static CompletableFuture<ChatResponse> stream(StreamingChatModel model) {
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        StringBuilder partial = new StringBuilder();
        model.chat(java.util.List.of(UserMessage.from("hi")), new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partialResponse) {
                partial.append(partialResponse);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                assertThat(partial.toString()).isEqualTo(response.aiMessage().text());
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        return done;
    }

    @Test
    void streamsServerSentEvents() throws Exception {
        wm.stubFor(openAiCall("gpt-4o-mini").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream").withBody("""
                        data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1741569952,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"role":"assistant","content":"Hel"},"finish_reason":null}]}

                        data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1741569952,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":"stop"}]}

                        data: [DONE]

                        """)));

        ChatResponse response = stream(streaming()).get(10, TimeUnit.SECONDS);

        assertThat(response.aiMessage().text()).isEqualTo("Hello");
    }

    @Test
    void streamingErrorsKeepStatusHeadersAndBody() {
        wm.stubFor(openAiCall("gpt-4o-mini").willReturn(openAiRateLimited("3")));

        CompletableFuture<ChatResponse> done = stream(streaming());

        assertThat(done).failsWithin(10, TimeUnit.SECONDS).withThrowableThat().satisfies(e -> {
            Throwable t = e;
            while (t != null && !(t instanceof ProviderHttpException)) {
                t = t.getCause();
            }
            assertThat(t).isInstanceOfSatisfying(ProviderHttpException.class, p -> {
                assertThat(p.statusCode()).isEqualTo(429);
                assertThat(p.header("Retry-After")).isEqualTo("3");
                assertThat(p.body()).contains("rate_limit_exceeded");
            });
        });
    }
}
