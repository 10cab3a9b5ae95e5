package dev.salesagent.agents.graph;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.salesagent.core.context.AiContext;
import dev.salesagent.core.cost.BudgetExceededException;
import dev.salesagent.core.cost.CostTracker;
import dev.salesagent.core.cost.UsageRecord;
import dev.salesagent.core.cost.UsageStore;
import dev.salesagent.core.model.ModelRouter;
import dev.salesagent.core.model.ModelTier;
import dev.salesagent.model.openai.OpenAiEndpoints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.salesagent.agents.graph.GraphTestSupport.TRACE;
import static dev.salesagent.agents.graph.StateGraph.END;
import static dev.salesagent.agents.graph.StateGraph.START;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Run cost: every node runs with the run's AiContext and cost scope, sdk-core's real ModelRouter reserves
 * each call in it, and {@code maxCost} stops the run before a call would pass it. The router talks to
 * WireMock serving OpenAI's chat-completion shape (https://platform.openai.com/docs/api-reference/chat/object).
 */
class GraphCostTest {

    private WireMockServer wm;
    private ModelRouter router;
    private CostTracker tracker;
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @BeforeEach
    void start() {
        wm = new WireMockServer(options().dynamicPort());
        wm.start();
        wm.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"id": "chatcmpl-1", "object": "chat.completion", "created": 1741569952, "model": "gpt-4o-mini-2024-07-18",
                         "choices": [{"index": 0, "message": {"role": "assistant", "content": "Score: 80", "refusal": null},
                                      "logprobs": null, "finish_reason": "stop"}],
                         "usage": {"prompt_tokens": 1000, "completion_tokens": 100, "total_tokens": 1100,
                                   "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0}}}
                        """)));
        tracker = CostTracker.inMemory();
        router = ModelRouter.builder()
                .endpoint(OpenAiEndpoints.builder("gpt", ModelTier.ECONOMY).model("gpt-4o-mini").apiKey("sk-test")
                        .baseUrl(wm.baseUrl() + "/v1").maxOutputTokens(500).timeout(Duration.ofSeconds(5)).build())
                .costTracker(tracker).build();
    }

    @AfterEach
    void stop() {
        wm.stop();
        pool.shutdownNow();
    }

    private Node scoring(String name) {
        return (s, c) -> {
            String text = router.chat(ChatRequest.builder().messages(UserMessage.from("Score lead " + name)).build()).aiMessage().text();
            return Update.append(TRACE, name + ":" + text);
        };
    }

    @Test
    @DisplayName("maxCost stops the run before the model call: WireMock sees no request and the checkpoint is intact")
    void maxCostStopsBeforeTheModelCall() {
        InMemoryCheckpointer cp = new InMemoryCheckpointer();
        CompiledGraph g = StateGraph.of(TRACE).addNode("prepare", GraphTestSupport.tracing("prepare")).addNode("score", scoring("lead-1"))
                .addEdge(START, "prepare").addEdge("prepare", "score").addEdge("score", END)
                .compile(CompileConfig.builder().checkpointer(cp).build());
        RunResult r = g.invoke(Update.empty(), RunConfig.builder().threadId("budget-1").executor(pool)
                .maxCost(new BigDecimal("0.0001")).build());

        assertThat(r.status()).isEqualTo(RunResult.Status.BUDGET_EXCEEDED);
        assertThat(r.error()).isInstanceOf(BudgetExceededException.class);
        assertThat(((BudgetExceededException) r.error()).budget()).isEqualTo("run:" + r.runId());
        assertThat(r.costUsd()).isEqualByComparingTo("0");
        wm.verify(0, postRequestedFor(urlEqualTo("/v1/chat/completions")));
        Checkpoint latest = g.state("budget-1").orElseThrow();
        assertThat(latest.state().get(TRACE)).containsExactly("prepare");
        assertThat(latest.nextNodes()).containsExactly("score");

        // with a larger budget the same thread resumes and pays for exactly one call
        RunResult resumed = g.resume(Resume.empty(), RunConfig.builder().threadId("budget-1").maxCost(new BigDecimal("0.05")).build());
        assertThat(resumed.status()).isEqualTo(RunResult.Status.COMPLETED);
        wm.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    @Test
    @DisplayName("parallel nodes call the model with the run's tenant, user and run id; the result carries the totals")
    void totalsAndContextAcrossParallelBranches() {
        Map<String, AiContext> seen = new ConcurrentHashMap<>();
        Node capture = (s, c) -> {
            seen.put(c.node(), AiContext.current());
            return Update.empty();
        };
        CompiledGraph g = StateGraph.of(TRACE)
                .addNode("a", scoring("a")).addNode("b", scoring("b")).addNode("ctx", capture)
                .addEdge(START, "a").addEdge(START, "b").addEdge(START, "ctx")
                .addEdge("a", END).addEdge("b", END).addEdge("ctx", END).compile();
        RunResult r = g.invoke(Update.empty(), RunConfig.builder().tenant("acme").user("u-7").feature("lead_scoring")
                .executor(pool).maxCost(new BigDecimal("0.05")).build());

        assertThat(r.status()).isEqualTo(RunResult.Status.COMPLETED);
        assertThat(r.get(TRACE)).containsExactly("a:Score: 80", "b:Score: 80");
        assertThat(r.inputTokens()).isEqualTo(2000);
        assertThat(r.outputTokens()).isEqualTo(200);
        // gpt-4o-mini: (1000 * 0.15 + 100 * 0.60) / 1M USD = 0.00021 per call
        assertThat(r.costUsd()).isEqualByComparingTo("0.00042");
        List<UsageRecord> records = tracker.store().find(UsageStore.Query.all());
        assertThat(records).hasSize(2).allSatisfy(u -> {
            assertThat(u.tenant()).isEqualTo("acme");
            assertThat(u.user()).isEqualTo("u-7");
            assertThat(u.feature()).isEqualTo("lead_scoring");
            assertThat(u.runId()).isEqualTo(r.runId());
        });
        AiContext ctx = seen.get("ctx");
        assertThat(ctx.tenant()).isEqualTo("acme");
        assertThat(ctx.runId()).isEqualTo(r.runId());
        assertThat(ctx.costScope().name()).isEqualTo("run:" + r.runId());
        assertThat(ctx.costScope().limitUsd()).contains(new BigDecimal("0.05"));
    }
}
