package dev.salesagent.agents.sales.internal;

import dev.langchain4j.model.openai.OpenAiTokenCountEstimator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins each sales prompt's size in tokens (o200k_base, the gpt-4o / gpt-4.1 tokenizer, through LangChain4j's
 * {@code OpenAiTokenCountEstimator}) so that growth is visible: a prompt may shrink, but growing past its pinned count
 * fails until the pin is raised on purpose. Every call pays for these tokens, and they sit below the 1,024-token
 * minimum of OpenAI's and Anthropic's prompt caching, so they are billed in full on every call.
 */
class PromptTokenBudgetTest {

    private static final OpenAiTokenCountEstimator O200K = new OpenAiTokenCountEstimator("gpt-4o");

    @ParameterizedTest(name = "{0} has at most {1} tokens")
    @CsvSource({
            "lead_scoring.system.txt, 241",
            "outreach.system.txt, 176",
            "follow_up.system.txt, 132",
            "proposal.system.txt, 104",
            "battle_card.system.txt, 137",
            "conversation_analysis.system.txt, 163",
            "data-envelope.txt, 55",
            "repair.txt, 35"
    })
    void promptStaysWithinItsPinnedTokenCount(String file, int pinned) throws IOException {
        String prompt;
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("prompts/" + file), file)) {
            prompt = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int tokens = O200K.estimateTokenCountInText(prompt);
        assertThat(tokens).as("tokens of %s (pinned %d; raise the pin only on purpose)", file, pinned)
                .isPositive().isLessThanOrEqualTo(pinned);
    }

    /**
     * The whole request (system message with the data rule, user message with the compact data) of the two premium
     * features for {@link PromptCompressionTest}'s fixtures: a proposal whose notes repeat a discovery note three
     * times, and a 40-turn call. Before compression (pretty JSON, null fields, utterance objects, every research fact,
     * the data rule in the user message, the prompt texts before they were shortened) they were 737 and 2,202 tokens:
     * compression saves 49% and 27%.
     */
    @ParameterizedTest(name = "the {0} request has at most {1} tokens")
    @CsvSource({"proposal, 373", "conversation_analysis, 1616"})
    void aFullRequestStaysWithinItsPinnedTokenCount(String skill, int pinned) {
        String user = skill.equals("proposal")
                ? StructuredChat.userMessage("Write the prose sections of a proposal for this deal.",
                PromptData.proposal(PromptCompressionTest.SELLER, PromptCompressionTest.proposal()))
                : StructuredChat.userMessage("Analyze this conversation.",
                PromptData.conversation(PromptCompressionTest.conversation()));
        int tokens = O200K.estimateTokenCountInText(StructuredChat.systemMessage(skill))
                + O200K.estimateTokenCountInText(user);
        assertThat(tokens).as("tokens of the %s request (pinned %d; raise the pin only on purpose)", skill, pinned)
                .isPositive().isLessThanOrEqualTo(pinned);
    }
}
