package dev.salesagent.agents.sales.pipeline;

import dev.salesagent.agents.sales.Method;
import dev.salesagent.agents.sales.OpenAiStub;
import dev.salesagent.agents.sales.SalesAgents;
import dev.salesagent.agents.sales.lead.Lead;
import dev.salesagent.agents.sales.research.ResearchFact;
import dev.salesagent.agents.sales.scoring.Grade;
import dev.salesagent.crm.memory.InMemoryCrmClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The pipeline with model agents (real OpenAI client against WireMock). */
class LeadPipelineModelTest {

    private final OpenAiStub openAi = new OpenAiStub();

    @AfterEach
    void stop() {
        openAi.close();
    }

    @Test
    void modelAgentsScoreDraftAndPlanAndAFailingLeadDoesNotStopTheOthers() {
        openAi.answerWhenBodyContains("dana@globex.com", "{\"scores\":[{\"id\":\"lead-1\",\"budget\":80,\"authority\":90,"
                + "\"need\":80,\"timeline\":70,\"reasons\":[\"authority 90: title 'VP Sales' is VP level\"]}]}");
        openAi.answerWhenBodyContains("bad@initech.com", "{\"scores\":[{\"id\":\"lead-1\",\"budget\":900}]}");
        openAi.answerWhenBodyContains("\"outreach_draft\"",
                "{\"subject\":\"Globex pipeline\",\"body\":\"Hi Dana, as VP Sales at Globex...\",\"factsUsed\":[1]}");
        openAi.answerWhenBodyContains("\"follow_up_plan\"",
                "{\"touches\":[{\"day\":0,\"channel\":\"email\",\"purpose\":\"intro\"},"
                        + "{\"day\":2,\"channel\":\"phone\",\"purpose\":\"call\"}]}");
        InMemoryCrmClient crm = InMemoryCrmClient.create();
        LeadPipeline pipeline = LeadPipeline.builder().crm(crm)
                .agents(SalesAgents.builder().chatModel(openAi.model).build()).threads(2).build();

        PipelineResult result = pipeline.run(List.of(
                Lead.builder().company("Globex").email("dana@globex.com").title("VP Sales").industry("Software").build(),
                Lead.builder().company("Initech").email("bad@initech.com").title("CTO").build()));

        LeadResult good = result.leads().get(0);
        assertThat(good.method()).isEqualTo(Method.MODEL);
        assertThat(good.model()).isEqualTo(OpenAiStub.MODEL);
        assertThat(good.grade()).isEqualTo(Grade.A);
        assertThat(good.outreach().method()).isEqualTo(Method.MODEL);
        assertThat(good.outreach().factsUsed()).extracting(ResearchFact::text).containsExactly("Globex works in Software");
        assertThat(good.followUp().touches()).hasSize(2);
        // three calls of 420 input / 80 output tokens, recorded unpriced because the model is not sdk-core's router
        assertThat(good.inputTokens()).isEqualTo(3 * 420);
        assertThat(good.outputTokens()).isEqualTo(3 * 80);

        LeadResult bad = result.leads().get(1);
        assertThat(bad.error()).startsWith("InvalidModelOutputException").contains("scores[0].budget must be 0-100");
        assertThat(bad.inputTokens()).isEqualTo(2 * 420); // the answer and its repair attempt
        assertThat(bad.crm().synced()).isFalse();
        assertThat(result.inputTokens()).isEqualTo(5 * 420);
        assertThat(crm.contacts().findByEmail("bad@initech.com")).isEmpty();
        assertThat(crm.contacts().findByEmail("dana@globex.com")).isPresent();
        assertThat(openAi.features).containsOnly("lead_scoring", "outreach", "follow_up");
    }
}
