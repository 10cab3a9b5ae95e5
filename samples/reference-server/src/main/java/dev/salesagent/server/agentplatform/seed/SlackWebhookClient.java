package dev.salesagent.server.agentplatform.seed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Posts messages to a Slack-compatible incoming webhook, as Slack documents it
 * (<a href="https://docs.slack.dev/messaging/sending-messages-using-incoming-webhooks/">Sending messages using
 * incoming webhooks</a>): {@code POST} of {@code application/json} {@code {"text": "..."}} to the webhook URL; success
 * is HTTP 200 with the body {@code ok}; errors are a plain-text code with a 4xx status (see
 * {@link SlackWebhookException}). A 429 is retried once after its {@code Retry-After} when that is at most
 * {@code maxRetryWait} (<a href="https://docs.slack.dev/apis/web-api/rate-limits">rate limits</a>); nothing else is
 * retried, since a webhook post is not idempotent.
 */
public final class SlackWebhookClient {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Waits between attempts; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        /**
         * Waits.
         *
         * @param delay how long
         * @throws InterruptedException if interrupted while waiting
         */
        void sleep(Duration delay) throws InterruptedException;
    }

    private final OkHttpClient http;
    private final Duration maxRetryWait;
    private final Sleeper sleeper;

    /**
     * Creates a client.
     *
     * @param http         the shared OkHttp client (timeouts set there)
     * @param maxRetryWait the longest {@code Retry-After} this client waits once before giving up
     * @param sleeper      how to wait ({@code d -> Thread.sleep(d.toMillis())} in production)
     */
    public SlackWebhookClient(OkHttpClient http, Duration maxRetryWait, Sleeper sleeper) {
        this.http = Objects.requireNonNull(http, "http");
        this.maxRetryWait = Objects.requireNonNull(maxRetryWait, "maxRetryWait");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /**
     * Posts one message.
     *
     * @param webhook the incoming webhook URL ({@code https://hooks.slack.com/services/...} or a compatible one)
     * @param text    the message text (Slack {@code mrkdwn})
     * @throws SlackWebhookException when the webhook answers anything but 200 {@code ok} (after the one 429 retry),
     *                               or cannot be reached
     */
    public void post(URI webhook, String text) {
        Objects.requireNonNull(webhook, "webhook");
        String body;
        try {
            body = MAPPER.writeValueAsString(Map.of("text", Objects.requireNonNull(text, "text")));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a string as JSON", e);
        }
        Request request = new Request.Builder().url(webhook.toString()).post(RequestBody.create(body, JSON)).build();
        for (int attempt = 1; ; attempt++) {
            SlackWebhookException failure = send(request);
            if (failure == null) {
                return;
            }
            Duration wait = failure.retryAfter().orElse(null);
            if (attempt > 1 || failure.status() != 429 || wait == null || wait.compareTo(maxRetryWait) > 0) {
                throw failure;
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure;
            }
        }
    }

    private SlackWebhookException send(Request request) {
        try (Response response = http.newCall(request).execute()) {
            ResponseBody rb = response.body();
            String answer = rb == null ? "" : rb.string().trim();
            if (response.code() == 200 && "ok".equals(answer)) {
                return null;
            }
            return new SlackWebhookException(response.code(), answer.isEmpty() ? "(empty body)" : answer,
                    retryAfter(response.header("Retry-After")), null);
        } catch (IOException e) {
            return new SlackWebhookException(0, String.valueOf(e.getMessage()), null, e);
        }
    }

    private static Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(header.trim()));
        } catch (NumberFormatException notSeconds) {
            return null;
        }
    }
}
