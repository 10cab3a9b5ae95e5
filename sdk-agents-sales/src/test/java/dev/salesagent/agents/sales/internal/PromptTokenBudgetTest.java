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
            "proposal.system.txt, 129",
            "battle_card.system.txt, 137",
            "conversation_analysis.system.txt, 186",
            "data-envelope.txt, 89",
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
}
