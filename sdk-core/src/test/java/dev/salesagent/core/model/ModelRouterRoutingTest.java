package dev.salesagent.core.model;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.salesagent.core.context.AiContext;
import dev.salesagent.core.cost.Budget;
import dev.salesagent.core.cost.BudgetExceededException;
import dev.salesagent.core.cost.CostTracker;
import dev.salesagent.core.cost.ModelPrice;
import dev.salesagent.core.cost.PriceTable;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tier selection, forced routes and classification of plain LangChain4j exceptions, on in-process models. */
class ModelRouterRoutingTest {

    private final StubChatModel economy = new StubChatModel("economy");
    private final StubChatModel standard = new StubChatModel("standard");
    private final StubChatModel premium = new StubChatModel("premium");
    private final PriceTable prices = PriceTable.of(ModelPrice.of("test", "economy", "1", "2"),
            ModelPrice.of("test", "standard", "3", "6"), ModelPrice.of("test", "premium", "10", "20"));

    private ModelRouter.Builder router() {
        return ModelRouter.builder().priceTable(prices).sleeper(d -> { })
                .endpoint(ModelEndpoint.of("eco", "test", "economy", ModelTier.ECONOMY, 128_000, economy))
                .endpoint(ModelEndpoint.of("std", "test", "standard", ModelTier.STANDARD, 128_000, standard))
                .endpoint(ModelEndpoint.of("pre", "test", "premium", ModelTier.PREMIUM, 200_000, premium));
    }

    private static String answer(ChatRequest r, dev.langchain4j.model.chat.ChatModel m) {
        return m.chat(r).aiMessage().text();
    }

    private static final ChatRequest SHORT = ChatRequest.builder().messages(UserMessage.from("hi")).build();

    @Test
    void featureOverridesComplexityAndHeuristicPickTheTier() {
        ModelRouter router = router().routingPolicy(RoutingPolicy.builder().featureTier("battle_card", ModelTier.ECONOMY)
                .featureTier("proposal", ModelTier.PREMIUM).longPromptTokens(1_000).build()).build();
        ChatRequest withTools = ChatRequest.builder().messages(UserMessage.from("find the account"))
                .toolSpecifications(ToolSpecification.builder().name("search_accounts").description("CRM search").build())
                .build();
        ChatRequest longPrompt = ChatRequest.builder().messages(UserMessage.from("pipeline review ".repeat(600))).build();

        assertThat(AiContext.empty().withFeature("proposal").call(() -> answer(SHORT, router))).isEqualTo("premium");
        assertThat(AiContext.empty().withFeature("battle_card").call(() -> answer(longPrompt, router))).isEqualTo("economy");
        assertThat(answer(SHORT, router)).isEqualTo("economy");
        assertThat(answer(withTools, router)).isEqualTo("standard");
        assertThat(answer(longPrompt, router)).isEqualTo("standard");
        assertThat(answer(SHORT, router.forComplexity(TaskProfile.Complexity.HIGH))).isEqualTo("premium");
        assertThat(answer(SHORT, router.forTier(ModelTier.STANDARD))).isEqualTo("standard");
        assertThat(answer(SHORT, router.forEndpoint("pre"))).isEqualTo("premium");
        assertThatThrownBy(() -> router.forEndpoint("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("eco");
    }

    @Test
    void missingTierUsesTheNextHigherTier() {
        ModelRouter router = ModelRouter.builder().priceTable(prices)
                .endpoint(ModelEndpoint.of("std", "test", "standard", ModelTier.STANDARD, 128_000, standard)).build();

        assertThat(answer(SHORT, router.forTier(ModelTier.ECONOMY))).isEqualTo("standard");
    }

    @Test
    void aRequestedModelNameRoutesToTheEndpointServingItOrIsRejected() {
        ModelRouter router = router().build();

        // "premium" is served by the PREMIUM endpoint although the policy would pick ECONOMY for a short prompt
        assertThat(answer(SHORT.toBuilder().modelName("premium").build(), router)).isEqualTo("premium");
        assertThat(premium.requests.get(0).parameters().modelName()).isNull();
        assertThat(answer(SHORT.toBuilder().modelName("std").build(), router)).isEqualTo("standard");
        assertThatThrownBy(() -> router.chat(SHORT.toBuilder().modelName("gpt-4o").build()))
                .isInstanceOfSatisfying(ModelCallException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ModelCallException.Reason.UNKNOWN_MODEL);
                    assertThat(e).hasMessageContaining("gpt-4o").hasMessageContaining("economy");
                });
        assertThatThrownBy(() -> router.forEndpoint("eco").chat(SHORT.toBuilder().modelName("premium").build()))
                .isInstanceOfSatisfying(ModelCallException.class,
                        e -> assertThat(e.reason()).isEqualTo(ModelCallException.Reason.UNKNOWN_MODEL));
        assertThat(economy.calls).hasValue(0);
        assertThat(router.costTracker().store().find(dev.salesagent.core.cost.UsageStore.Query.all())).hasSize(2);
    }

    @Test
    void plainLangChain4jExceptionsAreClassified() {
        StubChatModel failing = new StubChatModel("failing", () -> new InternalServerException("boom"));
        StubChatModel denied = new StubChatModel("denied", () -> new AuthenticationException("bad key"));
        StubChatModel tooLong = new StubChatModel("tooLong",
                () -> new InvalidRequestException("prompt is too long: 210000 tokens > 200000 maximum"));
        ModelRouter router = ModelRouter.builder().priceTable(prices).sleeper(d -> { }).maxAttemptsPerEndpoint(2)
                .endpoint(ModelEndpoint.of("a", "test", "economy", ModelTier.ECONOMY, 100_000, failing))
                .endpoint(ModelEndpoint.of("b", "test", "economy", ModelTier.ECONOMY, 100_000, tooLong))
                .endpoint(ModelEndpoint.of("c", "test", "standard", ModelTier.STANDARD, 300_000, standard))
                .endpoint(ModelEndpoint.of("d", "test", "premium", ModelTier.PREMIUM, 100_000, denied))
                .build();

        assertThat(answer(SHORT, router.forTier(ModelTier.ECONOMY))).isEqualTo("standard");
        assertThat(failing.calls).hasValue(2);
        assertThat(tooLong.calls).hasValue(1);
        assertThatThrownBy(() -> router.forEndpoint("d").chat(SHORT)).isInstanceOfSatisfying(ModelCallException.class,
                e -> assertThat(e.reason()).isEqualTo(ModelCallException.Reason.AUTHENTICATION));
        assertThat(denied.calls).hasValue(1);
        // a forced endpoint is never escalated to another one
        assertThatThrownBy(() -> router.forEndpoint("b").chat(SHORT)).isInstanceOfSatisfying(ModelCallException.class,
                e -> assertThat(e.reason()).isEqualTo(ModelCallException.Reason.CONTEXT_LENGTH));
        assertThat(standard.calls).hasValue(1);
    }

    @Test
    void twoHundredThreadsRacingATenantBudgetThroughTheRouterNeverOvershootIt() throws Exception {
        // worst case per call at economy (1 / 2 USD per 1M): "hi" = 2 bytes + 4 per message + 3 = 9 prompt tokens,
        // + 4096 output cap => 9 * 1 + 4096 * 2 = 8201 per 1M = 0.008201 USD: exactly 50 fit in the limit at once.
        // actual per call: 100 * 1 + 10 * 2 = 120 per 1M = 0.00012 USD
        BigDecimal limit = new BigDecimal("0.41005");
        Budget budget = Budget.forTenant("acme").daily().hardLimitUsd(limit).build();
        CostTracker tracker = CostTracker.builder().budget(budget).build();
        ModelRouter router = router().costTracker(tracker).build();
        int threads = 200;
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger refused = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    AiContext.builder().tenant("acme").build().run(() -> {
                        try {
                            router.forTier(ModelTier.ECONOMY).chat(SHORT);
                        } catch (BudgetExceededException e) {
                            refused.incrementAndGet();
                        }
                    });
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        Budget.Status status = tracker.budgetStatus(budget);
        assertThat(status.reservedUsd()).isZero();
        assertThat(status.spentUsd()).isLessThanOrEqualTo(limit)
                .isEqualByComparingTo(new BigDecimal("0.00012").multiply(BigDecimal.valueOf(economy.calls.get())));
        assertThat(economy.calls.get() + refused.get()).isEqualTo(threads);
        // at most 50 worst cases fit at once, so at least 50 calls get through
        assertThat(economy.calls.get()).isGreaterThanOrEqualTo(50);
    }
}
