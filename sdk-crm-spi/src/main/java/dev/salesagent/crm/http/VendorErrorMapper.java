package dev.salesagent.crm.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salesagent.crm.CrmAuthenticationException;
import dev.salesagent.crm.CrmConflictException;
import dev.salesagent.crm.CrmException;
import dev.salesagent.crm.CrmNotFoundException;
import dev.salesagent.crm.CrmPermissionException;
import dev.salesagent.crm.CrmRateLimitException;
import dev.salesagent.crm.CrmUnavailableException;
import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.CrmValidationException.FieldError;
import dev.salesagent.crm.ErrorDetails;
import java.util.List;

/**
 * Turns a non-2xx response into the {@link CrmException} a caller can act on. Adapters parse their
 * vendor's error body and delegate the status decision to {@link #toException}.
 */
@FunctionalInterface
public interface VendorErrorMapper {

    /**
     * {@return the exception for {@code response} (never {@code null}; the response is not 2xx)}
     *
     * @param response the non-2xx response
     */
    CrmException map(CrmResponse response);

    /**
     * The status-based mapper: reads {@code message} (or {@code error_description}, {@code detail})
     * and a vendor code ({@code errorCode}, {@code code}, {@code category} or {@code error}) from a JSON
     * body when present, then applies {@link #toException}.
     *
     * @return the mapper
     */
    static VendorErrorMapper statusBased() {
        return response -> {
            JsonNode body = safeJson(response);
            String message = firstText(body, "message", "error_description", "detail", "title");
            String code = firstText(body, "errorCode", "code", "category", "error");
            return toException(response, message, code, List.of());
        };
    }

    /**
     * The exception type for the status: 400/422 {@link CrmValidationException} (with
     * {@code fieldErrors}), 401 {@link CrmAuthenticationException}, 403 {@link CrmPermissionException},
     * 404/410 {@link CrmNotFoundException}, 409 {@link CrmConflictException}, 429
     * {@link CrmRateLimitException} (with {@code Retry-After}), 5xx and 408 {@link CrmUnavailableException},
     * other statuses plain {@link CrmException}.
     *
     * @param response the non-2xx response (status, request id, {@code Retry-After})
     * @param message     the vendor's message, or {@code null} for "HTTP &lt;status&gt;"
     * @param vendorCode  the vendor's error code, or {@code null}
     * @param fieldErrors field errors for validation failures (may be empty)
     * @return the exception, never {@code null}
     */
    static CrmException toException(CrmResponse response, String message, String vendorCode,
                                    List<FieldError> fieldErrors) {
        int status = response.status();
        String text = (message == null || message.isBlank()) ? "HTTP " + status : message;
        ErrorDetails details = response.errorDetails(vendorCode);
        return switch (status) {
            case 400, 422 -> new CrmValidationException(text, details, fieldErrors);
            case 401 -> new CrmAuthenticationException(text, details);
            case 403 -> new CrmPermissionException(text, details);
            case 404, 410 -> new CrmNotFoundException(text, details);
            case 409 -> new CrmConflictException(text, details, List.of());
            case 429 -> new CrmRateLimitException(text, details, response.retryAfter().orElse(null), false);
            case 408 -> new CrmUnavailableException(text, details);
            default -> status >= 500 ? new CrmUnavailableException(text, details) : new CrmException(text, details);
        };
    }

    private static JsonNode safeJson(CrmResponse response) {
        try {
            return response.json();
        } catch (CrmException notJson) {
            return null;
        }
    }

    private static String firstText(JsonNode body, String... fields) {
        if (body == null || !body.isObject()) {
            return null;
        }
        for (String f : fields) {
            JsonNode v = body.get(f);
            if (v != null && v.isValueNode() && !v.asText().isBlank()) {
                return v.asText();
            }
        }
        return null;
    }
}
