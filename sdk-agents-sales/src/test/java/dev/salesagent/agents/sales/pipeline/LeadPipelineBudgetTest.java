package dev.salesagent.agents.sales.pipeline;

import dev.salesagent.agents.sales.ModelOptions;
import dev.salesagent.agents.sales.OpenAiStub;
import dev.salesagent.agents.sales.SalesAgents;
import dev.salesagent.agents.sales.lead.Lead;
import dev.salesagent.core.cost.ModelPrice;
import dev.salesagent.core.cost.PriceTable;
import dev.salesagent.model.openai.OpenAiEndpoints;
import dev.salesagent.core.model.ModelRouter;
import dev.salesagent.core.model.ModelTier;
import dev.salesagent.crm.memory.InMemoryCrmClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pipeline run's {@code maxCost} covers its per-lead runs. sdk-core's real {@code ModelRouter} with the
 * langchain4j-open-ai client against WireMock (OpenAI's Chat Completions shape). Prices make the arithmetic exact:
 * input free, output $10,000 per million tokens, 100 output tokens per call at most, so each call reserves $1.00
 * (worst case) and costs $0.80 (80 output tokens in the stubbed usage).
 */
class LeadPipelineBudgetTest {

    private final OpenAiStub openAi = new OpenAiStub();

    @AfterEach
    void stop() {
        openAi.close();
    }

    private ModelRouter router() {
        return ModelRouter.builder()
                .endpoint(OpenAiEndpoints.builder("gpt", ModelTier.ECONOMY).model("gpt-4o-mini").apiKey("sk-test")
                        .baseUrl(openAi.server.baseUrl() + "/v1").maxOutputTokens(100).timeout(Duration.ofSeconds(5))
                        .build())
                .priceTable(PriceTable.of(ModelPrice.of("openai", "gpt-4o-mini", "0", "10000")))
                .build();
    }

    private LeadPipeline pipeline(InMemoryCrmClient crm, BigDecimal maxCost, boolean batch) {
        return LeadPipeline.builder().crm(crm).threads(2).maxCostUsd(maxCost).batchScoring(batch)
                .agents(SalesAgents.builder().chatModel(router())
                        .modelOptions(ModelOptions.defaults().withMaxOutputTokens(100).withBatchSize(2)).build())
                .build();
    }

    private void answerAll() {
        openAi.answerWhenBodyContains("\"lead_scores\"", "{\"scores\":[{\"id\":\"lead-1\",\"budget\":90,\"authority\":90,"
                + "\"need\":90,\"timeline\":90,\"reasons\":[\"fits\"]},{\"id\":\"lead-2\",\"budget\":90,\"authority\":90,"
                + "\"need\":90,\"timeline\":90,\"reasons\":[\"fits\"]}]}");
        openAi.answerWhenBodyContains("\"outreach_draft\"",
                "{\"subject\":\"Hello\",\"body\":\"Hi, a short note about your pipeline.\",\"factsUsed\":[]}");
        openAi.answerWhenBodyContains("\"follow_up_plan\"",
                "{\"touches\":[{\"day\":0,\"channel\":\"email\",\"purpose\":\"intro\"}]}");
    }

    private static List<Lead> twoHotLeads() {
        return List.of(Lead.builder().company("Globex").email("dana@globex.com").title("VP Sales").build(),
                Lead.builder().company("Initech").email("bill@initech.com").title("CTO").build());
    }

    @Test
    void perLeadRunsShareTheRunsLimitAndTheCallThatWouldPassItIsNeverSent() {
        // scoring answers carry one id per call here (batch off): lead-1 only is used
        openAi.answerWhenBodyContains("\"lead_scores\"", "{\"scores\":[{\"id\":\"lead-1\",\"budget\":90,"
                + "\"authority\":90,\"need\":90,\"timeline\":90,\"reasons\":[\"fits\"]}]}");
        openAi.answerWhenBodyContains("\"outreach_draft\"",
                "{\"subject\":\"Hello\",\"body\":\"Hi, a short note about your pipeline.\",\"factsUsed\":[]}");
        openAi.answerWhenBodyContains("\"follow_up_plan\"",
                "{\"touches\":[{\"day\":0,\"channel\":\"email\",\"purpose\":\"intro\"}]}");
        InMemoryCrmClient crm = InMemoryCrmClient.create();

        // each hot lead needs 3 calls; with $2.00 only two $1.00 reservations fit, whichever leads make them
        PipelineResult result = pipeline(crm, new BigDecimal("2.00"), false).run(twoHotLeads());

        assertThat(openAi.requests()).hasSize(2);
        assertThat(result.status()).isEqualTo(PipelineResult.Status.BUDGET_EXCEEDED);
        assertThat(result.leads()).allSatisfy(l -> {
            assertThat(l.error()).startsWith("BudgetExceededException:");
            assertThat(l.crm().synced()).isFalse();
        });
        assertThat(result.costUsd()).isEqualByComparingTo("1.60");
        assertThat(result.outputTokens()).isEqualTo(2 * 80);
        assertThat(crm.contacts().findByEmail("dana@globex.com")).isEmpty();
    }

    @Test
    void withoutALimitBothLeadsComplete() {
        openAi.answerWhenBodyContains("\"lead_scores\"", "{\"scores\":[{\"id\":\"lead-1\",\"budget\":90,"
                + "\"authority\":90,\"need\":90,\"timeline\":90,\"reasons\":[\"fits\"]}]}");
        openAi.answerWhenBodyContains("\"outreach_draft\"",
                "{\"subject\":\"Hello\",\"body\":\"Hi, a short note about your pipeline.\",\"factsUsed\":[]}");
        openAi.answerWhenBodyContains("\"follow_up_plan\"",
                "{\"touches\":[{\"day\":0,\"channel\":\"email\",\"purpose\":\"intro\"}]}");

        PipelineResult result = pipeline(InMemoryCrmClient.create(), null, false).run(twoHotLeads());

        assertThat(result.status()).isEqualTo(PipelineResult.Status.COMPLETED);
        assertThat(openAi.requests()).hasSize(6);
        assertThat(result.leads()).allSatisfy(l -> {
            assertThat(l.error()).isNull();
            assertThat(l.costUsd()).isEqualByComparingTo("2.40"); // per-lead cost read back from the shared scope
        });
        assertThat(result.costUsd()).isEqualByComparingTo("4.80");
    }

    @Test
    void inBatchModeTheScoringCallAndTheLeadRunsShareTheLimit() {
        answerAll();
        InMemoryCrmClient crm = InMemoryCrmClient.create();

        // one scoring call for both leads ($0.80), then $2.20 left: two more reservations of $1.00 fit, not a third
        PipelineResult result = pipeline(crm, new BigDecimal("3.00"), true).run(twoHotLeads());

        assertThat(openAi.requests()).hasSize(3);
        assertThat(openAi.requests().stream().filter(r -> r.getBodyAsString().contains("\"lead_scores\""))).hasSize(1);
        assertThat(result.status()).isEqualTo(PipelineResult.Status.BUDGET_EXCEEDED);
        assertThat(result.leads()).filteredOn(l -> l.error() != null && l.error().startsWith("BudgetExceededException:"))
                .isNotEmpty();
        assertThat(result.costUsd()).isEqualByComparingTo("2.40");
    }
}
