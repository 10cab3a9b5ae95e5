package dev.salesagent.core.model.batch;

import dev.langchain4j.model.chat.request.ChatRequest;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One chat request of a batch, named by the caller so its result can be matched: vendors return results in any order,
 * keyed by {@code custom_id}.
 *
 * @param customId the request's id within its batch: 1 to 64 characters from {@code [A-Za-z0-9_-]} (Anthropic's rule,
 *                 which OpenAI's Batch API also accepts); unique within the batch
 * @param request  the chat request; text messages only (system, user, assistant), with the optional parameters
 *                 {@code maxOutputTokens}, {@code temperature}, {@code topP} and {@code stopSequences}
 */
public record BatchRequest(String customId, ChatRequest request) {

    private static final Pattern CUSTOM_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /**
     * Validates the request.
     *
     * @param customId the request's id within its batch, 1 to 64 characters from {@code [A-Za-z0-9_-]}
     * @param request  the chat request
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code customId} breaks the rule above (the message shows it)
     */
    public BatchRequest {
        Objects.requireNonNull(customId, "customId");
        Objects.requireNonNull(request, "request");
        if (!CUSTOM_ID.matcher(customId).matches()) {
            throw new IllegalArgumentException("customId must be 1-64 characters from [A-Za-z0-9_-] but was '"
                    + customId + "'");
        }
    }

    /**
     * {@return a batch request}
     *
     * @param customId the request's id within its batch, 1 to 64 characters from {@code [A-Za-z0-9_-]}
     * @param request  the chat request
     * @throws IllegalArgumentException if {@code customId} is not valid
     */
    public static BatchRequest of(String customId, ChatRequest request) {
        return new BatchRequest(customId, request);
    }
}
