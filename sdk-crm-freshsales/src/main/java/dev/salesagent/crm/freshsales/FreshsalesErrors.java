package dev.salesagent.crm.freshsales;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salesagent.crm.CrmException;
import dev.salesagent.crm.CrmValidationException.FieldError;
import dev.salesagent.crm.http.CrmResponse;
import dev.salesagent.crm.http.VendorErrorMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps Freshsales error responses to the SPI's exceptions.
 *
 * <p>Shapes read (Freshworks CRM API, "Errors"): {@code {"errors":{"code":400,"message":["Emails has already been
 * taken"]}}} for validation and lookup failures, and {@code {"login":"failed","message":"Incorrect or expired API
 * key"}} for a bad API key. The HTTP status picks the type (400/422 validation, 401 authentication, 403 permission,
 * 404 not found, 409 conflict, 429 rate limit with {@code Retry-After}, 5xx unavailable); every message of
 * {@code errors.message} becomes one {@link FieldError} whose field is the attribute the message starts with
 * ({@code "Emails has already been taken"} is field {@code emails}), or {@code null} when it names none.
 * {@code errors.code} (or {@code login}) is the vendor code; the {@code X-Request-Id} header is the request id.
 *
 * @see <a href="https://developers.freshworks.com/crm/api/#errors">Freshworks CRM API: Errors</a>
 */
public final class FreshsalesErrors {

    private static final List<String> ATTRIBUTES = List.of("emails", "email", "first_name", "last_name", "job_title",
            "work_number", "mobile_number", "name", "website", "amount", "deal_stage_id", "description",
            "targetable_id", "targetable_type", "number_of_employees", "annual_revenue", "unique_identifier");

    private FreshsalesErrors() {
    }

    /**
     * The exception for a non-2xx response (never {@code null}).
     *
     * @param response a failed Freshsales response
     * @return the SPI exception carrying status, vendor code and request id
     */
    public static CrmException map(CrmResponse response) {
        JsonNode body = null;
        try {
            body = response.json();
        } catch (CrmException notJson) {
            body = null;
        }
        List<String> messages = new ArrayList<>();
        String code = null;
        if (body != null && body.isObject()) {
            JsonNode errors = body.path("errors");
            if (errors.isObject()) {
                if (errors.hasNonNull("code")) {
                    code = errors.get("code").asText();
                }
                JsonNode m = errors.path("message");
                if (m.isArray()) {
                    m.forEach(v -> messages.add(v.asText()));
                } else if (m.isTextual()) {
                    messages.add(m.asText());
                }
            }
            if (messages.isEmpty() && body.hasNonNull("message")) {
                messages.add(body.get("message").asText());
            }
            if (code == null && body.hasNonNull("login")) {
                code = "login_" + body.get("login").asText();
            }
        }
        List<FieldError> fields = new ArrayList<>();
        if (response.status() == 400 || response.status() == 422) {
            for (String m : messages) {
                fields.add(new FieldError(attributeOf(m), "INVALID", m));
            }
        }
        String message = messages.isEmpty() ? null : String.join("; ", messages);
        return VendorErrorMapper.toException(response, message, code, fields);
    }

    /** The attribute a Freshsales message starts with ("Emails is invalid" is {@code emails}), or {@code null}. */
    static String attributeOf(String message) {
        String m = message.trim().toLowerCase(Locale.ROOT).replace(' ', '_');
        String best = null;
        for (String a : ATTRIBUTES) {
            if (m.startsWith(a) && (best == null || a.length() > best.length())) {
                best = a;
            }
        }
        return best;
    }
}
