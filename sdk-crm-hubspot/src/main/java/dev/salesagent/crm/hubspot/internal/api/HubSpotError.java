package dev.salesagent.crm.hubspot.internal.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * HubSpot's error body ({@code Error} / {@code StandardError}), also used for 429 bodies which add
 * {@code errorType=RATE_LIMIT}, {@code policyName} ({@code TEN_SECONDLY_ROLLING}, {@code SECONDLY} or {@code DAILY}) and
 * {@code requestId}.
 *
 * @see <a href="https://developers.hubspot.com/docs/api-reference/error-handling">Error handling</a>
 * @see <a href="https://developers.hubspot.com/docs/developer-tooling/platform/usage-guidelines">Rate limits</a>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HubSpotError(
        String status,
        String id,
        String message,
        String correlationId,
        String category,
        Object subCategory,
        List<ErrorDetail> errors,
        Map<String, List<String>> context,
        Map<String, String> links,
        String errorType,
        String policyName,
        String requestId) {

    /** Details, never null. */
    public List<ErrorDetail> errorsOrEmpty() {
        return errors == null ? List.of() : errors;
    }

    /** First value of a context entry, or null. */
    public String contextValue(String key) {
        if (context == null) {
            return null;
        }
        List<String> values = context.get(key);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** {@code ErrorDetail}: {@code in} names the offending field/property. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ErrorDetail(String message, String code, String in, String subCategory, Map<String, List<String>> context) {}
}
