package dev.salesagent.cache.semantic;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.salesagent.core.context.AiContext;
import dev.salesagent.core.cost.CostScope;
import dev.salesagent.core.cost.CostTracker;
import dev.salesagent.core.cost.UsageRecord;
import dev.salesagent.core.cost.UsageStore;
import dev.salesagent.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SemanticCacheTest {

    private static final EmbeddingModel MINI_LM = new AllMiniLmL6V2EmbeddingModel();
    private static final String QUESTION = "Build a battle card against HubSpot for our deal with Apple.";
    private static final String PARAPHRASE = "Create a competitive battle card versus HubSpot for the Apple opportunity.";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final AtomicInteger calls = new AtomicInteger();
    private final ChatModel model = new ChatModel() {
        @Override
        public ChatResponse doChat(ChatRequest request) {
            return ChatResponse.builder().aiMessage(AiMessage.from("answer " + calls.incrementAndGet()))
                    .modelName("claude-sonnet-4").build();
        }
    };
    private final CostTracker tracker = CostTracker.builder().clock(clock).build();

    private SemanticCache cache() {
        return SemanticCache.builder(model).embeddingModel(MINI_LM).costTracker(tracker).clock(clock)
                .feature("battle_card", 0.85, Duration.ofHours(6)).feature("lead_scoring", 0.9, Duration.ofHours(6))
                .exactOnly("lead_scoring").build();
    }

    private static ChatRequest ask(String text) {
        return ChatRequest.builder().messages(SystemMessage.from("You write battle cards."), UserMessage.from(text))
                .build();
    }

    private static <T> T in(String tenant, String feature, java.util.function.Supplier<T> call) {
        return AiContext.builder().tenant(tenant).feature(feature).build().call(call);
    }

    @Test
    void aParaphraseIsAnsweredFromTheCacheAndRecordedAsAZeroCostSemanticHit() {
        SemanticCache cache = cache();
        ChatResponse first = in("acme", "battle_card", () -> cache.chat(ask(QUESTION)));
        ChatResponse second = in("acme", "battle_card", () -> cache.chat(ask(PARAPHRASE)));

        assertThat(calls).hasValue(1);
        assertThat(second).isSameAs(first);
        List<UsageRecord> records = tracker.store().find(UsageStore.Query.all().tenant("acme"));
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.cacheHit()).isTrue();
            assertThat(r.cacheKind()).isEqualTo(UsageRecord.CacheKind.SEMANTIC);
            assertThat(r.cacheSimilarity()).isBetween(0.85, 1.0);
            assertThat(r.costUsd()).isEqualByComparingTo("0");
            assertThat(r.outcome()).isEqualTo(UsageRecord.Outcome.CACHE_HIT);
            assertThat(r.feature()).isEqualTo("battle_card");
        });
    }

    @Test
    void aHitIsAlsoRecordedInTheRunsCostScope() {
        SemanticCache cache = cache();
        CostScope scope = CostScope.withLimit("run-1", new BigDecimal("1"));
        AiContext ctx = AiContext.builder().tenant("acme").feature("battle_card").costScope(scope).build();
        ctx.call(() -> cache.chat(ask(QUESTION)));
        ctx.call(() -> cache.chat(ask(PARAPHRASE)));
        assertThat(scope.spentUsd()).isEqualByComparingTo("0");
        assertThat(calls).hasValue(1);
    }

    @Test
    void neverAcrossTenantsNorForUnrelatedPrompts() {
        SemanticCache cache = cache();
        in("acme", "battle_card", () -> cache.chat(ask(QUESTION)));
        in("globex", "battle_card", () -> cache.chat(ask(PARAPHRASE)));
        in("acme", "battle_card", () -> cache.chat(ask("Summarise last quarter's churn by region.")));
        assertThat(calls).hasValue(3);
    }

    @Test
    void featuresNotOptedInOrExactOnlyAlwaysCallTheModel() {
        SemanticCache cache = cache();
        in("acme", "lead_scoring", () -> cache.chat(ask(QUESTION)));
        in("acme", "lead_scoring", () -> cache.chat(ask(QUESTION)));
        in("acme", "outreach", () -> cache.chat(ask(QUESTION)));
        in("acme", "outreach", () -> cache.chat(ask(QUESTION)));
        in("acme", null, () -> cache.chat(ask(QUESTION)));
        assertThat(calls).hasValue(5);
        assertThat(cache.nearest("acme", "lead_scoring", ask(QUESTION))).isEmpty();
    }

    @Test
    void neverWhenToolsSystemPromptOrResponseSchemaDiffer() {
        SemanticCache cache = cache();
        in("acme", "battle_card", () -> cache.chat(ask(QUESTION)));
        ChatRequest withTool = ask(QUESTION).toBuilder()
                .toolSpecifications(ToolSpecification.builder().name("crm_lookup").build()).build();
        ChatRequest withSchema = ask(QUESTION).toBuilder().responseFormat(ResponseFormat.builder()
                .type(ResponseFormatType.JSON).jsonSchema(JsonSchema.builder().name("card")
                        .rootElement(JsonObjectSchema.builder().addStringProperty("summary").build()).build())
                .build()).build();
        ChatRequest otherSystem = ChatRequest.builder().messages(SystemMessage.from("You write cold emails."),
                UserMessage.from(QUESTION)).build();
        in("acme", "battle_card", () -> cache.chat(withTool));
        in("acme", "battle_card", () -> cache.chat(withSchema));
        in("acme", "battle_card", () -> cache.chat(otherSystem));
        assertThat(calls).hasValue(4);
        // each of them is now cached in its own scope
        in("acme", "battle_card", () -> cache.chat(withSchema));
        assertThat(calls).hasValue(4);
    }

    @Test
    void requestsWithToolResultsPassThrough() {
        SemanticCache cache = cache();
        ChatRequest loop = ChatRequest.builder().messages(UserMessage.from(QUESTION),
                AiMessage.from(List.of(dev.langchain4j.agent.tool.ToolExecutionRequest.builder().id("1")
                        .name("crm_lookup").arguments("{}").build())),
                ToolExecutionResultMessage.from("1", "crm_lookup", "{\"deals\":3}")).build();
        in("acme", "battle_card", () -> cache.chat(loop));
        in("acme", "battle_card", () -> cache.chat(loop));
        assertThat(calls).hasValue(2);
    }

    @Test
    void entriesExpireAfterTheFeaturesTtl() {
        SemanticCache cache = cache();
        in("acme", "battle_card", () -> cache.chat(ask(QUESTION)));
        clock.advance(Duration.ofHours(5));
        in("acme", "battle_card", () -> cache.chat(ask(PARAPHRASE)));
        assertThat(calls).hasValue(1);
        clock.advance(Duration.ofHours(2));
        in("acme", "battle_card", () -> cache.chat(ask(PARAPHRASE)));
        assertThat(calls).hasValue(2);
    }

    @Test
    void anIdenticalPromptIsAnsweredWithoutComputingAnEmbedding() {
        AtomicInteger embedded = new AtomicInteger();
        EmbeddingModel counting = new EmbeddingModel() {
            @Override
            public dev.langchain4j.model.output.Response<List<dev.langchain4j.data.embedding.Embedding>> embedAll(
                    List<dev.langchain4j.data.segment.TextSegment> segments) {
                embedded.addAndGet(segments.size());
                return MINI_LM.embedAll(segments);
            }
        };
        SemanticCache cache = SemanticCache.builder(model).embeddingModel(counting).costTracker(tracker).clock(clock)
                .feature("battle_card", 0.85, Duration.ofHours(6)).build();
        in("acme", "battle_card", () -> cache.chat(ask(QUESTION)));
        in("acme", "battle_card", () -> cache.chat(ask(QUESTION)));
        assertThat(calls).hasValue(1);
        assertThat(embedded).hasValue(1);
        assertThat(tracker.store().find(UsageStore.Query.all().tenant("acme")))
                .singleElement().extracting(UsageRecord::cacheSimilarity).isEqualTo(1.0);
        in("acme", "battle_card", () -> cache.chat(ask(PARAPHRASE)));
        assertThat(embedded).hasValue(2);
        assertThat(calls).hasValue(1);
    }

    @Test
    void builderRejectsBadSettings() {
        assertThatThrownBy(() -> SemanticCache.builder(model).feature("x", 0, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x").hasMessageContaining("0.0");
        assertThatThrownBy(() -> SemanticCache.builder(model).feature("x", 1.2, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SemanticCache.builder(model).feature("x", 0.9, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TTL");
        assertThatThrownBy(() -> SemanticCache.builder(model).maxEntriesPerScope(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UsageRecord.builder().cacheHit(false).semanticCacheHit(1.5).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.5");
    }
}
