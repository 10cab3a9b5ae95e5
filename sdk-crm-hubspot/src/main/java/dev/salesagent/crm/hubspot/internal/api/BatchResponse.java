package dev.salesagent.crm.hubspot.internal.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * {@code BatchResponseSimplePublicUpsertObject} and friends: HTTP 200 when every input succeeded, 207 (multi-status)
 * when {@code errors} lists failed inputs.
 *
 * @param <T> result type
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchResponse<T>(
        String status,
        List<T> results,
        List<HubSpotError> errors,
        Integer numErrors,
        Instant requestedAt,
        Instant startedAt,
        Instant completedAt) {

    /** Results, never null. */
    public List<T> resultsOrEmpty() {
        return results == null ? List.of() : results;
    }

    /** Errors, never null. */
    public List<HubSpotError> errorsOrEmpty() {
        return errors == null ? List.of() : errors;
    }
}
