package dev.salesagent.core.model.batch;

import dev.langchain4j.model.chat.response.ChatResponse;

import java.util.Objects;

/**
 * The outcome of one request of a batch. Every submitted request has exactly one result once the batch has ended;
 * failed requests are results too ({@link Status#ERRORED}, {@link Status#CANCELED}, {@link Status#EXPIRED}), never
 * dropped.
 *
 * @param customId     the request's {@link BatchRequest#customId()}
 * @param status       what happened to the request
 * @param response     the model's answer with its token usage (tokens) when {@link Status#SUCCEEDED}, otherwise null
 * @param errorType    the vendor's error type or code when not succeeded (e.g. Anthropic {@code invalid_request_error},
 *                     OpenAI {@code batch_expired}, or {@code canceled} / {@code expired}), otherwise null
 * @param errorMessage the vendor's error message when not succeeded (may be null), otherwise null
 */
public record BatchResult(String customId, Status status, ChatResponse response, String errorType,
                          String errorMessage) {

    /**
     * Validates the result.
     *
     * @param customId     the request's custom id
     * @param status       what happened
     * @param response     the answer, required exactly when {@link Status#SUCCEEDED}
     * @param errorType    the vendor's error type, required when not succeeded
     * @param errorMessage the vendor's error message, or null
     * @throws NullPointerException     if {@code customId} or {@code status} is null
     * @throws IllegalArgumentException if a succeeded result has no response or a failed one has a response or no
     *                                  error type
     */
    public BatchResult {
        Objects.requireNonNull(customId, "customId");
        Objects.requireNonNull(status, "status");
        if ((status == Status.SUCCEEDED) != (response != null)) {
            throw new IllegalArgumentException("result " + customId + ": a response is required exactly when "
                    + "succeeded, but status is " + status + " and response is " + (response == null ? "absent" : "present"));
        }
        if (status != Status.SUCCEEDED && errorType == null) {
            throw new IllegalArgumentException("result " + customId + " is " + status + " without an error type");
        }
    }

    /** {@return true if the model answered this request} */
    public boolean succeeded() {
        return status == Status.SUCCEEDED;
    }

    /** What happened to one request of a batch (Anthropic's result types; OpenAI's are mapped onto them). */
    public enum Status {
        /** The model answered; billed at the batch price. */
        SUCCEEDED,
        /** The request failed (invalid request, server error); not billed. */
        ERRORED,
        /** The batch was cancelled before this request was processed; not billed. */
        CANCELED,
        /** The batch reached its 24-hour limit before this request was processed; not billed. */
        EXPIRED
    }
}
