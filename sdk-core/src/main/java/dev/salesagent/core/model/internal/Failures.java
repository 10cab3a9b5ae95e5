package dev.salesagent.core.model.internal;

import dev.salesagent.common.retry.RetryAfter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import dev.langchain4j.exception.UnsupportedFeatureException;
import com.fasterxml.jackson.core.JsonGenerationException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import dev.salesagent.core.model.ModelCallException.Reason;
import dev.salesagent.core.model.ProviderError;

import java.io.InterruptedIOException;
import java.io.IOException;
import java.net.ProtocolException;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The one place that maps provider failures to a {@link Reason}: from a {@link ProviderError} (status, headers,
 * OpenAI/Anthropic error body) anywhere in the cause chain, as the provider modules' HTTP client throws it, otherwise
 * from LangChain4j's exception types as well as they allow.
 */
public final class Failures {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CONTEXT_LENGTH = Pattern.compile(
            "context[_ ]length|context window|prompt is too long|maximum context|too many tokens|input is too long",
            Pattern.CASE_INSENSITIVE);

    private Failures() {
    }

    /**
     * A classified failure.
     *
     * @param reason     why it failed
     * @param statusCode HTTP status or 0
     * @param errorType  provider error code/type, or the exception's class name
     * @param requestId  provider request id or null
     * @param retryAfter provider retry-after or null
     * @param message    provider message
     */
    public record Failure(Reason reason, int statusCode, String errorType, String requestId, Duration retryAfter,
                          String message) {
    }

    /** Classifies {@code error}; {@code clock} turns an HTTP-date {@code retry-after} into a wait. */
    public static Failure classify(Throwable error, Clock clock) {
        Failure beforeSend = beforeSend(error);
        if (beforeSend != null) {
            return beforeSend;
        }
        ProviderError http = find(error, ProviderError.class);
        if (http != null) {
            return fromHttp(http, clock);
        }
        HttpException plain = find(error, HttpException.class);
        if (plain != null) {
            return fromStatus(plain.statusCode(), null, plain.getMessage(), null, null);
        }
        String type = error.getClass().getSimpleName();
        String msg = String.valueOf(error.getMessage());
        if (error instanceof RateLimitException) {
            return new Failure(Reason.RATE_LIMITED, 429, type, null, null, msg);
        }
        if (error instanceof TimeoutException || find(error, InterruptedIOException.class) != null) {
            return new Failure(Reason.TIMEOUT, 0, "timeout", null, null, msg);
        }
        if (error instanceof InternalServerException) {
            return new Failure(Reason.SERVER_ERROR, 0, type, null, null, msg);
        }
        if (error instanceof AuthenticationException) {
            return new Failure(Reason.AUTHENTICATION, 0, type, null, null, msg);
        }
        if (error instanceof ModelNotFoundException) {
            return new Failure(Reason.NOT_FOUND, 0, type, null, null, msg);
        }
        if (error instanceof InvalidRequestException) {
            return new Failure(CONTEXT_LENGTH.matcher(msg).find() ? Reason.CONTEXT_LENGTH : Reason.INVALID_REQUEST,
                    0, type, null, null, msg);
        }
        if (find(error, ProtocolException.class) != null) {
            return new Failure(Reason.PROTOCOL_ERROR, 0, "protocol_error", null, null, msg);
        }
        if (error instanceof UnresolvedModelServerException || find(error, IOException.class) != null) {
            return new Failure(Reason.CONNECTION, 0, "connection", null, null, msg);
        }
        return new Failure(Reason.UNKNOWN, 0, type, null, null, msg);
    }

    /**
     * A failure raised before the request left the process: LangChain4j's {@link UnsupportedFeatureException}, an
     * {@link InvalidRequestException} or {@link IllegalArgumentException} that carries no HTTP response, or a
     * Jackson serialisation error ({@link JsonGenerationException}, {@link InvalidDefinitionException}). Null otherwise.
     */
    private static Failure beforeSend(Throwable error) {
        if (find(error, ProviderError.class) != null || find(error, HttpException.class) != null) {
            return null;
        }
        Throwable t = find(error, UnsupportedFeatureException.class);
        if (t == null) {
            t = find(error, JsonGenerationException.class);
        }
        if (t == null) {
            t = find(error, InvalidDefinitionException.class);
        }
        if (t == null && (error instanceof InvalidRequestException && !(error instanceof ContentFilteredException)
                || error instanceof IllegalArgumentException) && !CONTEXT_LENGTH.matcher(String.valueOf(error.getMessage())).find()) {
            t = error;
        }
        return t == null ? null : new Failure(Reason.REJECTED_BEFORE_SEND, 0, t.getClass().getSimpleName(), null,
                null, String.valueOf(t.getMessage()));
    }

    /** True for failures retried on the same endpoint (429 within the retry-wait cap is decided by the caller). */
    public static boolean retriesOnSameEndpoint(Reason reason) {
        return reason == Reason.SERVER_ERROR || reason == Reason.RATE_LIMITED || reason == Reason.PROTOCOL_ERROR;
    }

    /** True for failures after which the router tries the next endpoint of the chain (or a larger context window). */
    public static boolean failsOver(Reason reason) {
        return switch (reason) {
            case INVALID_REQUEST, AUTHENTICATION, NOT_FOUND, REJECTED_BEFORE_SEND, UNSUPPORTED_CAPABILITY,
                 UNKNOWN_MODEL -> false;
            default -> true;
        };
    }

    /** True for failures that count against the endpoint's circuit breaker. */
    public static boolean countsAgainstBreaker(Reason reason) {
        return switch (reason) {
            case SERVER_ERROR, TIMEOUT, CONNECTION, PROTOCOL_ERROR, RATE_LIMITED, UNKNOWN -> true;
            default -> false;
        };
    }

    /** True for failures of a request that reached (or may have reached) the provider: they get a usage record. */
    public static boolean wasSent(Reason reason) {
        return reason != Reason.REJECTED_BEFORE_SEND && reason != Reason.UNSUPPORTED_CAPABILITY
                && reason != Reason.UNKNOWN_MODEL && reason != Reason.CIRCUIT_OPEN;
    }

    private static Failure fromHttp(ProviderError e, Clock clock) {
        String code = null;
        String type = null;
        String message = e.body();
        try {
            JsonNode err = JSON.readTree(e.body()).path("error");
            code = err.path("code").isTextual() ? err.path("code").asText() : null;
            type = err.path("type").isTextual() ? err.path("type").asText() : null;
            if (err.path("message").isTextual()) {
                message = err.path("message").asText();
            }
        } catch (IOException | RuntimeException notJson) {
            // keep the raw body as message
        }
        String requestId = e.header("x-request-id") != null ? e.header("x-request-id") : e.header("request-id");
        return fromStatus(e.statusCode(), code != null ? code : type, message, requestId, retryAfter(e, clock));
    }

    private static Failure fromStatus(int status, String errorType, String message, String requestId,
                                      Duration retryAfter) {
        String msg = message == null ? "" : message;
        String type = errorType != null ? errorType : String.valueOf(status);
        Reason reason;
        if (status == 429) {
            reason = "insufficient_quota".equals(errorType) ? Reason.QUOTA_EXHAUSTED : Reason.RATE_LIMITED;
        } else if (status == 408) {
            reason = Reason.TIMEOUT;
        } else if (status >= 500 || "overloaded_error".equals(errorType)) {
            reason = Reason.SERVER_ERROR;
        } else if (status == 401 || status == 403) {
            reason = Reason.AUTHENTICATION;
        } else if (status == 404) {
            reason = Reason.NOT_FOUND;
        } else if ("context_length_exceeded".equals(errorType) || (status == 400 || status == 413)
                && CONTEXT_LENGTH.matcher(msg).find()) {
            reason = Reason.CONTEXT_LENGTH;
        } else if (status >= 400) {
            reason = Reason.INVALID_REQUEST;
        } else {
            reason = Reason.UNKNOWN;
        }
        return new Failure(reason, status, type, requestId, retryAfter, msg);
    }

    /** {@code retry-after-ms} (OpenAI) wins over {@code retry-after} (seconds or an HTTP date); null when neither parses. */
    static Duration retryAfter(ProviderError e, Clock clock) {
        return RetryAfter.parseMillis(e.header("retry-after-ms"))
                .or(() -> RetryAfter.parse(e.header("retry-after"), clock.instant()))
                .orElse(null);
    }

    private static <T> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
