package dev.salesagent.agents.sales.conversation;

import dev.langchain4j.model.chat.ChatModel;
import dev.salesagent.agents.sales.InvalidModelOutputException;
import dev.salesagent.agents.sales.ModelOptions;
import dev.salesagent.agents.sales.internal.StructuredChat;

/** Analyzes a call, e-mail thread or meeting transcript. Thread-safe. */
public interface ConversationAnalyzer {

    /**
     * @param transcript the parsed transcript
     * @return sentiment, topics, objections, next actions, talk time and questions
     * @throws InvalidModelOutputException (model) if the answer is invalid after one repair retry, including when
     *                                     an objection's quote does not occur in the transcript
     */
    ConversationAnalysis analyze(Transcript transcript);

    /** {@return an analyzer based on lexicons and patterns (see {@link RulesConversationAnalyzer})} */
    static ConversationAnalyzer rules() {
        return new RulesConversationAnalyzer();
    }

    /**
     * A chat model analyzes the transcript (feature {@code conversation_analysis}); talk time is still counted
     * here and every quoted objection must be verbatim from the transcript.
     *
     * @param model the chat model that analyzes the transcript
     * @param options batch size, temperature, output cap and cache of the model calls
     * @return an analyzer in which a chat model reads the transcript (feature {@code conversation_analysis})
     */
    static ConversationAnalyzer model(ChatModel model, ModelOptions options) {
        return new ModelConversationAnalyzer(new StructuredChat(model, options));
    }
}
