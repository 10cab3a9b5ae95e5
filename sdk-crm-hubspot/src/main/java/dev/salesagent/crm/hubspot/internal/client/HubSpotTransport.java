package dev.salesagent.crm.hubspot.internal.client;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.Map;

/**
 * The one seam between the HubSpot endpoint code and the shared CRM HTTP support: sends a JSON request and returns
 * the 2xx body as {@code T}, or throws the mapped {@code CrmException}. Retries, rate limiting, authentication and
 * metrics happen below this interface.
 */
public interface HubSpotTransport extends AutoCloseable {

    /**
     * @param method HTTP method
     * @param path path relative to the base URL
     * @param query query parameters (values already joined, e.g. comma-separated property lists); may be empty
     * @param body request body serialised as JSON, or null
     * @param operation metric tag, e.g. {@code contacts.upsert}
     * @param idempotent whether the call may be repeated after an ambiguous failure (reads, upserts by natural key)
     * @param type response type
     */
    <T> T call(String method, String path, Map<String, String> query, Object body, String operation, boolean idempotent,
            TypeReference<T> type);

    /**
     * Sends a request whose 2xx answer has no body (HubSpot's {@code 204 No Content}), or throws the mapped
     * {@code CrmException}.
     *
     * @param method HTTP method
     * @param path path relative to the base URL
     * @param body request body serialised as JSON, or null
     * @param operation metric tag, e.g. {@code contacts.archive}
     * @param idempotent whether the call may be repeated after an ambiguous failure
     */
    void send(String method, String path, Object body, String operation, boolean idempotent);

    @Override
    void close();
}
