package dev.salesagent.core.model;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.salesagent.core.cost.CostTracker;
import dev.salesagent.core.cost.ModelPrice;
import dev.salesagent.core.cost.PriceTable;
import dev.salesagent.core.cost.UsageRecord;
import dev.salesagent.core.cost.UsageStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Any LangChain4j {@code ChatModel} is an endpoint: no provider module is on sdk-core's test classpath, so this is what
 * a user with Ollama, Bedrock, Gemini or a local OpenAI-compatible server gets.
 */
class AnyChatModelEndpointTest {

    private static final ChatRequest HELLO = ChatRequest.builder().messages(UserMessage.from("Hello there")).build();

    /** A plain ChatModel the way a LangChain4j integration looks: provider, default model name, doChat. */
    private static class LocalModel implements ChatModel {
        final Deque<Supplier<ChatResponse>> answers = new ArrayDeque<>();
        int calls;

        @Override
        public ChatResponse doChat(ChatRequest request) {
            calls++;
            return answers.isEmpty() ? ChatResponse.builder().aiMessage(AiMessage.from("ok")).build()
                    : answers.poll().get();
        }

        @Override
        public ModelProvider provider() {
            return ModelProvider.OLLAMA;
        }

        @Override
        public ChatRequestParameters defaultRequestParameters() {
            return ChatRequestParameters.builder().modelName("llama3.1:8b").build();
        }
    }

    /** An HTTP failure from a user's own HttpClient: sdk-core only needs {@link ProviderError}. */
    private static final class RateLimited extends RuntimeException implements ProviderError {
        RateLimited() {
            super("HTTP 429");
        }

        @Override
        public int statusCode() {
            return 429;
        }

        @Override
        public String header(String name) {
            return Map.of("retry-after", "2", "x-request-id", "req_local").get(name);
        }

        @Override
        public String body() {
            return "{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit_exceeded\"}}";
        }
    }

    @Test
    void takesProviderAndModelNameFromTheChatModel() {
        ModelEndpoint endpoint = ModelEndpoint.of("local", ModelTier.ECONOMY, new LocalModel());

        assertThat(endpoint.provider()).isEqualTo("ollama");
        assertThat(endpoint.model()).isEqualTo("llama3.1:8b");
        assertThat(endpoint.contextWindowTokens()).isEqualTo(ModelEndpoint.DEFAULT_CONTEXT_WINDOW_TOKENS);
        assertThat(endpoint.maxOutputTokens()).isEqualTo(ModelEndpoint.DEFAULT_MAX_OUTPUT_TOKENS);
        assertThat(endpoint.streamingChatModel()).isNull();
    }

    @Test
    void builderOverridesEveryDefault() {
        ModelEndpoint endpoint = ModelEndpoint.builder("local", ModelTier.PREMIUM, new LocalModel())
                .provider("vllm").model("qwen2.5-72b").contextWindowTokens(32_768).maxOutputTokens(1_024).build();

        assertThat(endpoint).extracting(ModelEndpoint::provider, ModelEndpoint::model, ModelEndpoint::tier,
                        ModelEndpoint::contextWindowTokens, ModelEndpoint::maxOutputTokens)
                .containsExactly("vllm", "qwen2.5-72b", ModelTier.PREMIUM, 32_768L, 1_024L);
    }

    @Test
    void aModelWithoutADefaultModelNameNeedsOne() {
        ChatModel anonymous = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                return ChatResponse.builder().aiMessage(AiMessage.from("ok")).build();
            }
        };

        assertThatThrownBy(() -> ModelEndpoint.of("anon", ModelTier.ECONOMY, anonymous))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("model is required for endpoint anon");
        assertThat(ModelEndpoint.builder("anon", ModelTier.ECONOMY, anonymous).model("m").build().provider())
                .isEqualTo("other");
    }

    @Test
    void routesPricesAndRecordsACustomModel() {
        LocalModel local = new LocalModel();
        local.answers.add(() -> ChatResponse.builder().aiMessage(AiMessage.from("Hi!")).modelName("llama3.1:8b")
                .tokenUsage(new TokenUsage(1_000, 200)).build());
        CostTracker tracker = CostTracker.builder().build();
        ModelRouter router = ModelRouter.builder().costTracker(tracker)
                .priceTable(PriceTable.of(ModelPrice.of("ollama", "llama3.1:8b", "1", "2")))
                .endpoint(ModelEndpoint.of("local", ModelTier.ECONOMY, local)).build();

        assertThat(router.chat(HELLO).aiMessage().text()).isEqualTo("Hi!");

        UsageRecord r = tracker.store().find(UsageStore.Query.all()).get(0);
        assertThat(r.endpoint()).isEqualTo("local");
        assertThat(r.provider()).isEqualTo("ollama");
        assertThat(r.inputTokens()).isEqualTo(1_000L);
        assertThat(r.cachedInputTokens()).isZero();
        assertThat(r.outputTokens()).isEqualTo(200L);
        // 1,000 x $1/MTok + 200 x $2/MTok
        assertThat(r.costUsd()).isEqualByComparingTo("0.0014");
        assertThat(r.tokenSource()).isEqualTo(UsageRecord.TokenSource.PROVIDER);
    }

    @Test
    void estimatesTokensWhenTheModelReportsNoUsage() {
        LocalModel local = new LocalModel();
        local.answers.add(() -> ChatResponse.builder().aiMessage(AiMessage.from("A reply of forty characters, roughly.."))
                .build());
        CostTracker tracker = CostTracker.builder().build();
        ModelRouter router = ModelRouter.builder().costTracker(tracker)
                .endpoint(ModelEndpoint.of("local", ModelTier.ECONOMY, local)).build();

        router.chat(HELLO);

        UsageRecord r = tracker.store().find(UsageStore.Query.all()).get(0);
        // approximate tokenizer: 3 priming + 4 per message + ceil(11 chars / 4); output ceil(39 / 4)
        assertThat(r.inputTokens()).isEqualTo(3 + 4 + 3);
        assertThat(r.outputTokens()).isEqualTo(10);
        assertThat(r.costSource()).isEqualTo(UsageRecord.CostSource.UNPRICED);
        // unpriced, and still marked as estimated: the counts are a guess whether or not a price is known
        assertThat(r.tokenSource()).isEqualTo(UsageRecord.TokenSource.ESTIMATED);
        assertThat(r.tokensEstimated()).isTrue();
    }

    @Test
    void aProviderErrorFromACustomClientIsRetriedAfterItsRetryAfter() {
        LocalModel local = new LocalModel();
        local.answers.add(() -> {
            throw new RateLimited();
        });
        RecordingSleeper sleeper = new RecordingSleeper();
        ModelRouter router = ModelRouter.builder().sleeper(sleeper)
                .endpoint(ModelEndpoint.of("local", ModelTier.ECONOMY, local)).build();

        assertThat(router.chat(HELLO).aiMessage().text()).isEqualTo("ok");

        assertThat(local.calls).isEqualTo(2);
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void aProviderErrorThatPersistsNamesStatusAndRequestId() {
        ChatModel alwaysLimited = new LocalModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                throw new RateLimited();
            }
        };
        ModelRouter router = ModelRouter.builder().sleeper(d -> { }).maxAttemptsPerEndpoint(2)
                .endpoint(ModelEndpoint.of("local", ModelTier.ECONOMY, alwaysLimited)).build();

        assertThatThrownBy(() -> router.chat(HELLO)).isInstanceOfSatisfying(ModelCallException.class, e -> {
            List<ModelCallException.Attempt> attempts = e.attempts();
            assertThat(attempts).hasSize(2).allSatisfy(a -> {
                assertThat(a.reason()).isEqualTo(ModelCallException.Reason.RATE_LIMITED);
                assertThat(a.statusCode()).isEqualTo(429);
                assertThat(a.requestId()).isEqualTo("req_local");
            });
        });
    }
}
