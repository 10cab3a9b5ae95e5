package dev.salesagent.core.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Root of every failure raised by sdk-core's model layer (routing, provider calls, budgets).
 * Unchecked. Subclasses say what the caller can act on.
 *
 * <p>When the {@link ModelRouter} gives up, the exception lists every {@link #attempts() attempt} it made
 * (endpoint, HTTP status, provider error type, duration) and its {@link #reason()} is the last attempt's.
 */
public class ModelCallException extends RuntimeException {

    /** Every attempt the router made, in order; empty when the failure was not a routed call. */
    private final List<Attempt> attempts;

    /**
     * A failure outside a routed call, without attempts.
     *
     * @param message what failed and, where known, what to do about it
     */
    public ModelCallException(String message) {
        super(message);
        this.attempts = List.of();
    }

    /**
     * A failure outside a routed call, without attempts.
     *
     * @param message what failed
     * @param cause the underlying failure, e.g. the provider client's exception
     */
    public ModelCallException(String message, Throwable cause) {
        super(message, cause);
        this.attempts = List.of();
    }

    /**
     * @param message  what failed
     * @param attempts every attempt, in order (appended to the message)
     * @param cause    the last attempt's exception, or null
     */
    public ModelCallException(String message, List<Attempt> attempts, Throwable cause) {
        super(message + describe(attempts), cause);
        this.attempts = List.copyOf(attempts);
    }

    /** {@return the attempts made before giving up, in order; empty when the failure was not a routed call} */
    public List<Attempt> attempts() {
        return attempts;
    }

    /** {@return why the last attempt failed, or {@link Reason#UNKNOWN} without attempts} */
    public Reason reason() {
        return attempts.isEmpty() ? Reason.UNKNOWN : attempts.get(attempts.size() - 1).reason();
    }

    private static String describe(List<Attempt> attempts) {
        if (attempts.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(" [attempts:");
        for (Attempt a : attempts) {
            sb.append(' ').append(a).append(';');
        }
        sb.setLength(sb.length() - 1);
        return sb.append(']').toString();
    }

    /** Why an attempt failed; says whether the router may retry or fail over. */
    public enum Reason {
        /** HTTP 429 rate limit; retried after {@code retry-after} up to a cap, then failed over. */
        RATE_LIMITED(true),
        /** OpenAI 429 {@code insufficient_quota}: billing, never retried, the provider is skipped. */
        QUOTA_EXHAUSTED(false),
        /** HTTP 500/502/503/504 or Anthropic 529 {@code overloaded_error}; retried, then failed over. */
        SERVER_ERROR(true),
        /** Connect or read timeout; failed over. */
        TIMEOUT(true),
        /** Connection refused, reset or unresolvable host; failed over. */
        CONNECTION(true),
        /**
         * The provider sent a response that broke the HTTP protocol after the status line: a body shorter than its
         * {@code Content-Length}, a chunked stream cut or malformed ({@link java.net.ProtocolException} in the cause
         * chain, as sdk-model-http's client raises it). The request reached the provider; retried on the same endpoint
         * like a server error, then failed over.
         */
        PROTOCOL_ERROR(true),
        /** The prompt does not fit the model's context window; escalated to a larger window. */
        CONTEXT_LENGTH(false),
        /** HTTP 400 (other than context length) or 422: fails fast. */
        INVALID_REQUEST(false),
        /** HTTP 401/403: fails fast. */
        AUTHENTICATION(false),
        /** HTTP 404 (unknown model): fails fast. */
        NOT_FOUND(false),
        /**
         * Refused before anything was sent: LangChain4j's {@code UnsupportedFeatureException} (e.g. {@code topK} for
         * OpenAI), an invalid request detected client-side ({@code InvalidRequestException} or
         * {@code IllegalArgumentException} without an HTTP status) or a request that could not be serialised. The
         * caller's mistake, not the endpoint's: the original exception is rethrown at once, without retry, fail-over,
         * circuit-breaker count or usage record.
         */
        REJECTED_BEFORE_SEND(false),
        /** No endpoint the call may use supports a capability the request needs (e.g. a JSON-schema response format). */
        UNSUPPORTED_CAPABILITY(false),
        /** The request named a model ({@code ChatRequest.modelName()}) that no endpoint serves. */
        UNKNOWN_MODEL(false),
        /** The endpoint's circuit breaker is open; skipped without a call. */
        CIRCUIT_OPEN(true),
        /** Anything else; failed over without retry. */
        UNKNOWN(true);

        private final boolean retryable;

        Reason(boolean retryable) {
            this.retryable = retryable;
        }

        /** {@return true if another attempt (here or on a fallback endpoint) may succeed} */
        public boolean retryable() {
            return retryable;
        }
    }

    /**
     * One attempt of a routed call.
     *
     * @param endpoint   router endpoint name
     * @param provider   provider id
     * @param model      model name
     * @param reason     why it failed
     * @param statusCode HTTP status, or 0 when there was no response
     * @param errorType  provider error type or code (e.g. {@code rate_limit_error}, {@code insufficient_quota}),
     *                   or the exception's simple class name when the provider gave none
     * @param requestId  the provider's request id header, or null
     * @param retryAfter the provider's {@code retry-after}, or null
     * @param duration   wall time of the attempt
     * @param message    the provider's error message
     */
    public record Attempt(String endpoint, String provider, String model, Reason reason, int statusCode,
                          String errorType, String requestId, Duration retryAfter, Duration duration, String message) {

        /**
         * Validates the attempt; a null duration becomes zero.
         *
         * @param endpoint router endpoint name
         * @param provider provider id
         * @param model model name
         * @param reason why it failed; not null
         * @param statusCode HTTP status, or 0 when there was no response
         * @param errorType provider error type or code, or the exception's simple class name
         * @param requestId the provider's request id header, or null
         * @param retryAfter the provider's {@code retry-after}, or null
         * @param duration wall time of the attempt; null means zero
         * @param message the provider's error message
         * @throws NullPointerException if {@code reason} is null
         */
        public Attempt {
            Objects.requireNonNull(reason, "reason");
            duration = duration == null ? Duration.ZERO : duration;
        }

        @Override
        public String toString() {
            return endpoint + " " + reason + (statusCode > 0 ? " " + statusCode : "")
                    + (errorType != null ? " " + errorType : "") + " after " + duration.toMillis() + " ms"
                    + (requestId != null ? " (request " + requestId + ")" : "");
        }
    }
}
