package dev.salesagent.core.model;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;

import java.util.Objects;

/**
 * One model the {@link ModelRouter} may call: a named LangChain4j {@link ChatModel} with its provider, model name,
 * tier and limits. Build provider endpoints with {@link ModelEndpoints} so failures keep status, headers and body;
 * any other {@code ChatModel} works too, with failures classified from LangChain4j's exception types.
 *
 * @param name                unique endpoint name used in logs, metrics and usage records (e.g. {@code claude-haiku})
 * @param provider            provider id used for pricing (e.g. {@code openai}, {@code anthropic})
 * @param model               model name used for pricing (e.g. {@code gpt-4o-mini})
 * @param tier                the tier whose fallback chain the endpoint belongs to
 * @param contextWindowTokens the model's context window in tokens (input + output)
 * @param maxOutputTokens     output tokens the model produces at most when the request sets no limit; the router
 *                            reserves budget for this many (default {@value #DEFAULT_MAX_OUTPUT_TOKENS})
 * @param chatModel           the model that makes the call
 * @param streamingChatModel  the same model called with streaming, used by {@link ModelRouter#streaming()}; null if
 *                            the endpoint does not stream (streaming calls then skip it)
 */
public record ModelEndpoint(String name, String provider, String model, ModelTier tier, long contextWindowTokens,
                            int maxOutputTokens, ChatModel chatModel, StreamingChatModel streamingChatModel) {

    /** Default output cap, tokens. */
    public static final int DEFAULT_MAX_OUTPUT_TOKENS = 4096;

    /**
     * @throws NullPointerException     if a name, the tier or the chat model is null
     * @throws IllegalArgumentException if the context window or output cap is not positive
     */
    public ModelEndpoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(chatModel, "chatModel");
        if (contextWindowTokens <= 0) {
            throw new IllegalArgumentException("contextWindowTokens of " + name + " must be > 0 but was " + contextWindowTokens);
        }
        if (maxOutputTokens <= 0) {
            throw new IllegalArgumentException("maxOutputTokens of " + name + " must be > 0 but was " + maxOutputTokens);
        }
    }

    /** An endpoint without streaming. */
    public ModelEndpoint(String name, String provider, String model, ModelTier tier, long contextWindowTokens,
                         int maxOutputTokens, ChatModel chatModel) {
        this(name, provider, model, tier, contextWindowTokens, maxOutputTokens, chatModel, null);
    }

    /** An endpoint with the default output cap of {@value #DEFAULT_MAX_OUTPUT_TOKENS} tokens. */
    public static ModelEndpoint of(String name, String provider, String model, ModelTier tier, long contextWindowTokens,
                                   ChatModel chatModel) {
        return new ModelEndpoint(name, provider, model, tier, contextWindowTokens, DEFAULT_MAX_OUTPUT_TOKENS, chatModel);
    }

    @Override
    public String toString() {
        return "ModelEndpoint[" + name + ": " + provider + "/" + model + ", " + tier + ", context " + contextWindowTokens
                + " tokens]";
    }
}
