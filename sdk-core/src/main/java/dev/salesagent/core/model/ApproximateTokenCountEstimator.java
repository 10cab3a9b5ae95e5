package dev.salesagent.core.model;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.TokenCountEstimator;

/**
 * A tokenizer-free estimate, the router's fallback when neither the router nor the endpoint names a tokenizer: about 4
 * characters per token (rounded up), 4 tokens per message and 3 for the reply's priming, as OpenAI documents for its
 * chat format; non-text content counts 1,500 tokens. Stateless and thread-safe.
 */
public final class ApproximateTokenCountEstimator implements TokenCountEstimator {

    /** The one instance. */
    public static final ApproximateTokenCountEstimator INSTANCE = new ApproximateTokenCountEstimator();

    private static final int NON_TEXT_TOKENS = 1_500;

    private ApproximateTokenCountEstimator() {
    }

    @Override
    public int estimateTokenCountInText(String text) {
        return text == null ? 0 : (int) ((text.length() + 3L) / 4);
    }

    @Override
    public int estimateTokenCountInMessage(ChatMessage message) {
        int tokens = 4;
        if (message instanceof SystemMessage s) {
            tokens += estimateTokenCountInText(s.text());
        } else if (message instanceof UserMessage u) {
            for (Content c : u.contents()) {
                tokens += c instanceof TextContent t ? estimateTokenCountInText(t.text()) : NON_TEXT_TOKENS;
            }
        } else if (message instanceof AiMessage a) {
            tokens += estimateTokenCountInText(a.text());
            if (a.hasToolExecutionRequests()) {
                tokens += estimateTokenCountInText(a.toolExecutionRequests().toString());
            }
        } else if (message instanceof ToolExecutionResultMessage r) {
            tokens += estimateTokenCountInText(r.text());
        } else if (message != null) {
            tokens += estimateTokenCountInText(message.toString());
        }
        return tokens;
    }

    @Override
    public int estimateTokenCountInMessages(Iterable<ChatMessage> messages) {
        long tokens = 3;
        for (ChatMessage m : messages) {
            tokens += estimateTokenCountInMessage(m);
        }
        return (int) Math.min(Integer.MAX_VALUE, tokens);
    }
}
