package dev.salesagent.model.openai;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.salesagent.core.model.ModelEndpoint;
import dev.salesagent.core.model.ModelTier;
import dev.salesagent.core.model.TokenUsageMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;


import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the OpenAI endpoint factory builds: limits, the request's token cap field, tokenizer and usage split. */
class OpenAiEndpointsTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String OK = """
            {"id": "chatcmpl-1", "object": "chat.completion", "created": 1741569952, "model": "%s",
             "choices": [{"index": 0, "message": {"role": "assistant", "content": "ok"}, "finish_reason": "stop"}],
             "usage": {"prompt_tokens": 9, "completion_tokens": 1, "total_tokens": 10}}
            """;

    private static OpenAiEndpoints.Builder local(String model) {
        return OpenAiEndpoints.builder("e", ModelTier.ECONOMY).model(model).apiKey("sk-test")
                .baseUrl(wm.baseUrl() + "/v1");
    }

    @Test
    void modelAndApiKeyAreRequired() {
        assertThatThrownBy(() -> OpenAiEndpoints.builder("gpt", ModelTier.ECONOMY).apiKey("k").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("model is required for endpoint gpt");
        assertThatThrownBy(() -> OpenAiEndpoints.builder("gpt", ModelTier.ECONOMY).model("gpt-4o-mini").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("apiKey is required for endpoint gpt");
        assertThatThrownBy(() -> local("gpt-4o-mini").maxOutputTokens(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxOutputTokens of e");
    }

    @Test
    void limitsComeFromThePriceTableUnlessSet() {
        ModelEndpoint known = local("gpt-4o-mini").build();
        ModelEndpoint unknown = local("my-finetune").build();
        ModelEndpoint explicit = local("gpt-4o-mini").contextWindowTokens(16_000).maxOutputTokens(300).build();

        assertThat(known.provider()).isEqualTo("openai");
        assertThat(known.contextWindowTokens()).isEqualTo(128_000L);
        assertThat(known.maxOutputTokens()).isEqualTo(ModelEndpoint.DEFAULT_MAX_OUTPUT_TOKENS);
        assertThat(unknown.contextWindowTokens()).isEqualTo(ModelEndpoint.DEFAULT_CONTEXT_WINDOW_TOKENS);
        assertThat(explicit.contextWindowTokens()).isEqualTo(16_000L);
        assertThat(explicit.maxOutputTokens()).isEqualTo(300L);
        assertThat(known.streamingChatModel()).isNotNull();
        assertThat(known.tokenCountEstimator()).isNotNull();
    }

    @Test
    void reasoningModelsGetMaxCompletionTokensOthersMaxTokens() {
        wm.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(OK.formatted("x"))));

        local("o4-mini").maxOutputTokens(700).build().chatModel().chat(UserMessage.from("hi"));
        local("gpt-4o-mini").maxOutputTokens(600).build().chatModel().chat(UserMessage.from("hi"));

        wm.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("o4-mini")))
                .withRequestBody(matchingJsonPath("$.max_completion_tokens", equalTo("700")))
                .withRequestBody(matchingJsonPath("$.max_tokens", absent())));
        wm.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-4o-mini")))
                .withRequestBody(matchingJsonPath("$.max_tokens", equalTo("600"))));
    }

    @Test
    void cachedPromptTokensArePricedAsCacheReads() {
        OpenAiTokenUsage usage = OpenAiTokenUsage.builder().inputTokenCount(1_000).outputTokenCount(50)
                .inputTokensDetails(OpenAiTokenUsage.InputTokensDetails.builder().cachedTokens(600).build()).build();

        assertThat(OpenAiEndpoints.tokenUsageMapper().inputTokens(usage))
                .isEqualTo(new TokenUsageMapper.InputTokens(400, 600, 0));
    }

    @Test
    void theTokenizerFallsBackToTheGpt4oEncodingForUnknownModels() {
        assertThat(OpenAiEndpoints.tokenCountEstimator("my-local-llama").estimateTokenCountInText("Hello world"))
                .isEqualTo(OpenAiEndpoints.tokenCountEstimator("gpt-4o").estimateTokenCountInText("Hello world"))
                .isPositive();
    }
}
