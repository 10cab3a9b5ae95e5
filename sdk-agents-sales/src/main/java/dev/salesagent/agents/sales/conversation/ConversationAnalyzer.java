package dev.salesagent.agents.sales.conversation;

import dev.langchain4j.model.chat.ChatModel;
import dev.salesagent.agents.sales.InvalidModelOutputException;
import dev.salesagent.agents.sales.ModelOptions;
import dev.salesagent.agents.sales.internal.StructuredChat;

/** Analyzes a call, e-mail thread or meeting transcript. Thread-safe. */
public interface ConversationAnalyzer {

    /**
     * @throws InvalidModelOutputException (model) if the answer is invalid after one repair retry, including when
     *                                     an objection's quote does not occur in the transcript
     */
    ConversationAnalysis analyze(Transcript transcript);

    /** Lexicon and pattern based analysis (see {@link RulesConversationAnalyzer}). */
    static ConversationAnalyzer rules() {
        return new RulesConversationAnalyzer();
    }

    /**
     * A chat model analyzes the transcript (feature {@code conversation_analysis}); talk time is still counted
     * here and every quoted objection must be verbatim from the transcript.
     */
    static ConversationAnalyzer model(ChatModel model, ModelOptions options) {
        return new ModelConversationAnalyzer(new StructuredChat(model, options));
    }
}
