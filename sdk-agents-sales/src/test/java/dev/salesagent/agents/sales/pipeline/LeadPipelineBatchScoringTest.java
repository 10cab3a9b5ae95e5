package dev.salesagent.agents.sales.pipeline;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.salesagent.agents.sales.Method;
import dev.salesagent.agents.sales.ModelOptions;
import dev.salesagent.agents.sales.OpenAiStub;
import dev.salesagent.agents.sales.SalesAgents;
import dev.salesagent.agents.sales.lead.Lead;
import dev.salesagent.agents.sales.scoring.Grade;
import dev.salesagent.crm.memory.InMemoryCrmClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Batch scoring in the pipeline: the real langchain4j-open-ai client against WireMock serving OpenAI's Chat
 * Completions shape (https://platform.openai.com/docs/api-reference/chat/object).
 */
class LeadPipelineBatchScoringTest {

    private final OpenAiStub openAi = new OpenAiStub();

    @AfterEach
    void stop() {
        openAi.close();
    }

    private static String email(int i) {
        return "buyer" + i + "@company" + i + ".example.com";
    }

    /** Scores for one call of 5 leads, listed in reverse id order so only the ids can map them back. */
    private static String answer(int firstIndex) {
        List<String> items = new ArrayList<>();
        for (int k = 5; k >= 1; k--) {
            int i = firstIndex + k - 1;
            int b;
            int rest;
            if (i == 0) {          // hot: grade A
                b = 90;
                rest = 90;
            } else if (i == 7) {   // warm: grade C
                b = 45;
                rest = 45;
            } else {               // cold: grade D, budget tells the leads apart
                b = 11 + i;
                rest = 10;
            }
            items.add("{\"id\":\"lead-" + k + "\",\"budget\":" + b + ",\"authority\":" + rest + ",\"need\":" + rest
                    + ",\"timeline\":" + rest + ",\"reasons\":[\"lead " + i + " fits\"]}");
        }
        return "{\"scores\":[" + String.join(",", items) + "]}";
    }

    @Test
    void tenLeadsWithBatchSizeFiveMakeTwoScoringCallsMappedBackById() {
        openAi.answerWhenBodyContains(email(0), answer(0));
        openAi.answerWhenBodyContains(email(5), answer(5));
        // registered later, so they win over the e-mail stubs for outreach and follow-up calls
        openAi.answerWhenBodyContains("\"outreach_draft\"",
                "{\"subject\":\"Hello\",\"body\":\"Hi, a short note about your pipeline.\",\"factsUsed\":[]}");
        openAi.answerWhenBodyContains("\"follow_up_plan\"",
                "{\"touches\":[{\"day\":0,\"channel\":\"email\",\"purpose\":\"intro\"}]}");
        InMemoryCrmClient crm = InMemoryCrmClient.create();
        LeadPipeline pipeline = LeadPipeline.builder().crm(crm).batchScoring(true).threads(3)
                .agents(SalesAgents.builder().chatModel(openAi.model)
                        .modelOptions(ModelOptions.defaults().withBatchSize(5)).build())
                .build();
        List<Lead> leads = IntStream.range(0, 10).mapToObj(i -> Lead.builder().id("L" + i).company("Company " + i)
                .email(email(i)).title("VP Sales").build()).toList();

        PipelineResult result = pipeline.run(leads);

        List<LoggedRequest> scoring = openAi.requests().stream()
                .filter(r -> r.getBodyAsString().contains("\"lead_scores\"")).toList();
        assertThat(scoring).hasSize(2);
        for (int call = 0; call < 2; call++) {
            String body = scoring.get(call).getBodyAsString();
            int first = body.contains(email(0)) ? 0 : 5;
            for (int i = 0; i < 10; i++) {
                assertThat(body.contains(email(i))).as("lead %d in the call of leads %d-%d", i, first, first + 4)
                        .isEqualTo(i >= first && i < first + 5);
            }
        }
        assertThat(result.status()).isEqualTo(PipelineResult.Status.COMPLETED);
        assertThat(result.leads()).extracting(LeadResult::id)
                .containsExactly("L0", "L1", "L2", "L3", "L4", "L5", "L6", "L7", "L8", "L9");
        for (LeadResult r : result.leads()) {
            int i = r.index();
            assertThat(r.error()).isNull();
            assertThat(r.method()).isEqualTo(Method.MODEL);
            assertThat(r.model()).isEqualTo(OpenAiStub.MODEL);
            assertThat(r.reasons()).containsExactly("lead " + i + " fits");
            int budget = i == 0 ? 90 : i == 7 ? 45 : 11 + i;
            assertThat(r.breakdown().budget()).as("budget of lead %d", i).isEqualTo(budget);
            assertThat(r.grade()).isEqualTo(i == 0 ? Grade.A : i == 7 ? Grade.C : Grade.D);
            assertThat(r.crm().synced()).isTrue();
        }
        LeadResult hot = result.leads().get(0);
        assertThat(hot.outreach().method()).isEqualTo(Method.MODEL);
        assertThat(hot.followUp().touches()).hasSize(1);
        assertThat(result.leads().get(7).followUp()).isNotNull();          // warm: nurture plan
        assertThat(result.leads().get(7).outreach()).isNull();
        assertThat(result.leads().get(3).followUp()).isNull();             // cold
        // 2 scoring + 2 for the hot lead + 1 nurture plan = 5 calls of 420 input / 80 output tokens
        assertThat(openAi.requests()).hasSize(5);
        assertThat(result.inputTokens()).isEqualTo(5 * 420);
        assertThat(result.outputTokens()).isEqualTo(5 * 80);
        assertThat(hot.inputTokens()).isEqualTo(420 / 5 + 2 * 420);          // its share of the batch + its own calls
        assertThat(result.leads().get(3).inputTokens()).isEqualTo(420 / 5);
        assertThat(crm.contacts().findByEmail(email(9))).isPresent();
    }

    @Test
    void aRunAwaitingApprovalShowsTheBatchScoresAndSyncsThemOnApproval() {
        openAi.answerWhenBodyContains(email(0), answer(0));
        openAi.answerWhenBodyContains(email(5), answer(5));
        openAi.answerWhenBodyContains("\"outreach_draft\"",
                "{\"subject\":\"Hello\",\"body\":\"Hi, a short note about your pipeline.\",\"factsUsed\":[]}");
        openAi.answerWhenBodyContains("\"follow_up_plan\"",
                "{\"touches\":[{\"day\":0,\"channel\":\"email\",\"purpose\":\"intro\"}]}");
        InMemoryCrmClient crm = InMemoryCrmClient.create();
        LeadPipeline pipeline = LeadPipeline.builder().crm(crm).batchScoring(true).requireApproval(true)
                .agents(SalesAgents.builder().chatModel(openAi.model)
                        .modelOptions(ModelOptions.defaults().withBatchSize(5)).build())
                .build();

        PipelineResult paused = pipeline.run(IntStream.range(0, 10).mapToObj(i -> Lead.builder().id("L" + i)
                .company("Company " + i).email(email(i)).title("VP Sales").build()).toList());

        assertThat(paused.status()).isEqualTo(PipelineResult.Status.AWAITING_APPROVAL);
        assertThat(paused.leads()).extracting(LeadResult::grade).containsExactly(Grade.A, Grade.D, Grade.D, Grade.D,
                Grade.D, Grade.D, Grade.D, Grade.C, Grade.D, Grade.D);
        assertThat(paused.leads().get(0).outreach()).isNotNull();
        assertThat(crm.contacts().findByEmail(email(0))).isEmpty();

        PipelineResult done = pipeline.approve(paused.threadId());

        assertThat(done.status()).isEqualTo(PipelineResult.Status.COMPLETED);
        assertThat(done.crm().contactsCreated()).isEqualTo(10);
        assertThat(openAi.requests()).hasSize(5); // nothing analysed or scored again
    }

    @Test
    void aFailedBatchFailsOnlyItsLeads() {
        openAi.answerWhenBodyContains(email(0), answer(0));
        openAi.answerWhenBodyContains(email(5), "{\"scores\":[]}"); // invalid, and again after the repair request
        openAi.answerWhenBodyContains("\"outreach_draft\"",
                "{\"subject\":\"Hello\",\"body\":\"Hi, a short note about your pipeline.\",\"factsUsed\":[]}");
        openAi.answerWhenBodyContains("\"follow_up_plan\"",
                "{\"touches\":[{\"day\":0,\"channel\":\"email\",\"purpose\":\"intro\"}]}");
        InMemoryCrmClient crm = InMemoryCrmClient.create();
        LeadPipeline pipeline = LeadPipeline.builder().crm(crm).batchScoring(true).threads(2)
                .agents(SalesAgents.builder().chatModel(openAi.model)
                        .modelOptions(ModelOptions.defaults().withBatchSize(5)).build())
                .build();

        PipelineResult result = pipeline.run(IntStream.range(0, 10).mapToObj(i -> Lead.builder().id("L" + i)
                .company("Company " + i).email(email(i)).title("VP Sales").build()).toList());

        assertThat(result.leads().subList(0, 5)).allSatisfy(r -> assertThat(r.error()).isNull());
        assertThat(result.leads().subList(5, 10)).allSatisfy(r -> {
            assertThat(r.error()).startsWith("InvalidModelOutputException").contains("no score for lead id 'lead-1'");
            assertThat(r.crm().synced()).isFalse();
            assertThat(r.inputTokens()).isEqualTo(2 * 420 / 5); // the call and its repair, shared by 5 leads
        });
        assertThat(crm.contacts().findByEmail(email(4))).isPresent();
        assertThat(crm.contacts().findByEmail(email(5))).isEmpty();
    }
}
