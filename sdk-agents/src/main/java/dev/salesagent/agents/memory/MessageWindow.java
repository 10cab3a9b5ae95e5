package dev.salesagent.agents.memory;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.TokenCountEstimator;
import dev.salesagent.core.model.ApproximateTokenCountEstimator;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Short-term memory: the part of a conversation that fits a token budget. System messages are always
 * kept (first, in order); then the newest messages are kept while they fit. A tool call and its
 * results are kept or dropped together, so the window never starts with an orphan tool result.
 *
 * <p>The stored {@code messages} key is not changed: trim the prompt, not the history (checkpoints
 * keep everything, and storage stays linear thanks to deltas). Token counts come from a LangChain4j
 * {@link TokenCountEstimator}; the default is sdk-core's {@link ApproximateTokenCountEstimator} (about 4 characters
 * per token), so this module needs no provider client. Pass the tokenizer of the model you call for exact counts (e.g.
 * LangChain4j's {@code OpenAiTokenCountEstimator}, which sdk-model-openai's endpoints use). Thread-safe if the
 * estimator is.
 */
public final class MessageWindow {

    private final int maxTokens;
    private final TokenCountEstimator estimator;

    private MessageWindow(int maxTokens, TokenCountEstimator estimator) {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be >= 1 but was " + maxTokens);
        }
        this.maxTokens = maxTokens;
        this.estimator = Objects.requireNonNull(estimator, "estimator");
    }

    /**
     * A window of {@code maxTokens} tokens counted approximately ({@link ApproximateTokenCountEstimator}).
     *
     * @param maxTokens the budget in tokens, at least 1
     * @return the window
     * @throws IllegalArgumentException if {@code maxTokens} is below 1
     */
    public static MessageWindow ofTokens(int maxTokens) {
        return new MessageWindow(maxTokens, ApproximateTokenCountEstimator.INSTANCE);
    }

    /**
     * {@return a window of {@code maxTokens} tokens counted by {@code estimator}}
     *
     * @param maxTokens the budget in tokens, at least 1
     * @param estimator counts the tokens of each message
     */
    public static MessageWindow ofTokens(int maxTokens, TokenCountEstimator estimator) {
        return new MessageWindow(maxTokens, estimator);
    }

    /** {@return the budget, in tokens} */
    public int maxTokens() {
        return maxTokens;
    }

    /**
     * The messages to send: all system messages plus the newest others that fit in
     * {@link #maxTokens()} together (tokens as counted by the estimator). If the system messages
     * alone exceed the budget they are still returned, with nothing else.
     *
     * @param conversation the full conversation, oldest first
     * @return the messages to send, in their original order
     */
    public List<ChatMessage> trim(List<ChatMessage> conversation) {
        List<ChatMessage> system = new ArrayList<>();
        List<ChatMessage> rest = new ArrayList<>();
        for (ChatMessage m : conversation) {
            (m instanceof SystemMessage ? system : rest).add(m);
        }
        long used = 0;
        for (ChatMessage m : system) {
            used += estimator.estimateTokenCountInMessage(m);
        }
        int start = rest.size();
        int i = rest.size() - 1;
        while (i >= 0) {
            // a group is one message, or an AI tool-call message with the tool results after it
            int groupStart = i;
            if (rest.get(i) instanceof ToolExecutionResultMessage) {
                while (groupStart > 0 && rest.get(groupStart) instanceof ToolExecutionResultMessage) {
                    groupStart--;
                }
                if (!(rest.get(groupStart) instanceof AiMessage ai && ai.hasToolExecutionRequests())) {
                    groupStart = i; // orphan results: treat one by one
                }
            }
            long cost = 0;
            for (int k = groupStart; k <= i; k++) {
                cost += estimator.estimateTokenCountInMessage(rest.get(k));
            }
            if (used + cost > maxTokens) {
                break;
            }
            used += cost;
            start = groupStart;
            i = groupStart - 1;
        }
        while (start < rest.size() && rest.get(start) instanceof ToolExecutionResultMessage) {
            start++;
        }
        List<ChatMessage> out = new ArrayList<>(system.size() + rest.size() - start);
        out.addAll(system);
        out.addAll(rest.subList(start, rest.size()));
        return out;
    }
}
