package dev.salesagent.core.model;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.salesagent.core.cache.ResponseCache;
import dev.salesagent.core.context.AiContext;
import dev.salesagent.core.cost.Budget;
import dev.salesagent.core.cost.BudgetExceededException;
import dev.salesagent.core.cost.CostScope;
import dev.salesagent.core.cost.CostTracker;
import dev.salesagent.core.cost.PriceTable;
import dev.salesagent.core.cost.UsageRecord;
import dev.salesagent.core.cost.UsageStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.salesagent.core.model.ProviderStubs.anthropic;
import static dev.salesagent.core.model.ProviderStubs.anthropicCall;
import static dev.salesagent.core.model.ProviderStubs.anthropicOk;
import static dev.salesagent.core.model.ProviderStubs.openAi;
import static dev.salesagent.core.model.ProviderStubs.openAiCall;
import static dev.salesagent.core.model.ProviderStubs.openAiCalls;
import static dev.salesagent.core.model.ProviderStubs.openAiOk;
import static dev.salesagent.core.model.ProviderStubs.openAiOkWithoutUsage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Usage records, exact cost, budgets, cost scopes, cache and meters through the router, on WireMock. */
class ModelRouterCostTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()
            .containerThreads(20)).build();

    private static final String GPT = "gpt-4o-mini";
    private static final String CLAUDE = "claude-haiku-4-5";
    private static final ChatRequest PROMPT = ChatRequest.builder()
            .messages(SystemMessage.from("You are a sales assistant."), UserMessage.from("Score lead 42")).build();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RecordingSleeper sleeper = new RecordingSleeper();

    private List<UsageRecord> records(CostTracker tracker) {
        return tracker.store().find(UsageStore.Query.all());
    }

    @Test
    void openAiCostUsesUncachedPromptTokensAndMatchesThePriceTableExactly() {
        wm.stubFor(openAiCall(GPT).willReturn(openAiOk("gpt-4o-mini-2024-07-18", "Score: 87", 2006, 1920, 300)));
        CostTracker tracker = CostTracker.builder().meterRegistry(registry).build();
        ModelRouter router = ModelRouter.builder().endpoint(openAi(wm, "gpt", ModelTier.ECONOMY, GPT))
                .costTracker(tracker).build();

        AiContext.builder().tenant("acme").user("u-7").feature("lead_scoring").runId("run-1").build()
                .run(() -> router.chat(PROMPT));

        wm.verify(openAiCalls(GPT).withRequestBody(matchingJsonPath("$.max_tokens", equalTo("500"))));
        UsageRecord r = records(tracker).get(0);
        assertThat(r.inputTokens()).isEqualTo(86);          // 2006 prompt - 1920 cached
        assertThat(r.cachedInputTokens()).isEqualTo(1920);
        assertThat(r.outputTokens()).isEqualTo(300);
        // gpt-4o-mini: 86 * 0.15 + 1920 * 0.075 + 300 * 0.60 = 12.9 + 144 + 180 = 336.9 USD per 1M tokens
        assertThat(r.costUsd()).isEqualByComparingTo("0.0003369");
        assertThat(r.costSource()).isEqualTo(UsageRecord.CostSource.PROVIDER);
        assertThat(r).extracting(UsageRecord::tenant, UsageRecord::user, UsageRecord::feature, UsageRecord::runId,
                UsageRecord::provider, UsageRecord::model, UsageRecord::endpoint)
                .containsExactly("acme", "u-7", "lead_scoring", "run-1", "openai", GPT, "gpt");
        assertThat(registry.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "input")
                .tag("gen_ai.provider.name", "openai").tag("gen_ai.request.model", GPT)
                .tag("gen_ai.response.model", "gpt-4o-mini-2024-07-18").tag("gen_ai.operation.name", "chat")
                .summary().totalAmount()).isEqualTo(2006);
        assertThat(registry.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "output").summary()
                .totalAmount()).isEqualTo(300);
        assertThat(registry.get("gen_ai.client.operation.duration").tag("gen_ai.request.model", GPT).tag("error.type", "none").timer().count())
                .isEqualTo(1);
        assertThat(registry.get("salesagent.ai.cost").tag("tenant", "acme").counter().count()).isEqualTo(0.0003369);
    }

    @Test
    void anthropicCostAddsCacheReadsAndWritesToUncachedInput() {
        wm.stubFor(anthropicCall(CLAUDE).willReturn(anthropicOk("claude-haiku-4-5-20251001", "Score: 61", 2095, 1800, 248, 503)));
        CostTracker tracker = CostTracker.inMemory();
        ModelRouter router = ModelRouter.builder().endpoint(anthropic(wm, "claude", ModelTier.ECONOMY, CLAUDE))
                .costTracker(tracker).build();

        router.chat(PROMPT);

        wm.verify(ProviderStubs.anthropicCalls(CLAUDE).withRequestBody(matchingJsonPath("$.max_tokens", equalTo("500"))));
        UsageRecord r = records(tracker).get(0);
        assertThat(r).extracting(UsageRecord::inputTokens, UsageRecord::cachedInputTokens, UsageRecord::cacheWriteTokens,
                UsageRecord::outputTokens).containsExactly(2095L, 1800L, 248L, 503L);
        // claude-haiku-4-5: 2095 * 1 + 1800 * 0.10 + 248 * 1.25 + 503 * 5 = 2095 + 180 + 310 + 2515 = 5100 per 1M
        assertThat(r.costUsd()).isEqualByComparingTo("0.0051");
        assertThat(r.tenant()).isEqualTo(AiContext.DEFAULT_TENANT);
    }

    @Test
    void missingUsageIsEstimatedAndUnknownModelsAreUnpricedNeverFree() {
        wm.stubFor(openAiCall(GPT).willReturn(openAiOkWithoutUsage(GPT, "An estimated answer of several tokens")));
        wm.stubFor(openAiCall("gpt-house-9").willReturn(openAiOk("gpt-house-9", "house", 100, 0, 10)));
        CostTracker tracker = CostTracker.builder().meterRegistry(registry).build();
        ModelRouter router = ModelRouter.builder().endpoint(openAi(wm, "gpt", ModelTier.ECONOMY, GPT))
                .endpoint(openAi(wm, "house", ModelTier.PREMIUM, "gpt-house-9")).costTracker(tracker).build();

        router.forEndpoint("gpt").chat(PROMPT);
        router.forEndpoint("house").chat(PROMPT);

        UsageRecord estimated = records(tracker).get(0);
        assertThat(estimated.costSource()).isEqualTo(UsageRecord.CostSource.ESTIMATED);
        assertThat(estimated.inputTokens()).isBetween(5L, 40L);
        assertThat(estimated.outputTokens()).isBetween(4L, 12L);
        assertThat(estimated.costUsd()).isEqualByComparingTo(PriceTable.defaults().find("openai", GPT).orElseThrow()
                .cost(estimated.inputTokens(), 0, 0, estimated.outputTokens()));
        UsageRecord unpriced = records(tracker).get(1);
        assertThat(unpriced.costSource()).isEqualTo(UsageRecord.CostSource.UNPRICED);
        assertThat(unpriced.costUsd()).isNull();
        assertThat(unpriced.inputTokens()).isEqualTo(100);
        assertThat(registry.get("salesagent.ai.cost.unpriced").tag("gen_ai.request.model", "gpt-house-9").counter()
                .count()).isEqualTo(1);
    }

    @Test
    void budgetHardStopSendsZeroRequests() {
        wm.stubFor(openAiCall(GPT).willReturn(openAiOk(GPT, "x", 10, 0, 5)));
        CostTracker tracker = CostTracker.builder()
                .budget(Budget.forTenant("acme").daily().hardLimitUsd(new BigDecimal("0.0001")).build()).build();
        ModelRouter router = ModelRouter.builder().endpoint(openAi(wm, "gpt", ModelTier.ECONOMY, GPT))
                .costTracker(tracker).build();

        // worst case: ~15 prompt tokens * 0.15 + 500 output-cap tokens * 0.60 per 1M = ~0.0003 USD > 0.0001
        assertThatThrownBy(() -> AiContext.builder().tenant("acme").build().run(() -> router.chat(PROMPT)))
                .isInstanceOfSatisfying(BudgetExceededException.class,
                        e -> assertThat(e.budget()).isEqualTo("tenant:acme/daily"));
        wm.verify(0, anyRequestedFor(anyUrl()));
        assertThat(records(tracker)).isEmpty();

        // a run's cost scope refuses the same way; the tenant budget is not charged
        CostScope run = CostScope.withLimit("run:9", new BigDecimal("0.0001"));
        assertThatThrownBy(() -> AiContext.builder().tenant("globex").costScope(run).build().run(() -> router.chat(PROMPT)))
                .isInstanceOfSatisfying(BudgetExceededException.class, e -> assertThat(e.budget()).isEqualTo("run:9"));
        wm.verify(0, anyRequestedFor(anyUrl()));
        assertThat(run.reservedUsd()).isZero();
    }

    @Test
    void costScopeOfTheRunReceivesEveryAttempt() {
        wm.stubFor(openAiCall(GPT).willReturn(openAiOk(GPT, "x", 1000, 0, 100)));
        ModelRouter router = ModelRouter.builder().endpoint(openAi(wm, "gpt", ModelTier.ECONOMY, GPT)).build();
        CostScope run = CostScope.withLimit("run:1", new BigDecimal("1"));

        AiContext.builder().tenant("acme").runId("run-1").costScope(run).build().run(() -> {
            router.chat(PROMPT);
            router.chat(PROMPT);
        });

        // 2 * (1000 * 0.15 + 100 * 0.60) / 1M = 2 * 0.00021
        assertThat(run.spentUsd()).isEqualByComparingTo("0.00042");
        assertThat(run.reservedUsd()).isZero();
        assertThat(run.records()).hasSize(2).allSatisfy(r -> assertThat(r.runId()).isEqualTo("run-1"));
    }

    @Test
    void alertThresholdFiresOnce() {
        wm.stubFor(openAiCall(GPT).willReturn(openAiOk(GPT, "x", 1000, 0, 100)));
        List<Budget.Alert> alerts = new CopyOnWriteArrayList<>();
        CostTracker tracker = CostTracker.builder()
                .budget(Budget.forTenant("acme").feature("proposal").monthly().expectedUsd(new BigDecimal("0.00042"))
                        .alertAtPercent(100).build())
                .alertListener(alerts::add).build();
        ModelRouter router = ModelRouter.builder().endpoint(openAi(wm, "gpt", ModelTier.ECONOMY, GPT))
                .costTracker(tracker).build();
        AiContext ctx = AiContext.builder().tenant("acme").feature("proposal").build();

        ctx.run(() -> router.chat(PROMPT));
        assertThat(alerts).isEmpty();
        ctx.run(() -> router.chat(PROMPT));
        ctx.run(() -> router.chat(PROMPT));
        ctx.run(() -> router.chat(PROMPT));

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.thresholdPercent()).isEqualTo(100);
            assertThat(a.spentUsd()).isEqualByComparingTo("0.00042");
            assertThat(a.budget().id()).isEqualTo("tenant:acme/feature:proposal/monthly");
        });
    }

    @Test
    void cacheHitSendsZeroRequestsAndRecordsAZeroCostHit() {
        wm.stubFor(openAiCall(GPT).willReturn(openAiOk(GPT, "Score: 87", 1000, 0, 100)));
        CostTracker tracker = CostTracker.builder().meterRegistry(registry).build();
        ModelRouter router = ModelRouter.builder().endpoint(openAi(wm, "gpt", ModelTier.ECONOMY, GPT))
                .costTracker(tracker)
                .responseCache(ResponseCache.inMemory(1_000),
                        ResponseCache.Policy.builder().feature("lead_scoring", Duration.ofHours(24)).build())
                .build();
        AiContext acme = AiContext.builder().tenant("acme").feature("lead_scoring").build();

        String first = acme.call(() -> router.chat(PROMPT).aiMessage().text());
        String second = acme.call(() -> router.chat(PROMPT).aiMessage().text());

        assertThat(second).isEqualTo(first).isEqualTo("Score: 87");
        wm.verify(1, openAiCalls(GPT));
        assertThat(records(tracker)).extracting(UsageRecord::outcome)
                .containsExactly(UsageRecord.Outcome.SUCCESS, UsageRecord.Outcome.CACHE_HIT);
        UsageRecord hit = records(tracker).get(1);
        assertThat(hit.cacheHit()).isTrue();
        assertThat(hit.costUsd()).isZero();
        assertThat(hit.tenant()).isEqualTo("acme");
        assertThat(tracker.totals(UsageStore.Query.all()).cacheHits()).isEqualTo(1);
        assertThat(registry.get("salesagent.ai.cache.requests").tag("result", "hit").counter().count()).isEqualTo(1);
        assertThat(registry.get("salesagent.ai.cache.requests").tag("result", "miss").counter().count()).isEqualTo(1);

        // another tenant, another temperature, or an uncached feature all miss
        AiContext.builder().tenant("globex").feature("lead_scoring").build().run(() -> router.chat(PROMPT));
        acme.run(() -> router.chat(PROMPT.toBuilder().temperature(0.9).build()));
        acme.withFeature("proposal").run(() -> router.chat(PROMPT));
        wm.verify(4, openAiCalls(GPT));
    }

    @Test
    void eightThreadsKeepTotalsExact() throws Exception {
        wm.stubFor(openAiCall(GPT).willReturn(openAiOk(GPT, "x", 1000, 200, 100)));
        CostTracker tracker = CostTracker.inMemory();
        ModelRouter router = ModelRouter.builder().endpoint(openAi(wm, "gpt", ModelTier.ECONOMY, GPT))
                .costTracker(tracker).build();
        int threads = 8;
        int callsEach = 20;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                String user = "u" + t;
                futures.add(pool.submit(() -> {
                    start.await();
                    AiContext.builder().tenant("acme").user(user).feature("outreach").build().run(() -> {
                        for (int i = 0; i < callsEach; i++) {
                            router.chat(PROMPT);
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

        // per call: 800 * 0.15 + 200 * 0.075 + 100 * 0.60 = 120 + 15 + 60 = 195 per 1M = 0.000195 USD
        UsageStore.Totals totals = tracker.totals(UsageStore.Query.all().tenant("acme"));
        assertThat(totals.calls()).isEqualTo(160);
        assertThat(totals.costUsd()).isEqualByComparingTo("0.0312");
        assertThat(totals.inputTokens()).isEqualTo(160 * 800);
        assertThat(totals.cachedInputTokens()).isEqualTo(160 * 200);
        assertThat(tracker.totalsBy(UsageStore.Dimension.USER, UsageStore.Query.all())).hasSize(8)
                .allSatisfy((user, t) -> assertThat(t.costUsd()).isEqualByComparingTo("0.0039"));
        wm.verify(160, openAiCalls(GPT));
    }
}
