package dev.salesagent.crm.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One logical call for {@link CrmHttpClient} (retries reuse it). Immutable.
 *
 * <p>Retry rules: a request is {@linkplain #idempotent() idempotent} by default for GET, HEAD, PUT,
 * DELETE and OPTIONS and not for POST and PATCH; an {@linkplain #idempotencyKey() idempotency key}
 * makes any request safe to retry.
 */
public final class CrmRequest {

    private final String method;
    private final String path;
    private final List<Map.Entry<String, String>> query;
    private final Map<String, String> headers;
    private final Object jsonBody;
    private final String rawBody;
    private final String contentType;
    private final String operation;
    private final boolean idempotent;
    private final String idempotencyKey;

    private CrmRequest(Builder b) {
        this.method = b.method;
        this.path = b.path;
        this.query = List.copyOf(b.query);
        this.headers = Map.copyOf(b.headers);
        this.jsonBody = b.jsonBody;
        this.rawBody = b.rawBody;
        this.contentType = b.contentType;
        this.operation = b.operation != null ? b.operation : method.toLowerCase(Locale.ROOT);
        this.idempotent = b.idempotent != null ? b.idempotent : defaultIdempotent(method);
        this.idempotencyKey = b.idempotencyKey;
    }

    private static boolean defaultIdempotent(String method) {
        return switch (method) {
            case "GET", "HEAD", "PUT", "DELETE", "OPTIONS" -> true;
            default -> false;
        };
    }

    /**
     * {@return a GET of {@code path} (relative to the base URL, or absolute)}
     *
     * @param path relative to the base URL, e.g. {@code /crm/v3/objects/contacts}, or an absolute URL
     */
    public static Builder get(String path) {
        return new Builder("GET", path);
    }

    /**
     * {@return a POST to {@code path}}
     *
     * @param path relative to the base URL, or an absolute URL
     */
    public static Builder post(String path) {
        return new Builder("POST", path);
    }

    /**
     * {@return a PATCH of {@code path}}
     *
     * @param path relative to the base URL, or an absolute URL
     */
    public static Builder patch(String path) {
        return new Builder("PATCH", path);
    }

    /**
     * {@return a PUT of {@code path}}
     *
     * @param path relative to the base URL, or an absolute URL
     */
    public static Builder put(String path) {
        return new Builder("PUT", path);
    }

    /**
     * {@return a DELETE of {@code path}}
     *
     * @param path relative to the base URL, or an absolute URL
     */
    public static Builder delete(String path) {
        return new Builder("DELETE", path);
    }

    /**
     * {@return a request with any method}
     *
     * @param method the HTTP method, any case (stored upper case)
     * @param path relative to the base URL, or an absolute URL
     */
    public static Builder builder(String method, String path) {
        return new Builder(method, path);
    }

    /** {@return HTTP method, upper case} */
    public String method() { return method; }
    /** {@return path relative to the base URL, or an absolute URL} */
    public String path() { return path; }
    /** {@return query parameters in order (names may repeat)} */
    public List<Map.Entry<String, String>> query() { return query; }
    /** {@return extra headers} */
    public Map<String, String> headers() { return headers; }
    /** {@return the object to serialise as JSON, or {@code null}} */
    public Object jsonBody() { return jsonBody; }
    /** {@return a raw body, or {@code null}} */
    public String rawBody() { return rawBody; }
    /** {@return content type of the raw body} */
    public String contentType() { return contentType; }
    /** {@return the metric tag, e.g. {@code contacts.upsert}; defaults to the lower-case method} */
    public String operation() { return operation; }
    /** {@return whether repeating the request cannot cause a second effect} */
    public boolean idempotent() { return idempotent; }
    /** {@return the caller's idempotency key, or {@code null}} */
    public String idempotencyKey() { return idempotencyKey; }

    /** {@return whether a retry after an ambiguous failure (5xx, read timeout) is safe} */
    public boolean safeToRetry() {
        return idempotent || idempotencyKey != null;
    }

    @Override
    public String toString() {
        return method + " " + path + " (" + operation + ")";
    }

    /** Builder of {@link CrmRequest}. */
    public static final class Builder {
        private final String method;
        private final String path;
        private final List<Map.Entry<String, String>> query = new ArrayList<>();
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Object jsonBody;
        private String rawBody;
        private String contentType;
        private String operation;
        private Boolean idempotent;
        private String idempotencyKey;

        private Builder(String method, String path) {
            this.method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
            this.path = Objects.requireNonNull(path, "path");
        }

        /**
         * Adds a query parameter ({@code null} values are skipped).
         *
         * @param name the parameter name; may repeat
         * @param value the value, sent as {@code toString()}; {@code null} skips the parameter
         * @return this builder
         */
        public Builder query(String name, Object value) {
            if (value != null) {
                query.add(Map.entry(name, value.toString()));
            }
            return this;
        }

        /**
         * Sets a header.
         *
         * @param name the header name
         * @param value the header value; replaces an earlier one of the same name
         * @return this builder
         */
        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /**
         * A body serialised with the client's Jackson {@code ObjectMapper}.
         *
         * @param body the object to serialise; replaces a raw body
         * @return this builder
         */
        public Builder jsonBody(Object body) {
            this.jsonBody = body;
            this.rawBody = null;
            return this;
        }

        /**
         * A raw body with its content type.
         *
         * @param body the body text; replaces a JSON body
         * @param contentType its media type, e.g. {@code application/x-www-form-urlencoded}
         * @return this builder
         */
        public Builder body(String body, String contentType) {
            this.rawBody = Objects.requireNonNull(body, "body");
            this.contentType = Objects.requireNonNull(contentType, "contentType");
            this.jsonBody = null;
            return this;
        }

        /**
         * The metric/log tag, e.g. {@code contacts.upsert}. Keep the set small (no ids).
         *
         * @param operation the tag, e.g. {@code contacts.upsert}
         * @return this builder
         */
        public Builder operation(String operation) {
            this.operation = operation;
            return this;
        }

        /**
         * Overrides the method's default idempotency.
         *
         * @param idempotent whether the request may be retried after a failure that may have reached the vendor
         * @return this builder
         */
        public Builder idempotent(boolean idempotent) {
            this.idempotent = idempotent;
            return this;
        }

        /**
         * The caller's idempotency key: the vendor deduplicates by it, so the request becomes safe to
         * retry. Sent as a header only if the client has an {@code idempotencyKeyHeader}.
         *
         * @param key the key, e.g. a UUID; {@code null} for none
         * @return this builder
         */
        public Builder idempotencyKey(String key) {
            this.idempotencyKey = key;
            return this;
        }

        /** {@return a new {@link CrmRequest} from the values set} */
        public CrmRequest build() {
            return new CrmRequest(this);
        }
    }
}
