package dev.salesagent.server.agentplatform.seed;

import java.time.Duration;
import java.util.Optional;

/**
 * A Slack incoming webhook refused a message. Slack answers errors as a plain-text code with an HTTP status
 * (<a href="https://docs.slack.dev/messaging/sending-messages-using-incoming-webhooks/#handling-errors">Handling
 * errors</a>): {@code invalid_payload} 400, {@code action_prohibited} 403, {@code no_service} 404,
 * {@code channel_is_archived} 410, and 429 with {@code Retry-After} when rate limited.
 */
public final class SlackWebhookException extends RuntimeException {

    private final int status;
    private final String code;
    private final transient Duration retryAfter;

    /**
     * Creates the exception.
     *
     * @param status     the HTTP status, or 0 when no response arrived
     * @param code       Slack's error code (the response body), or the I/O error's message
     * @param retryAfter the {@code Retry-After} delay of a 429, or null
     * @param cause      the I/O error, or null
     */
    public SlackWebhookException(int status, String code, Duration retryAfter, Throwable cause) {
        super("Slack incoming webhook " + (status == 0 ? "unreachable" : "answered " + status) + ": " + code
                + (retryAfter == null ? "" : " (retry after " + retryAfter.toSeconds() + " s)"), cause);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    /** {@return the HTTP status, or 0 when no response arrived} */
    public int status() {
        return status;
    }

    /** {@return Slack's error code, e.g. {@code no_service}} */
    public String code() {
        return code;
    }

    /** {@return the {@code Retry-After} delay of a 429} */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** {@return whether sending again later may succeed: 429, 5xx or no response} */
    public boolean retriable() {
        return status == 0 || status == 429 || status >= 500;
    }
}
