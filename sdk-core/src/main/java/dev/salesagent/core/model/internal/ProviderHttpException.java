package dev.salesagent.core.model.internal;

import dev.langchain4j.exception.HttpException;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A non-2xx provider response with everything LangChain4j's own exceptions drop: status, headers and body.
 * LangChain4j wraps it (e.g. in {@code RateLimitException}); the router finds it in the cause chain.
 */
public final class ProviderHttpException extends HttpException {

    private final Map<String, List<String>> headers;
    private final String body;

    public ProviderHttpException(int statusCode, Map<String, List<String>> headers, String body) {
        super(statusCode, body == null || body.isEmpty() ? "HTTP " + statusCode : body);
        Map<String, List<String>> lower = new TreeMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        this.headers = Map.copyOf(lower);
        this.body = body == null ? "" : body;
    }

    /** Response headers, names in lower case. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** First value of a header (name case-insensitive), or null. */
    public String header(String name) {
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** The provider's error body, possibly empty. */
    public String body() {
        return body;
    }
}
