package dev.salesagent.crm.http;

import dev.salesagent.common.retry.RetryAfter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salesagent.crm.CrmException;
import dev.salesagent.crm.ErrorDetails;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import okhttp3.Headers;
import okhttp3.Request;

/**
 * A received HTTP response with its body fully read. Immutable.
 */
public final class CrmResponse {

    private final String providerId;
    private final int status;
    private final Headers headers;
    private final String body;
    private final Request sentRequest;
    private final Instant receivedAt;
    private final ObjectMapper json;
    private final List<String> requestIdHeaders;

    CrmResponse(String providerId, int status, Headers headers, String body, Request sentRequest, Instant receivedAt,
                ObjectMapper json, List<String> requestIdHeaders) {
        this.providerId = providerId;
        this.status = status;
        this.headers = headers;
        this.body = body == null ? "" : body;
        this.sentRequest = sentRequest;
        this.receivedAt = receivedAt;
        this.json = json;
        this.requestIdHeaders = requestIdHeaders;
    }

    /**
     * For tests and custom mappers: a response with a status, headers and body.
     *
     * @param providerId the provider id, e.g. {@code hubspot}, named in errors
     * @param status     the HTTP status code, e.g. {@code 200}
     * @param headers    the response headers
     * @param body       the response body as text; may be empty
     * @param receivedAt when the response arrived (client clock)
     * @return the response, with the default request-id headers and a plain Jackson {@code ObjectMapper}
     */
    public static CrmResponse of(String providerId, int status, Headers headers, String body, Instant receivedAt) {
        return new CrmResponse(providerId, status, headers, body, null, receivedAt, new ObjectMapper(),
                CrmHttpClient.DEFAULT_REQUEST_ID_HEADERS);
    }

    /** {@return the provider id of the client that received it} */
    public String providerId() { return providerId; }

    /** {@return HTTP status code} */
    public int status() { return status; }

    /** {@return whether the status is 2xx} */
    public boolean isSuccessful() { return status >= 200 && status < 300; }

    /** {@return response headers (names case-insensitive)} */
    public Headers headers() { return headers; }

    /**
     * {@return the first value of a header (case-insensitive name), if present}
     *
     * @param name the header name, any case
     */
    public Optional<String> header(String name) { return Optional.ofNullable(headers.get(name)); }

    /** {@return the body as text; empty string when there was none} */
    public String bodyString() { return body; }

    /** {@return when the client received the response (client clock)} */
    public Instant receivedAt() { return receivedAt; }

    /**
     * {@return a header of the request as sent (after authorization), or {@code null}}
     *
     * @param name the header name, any case
     */
    public String requestHeader(String name) {
        return sentRequest == null ? null : sentRequest.header(name);
    }

    /**
     * {@return the vendor's request/correlation id from the configured headers (e.g. {@code X-HubSpot-Correlation-Id}),
     *    or {@code null}}
     */
    public String requestId() {
        for (String h : requestIdHeaders) {
            String v = headers.get(h);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    /**
     * {@link ErrorDetails} of this response: provider, status, the given vendor code, {@link #requestId()}.
     *
     * @param vendorCode the vendor's error code parsed from the body, or {@code null}
     * @return the details
     */
    public ErrorDetails errorDetails(String vendorCode) {
        return ErrorDetails.http(providerId, status, vendorCode, requestId());
    }

    /**
     * The wait the server asked for in {@code Retry-After}, as delta-seconds or an HTTP date
     * (<a href="https://www.rfc-editor.org/rfc/rfc9110#section-10.2.3">RFC 9110 §10.2.3</a>),
     * relative to {@link #receivedAt()}; never negative. Empty when absent or unparsable.
     *
     * @return the wait, or empty
     */
    public Optional<Duration> retryAfter() {
        return header("Retry-After").flatMap(v -> RetryAfter.parse(v, receivedAt));
    }

    /**
     * The body parsed as JSON; a {@code MissingNode} for an empty body.
     *
     * @return the parsed body
     * @throws CrmException if the body is not JSON
     */
    public JsonNode json() {
        if (body.isBlank()) {
            return json.missingNode();
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new CrmException("response body is not JSON: " + e.getOriginalMessage(), errorDetails(null), e);
        }
    }

    /**
     * The body mapped to {@code type} with the client's {@code ObjectMapper}.
     *
     * @param type the class to map the body to
     * @param <T>  the result type
     * @return the mapped body
     * @throws CrmException if the body does not fit {@code type}
     */
    public <T> T as(Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new CrmException("cannot read response as " + type.getSimpleName() + ": " + e.getOriginalMessage(),
                    errorDetails(null), e);
        }
    }

    /**
     * The body mapped to {@code type} with the client's {@code ObjectMapper}.
     *
     * @param type the generic type to map the body to
     * @param <T>  the result type
     * @return the mapped body
     * @throws CrmException if the body does not fit {@code type}
     */
    public <T> T as(TypeReference<T> type) {
        try {
            return json.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new CrmException("cannot read response as " + type.getType() + ": " + e.getOriginalMessage(),
                    errorDetails(null), e);
        }
    }

    @Override
    public String toString() {
        return "CrmResponse[" + status + ", " + body.length() + " chars]";
    }
}
