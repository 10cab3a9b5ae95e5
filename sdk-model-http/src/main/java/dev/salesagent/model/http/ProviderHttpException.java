package dev.salesagent.model.http;

import dev.langchain4j.exception.HttpException;
import dev.salesagent.core.model.ProviderError;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A non-2xx provider response with everything LangChain4j's own exceptions drop: status, headers and body.
 * LangChain4j wraps it (e.g. in {@code RateLimitException}); the router finds it in the cause chain as a
 * {@link ProviderError}.
 */
public final class ProviderHttpException extends HttpException implements ProviderError {

    /** Response headers, names lower-cased. */
    private final Map<String, List<String>> headers;
    /** Response body, possibly empty. */
    private final String body;

    /**
     * @param statusCode HTTP status
     * @param headers    response headers (names in any case)
     * @param body       response body; null is taken as empty
     */
    public ProviderHttpException(int statusCode, Map<String, List<String>> headers, String body) {
        super(statusCode, body == null || body.isEmpty() ? "HTTP " + statusCode : body);
        Map<String, List<String>> lower = new TreeMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        this.headers = Map.copyOf(lower);
        this.body = body == null ? "" : body;
    }

    /** {@return response headers, names in lower case} */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** First value of a header (name case-insensitive), or null. */
    @Override
    public String header(String name) {
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** The provider's error body, possibly empty. */
    @Override
    public String body() {
        return body;
    }
}
