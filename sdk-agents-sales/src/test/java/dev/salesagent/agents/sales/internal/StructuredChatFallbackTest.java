package dev.salesagent.agents.sales.internal;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.salesagent.agents.sales.lead.Lead;
import dev.salesagent.agents.sales.research.LeadResearch;
import dev.salesagent.agents.sales.scoring.LeadScore;
import dev.salesagent.agents.sales.scoring.LeadScorer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Models that refuse a native JSON schema (LangChain4j's UnsupportedFeatureException) get it in the prompt. */
class StructuredChatFallbackTest {

    @Test
    void theSchemaMovesIntoThePromptWhenTheModelRefusesIt() {
        List<ChatRequest> seen = new ArrayList<>();
        ChatModel noSchema = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                seen.add(request);
                if (request.responseFormat() != null) {
                    throw new UnsupportedFeatureException("JSON response format is not supported by this model");
                }
                return ChatResponse.builder().aiMessage(AiMessage.from("{\"scores\":[{\"id\":\"lead-1\",\"budget\":45,"
                        + "\"authority\":40,\"need\":60,\"timeline\":50,\"reasons\":[\"r\"]}]}")).modelName("m-1").build();
            }
        };
        LeadScorer scorer = LeadScorer.model(noSchema);
        Lead lead = Lead.builder().email("a@b.com").build().normalized();

        LeadScore first = scorer.score(lead, LeadResearch.none());
        LeadScore second = scorer.score(lead, LeadResearch.none());

        // within the facts of a lead without company, size, title or notes (at most the neutral 50): no correction
        int expected = dev.salesagent.agents.sales.scoring.IdealCustomerProfile.defaults()
                .overall(new dev.salesagent.agents.sales.scoring.BantScores(45, 40, 60, 50));
        assertThat(first.overall()).isEqualTo(expected);
        assertThat(second.overall()).isEqualTo(expected);
        assertThat(first.corrections()).isEmpty();
        assertThat(seen).hasSize(3); // refused once, then the prompt path for both calls
        assertThat(seen.get(0).responseFormat()).isNotNull();
        String prompt = ((UserMessage) seen.get(1).messages().get(1)).singleText();
        assertThat(prompt).contains("follows this JSON schema", "\"budget\" : {", "\"type\" : \"integer\"",
                "\"required\" : [ \"id\", \"budget\", \"authority\", \"need\", \"timeline\", \"reasons\" ]");
        assertThat(seen.get(2).responseFormat()).isNull();
    }
}
