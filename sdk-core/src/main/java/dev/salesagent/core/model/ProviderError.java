package dev.salesagent.core.model;

/**
 * A provider's non-2xx HTTP response as the {@link ModelRouter} needs it to classify the failure: status, headers
 * ({@code retry-after}, {@code retry-after-ms}, {@code x-request-id} / {@code request-id}) and the error body.
 * Implemented by the exception an HTTP client throws (e.g. the one in {@code sdk-model-http}, which the OpenAI and
 * Anthropic modules use); the router finds it anywhere in a failure's cause chain, so a LangChain4j model may wrap it
 * (e.g. in {@code RateLimitException}). Implement it in your own {@code HttpClient} to give a custom endpoint the
 * same retry-after handling and error classification.
 */
public interface ProviderError {

    /** {@return the HTTP status code, e.g. 429} */
    int statusCode();

    /**
     * The first value of a response header, or null when absent.
     *
     * @param name header name, case-insensitive
     * @return the header's first value as sent, e.g. {@code "20"} for {@code retry-after}, or null when absent
     */
    String header(String name);

    /** {@return the response body as sent by the provider (JSON for OpenAI and Anthropic), never null, possibly empty} */
    String body();
}
