package dev.salesagent.crm.zoho;

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
import dev.salesagent.crm.http.CrmResponse;
import dev.salesagent.crm.http.VendorErrorMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Zoho's error JSON to SPI exceptions. Zoho answers a failed call with {@code {"code","details","message","status":
 * "error"}} and a failed write with {@code {"data":[{"code","details","message","status"}, ...]}} (one item per
 * record; HTTP 400 when all failed, 207 when some did) — "Status codes" and "Error responses" of the v8 docs
 * (<a href="https://www.zoho.com/crm/developer/docs/api/v8/status-codes.html">status codes</a>). The code is kept
 * as {@link CrmException#vendorCode()}; field errors come from {@code details.api_name}, translated to our field
 * names. Zoho sends no request id header.
 */
final class ZohoErrors {

    /** Zoho field API name to our field name, for field errors. */
    private static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("Email", "email"), Map.entry("First_Name", "firstName"), Map.entry("Last_Name", "lastName"),
            Map.entry("Title", "title"), Map.entry("Phone", "phone"), Map.entry("Account_Name", "name"),
            Map.entry("Website", "domain"), Map.entry("Industry", "industry"), Map.entry("Employees", "employees"),
            Map.entry("Annual_Revenue", "annualRevenue"), Map.entry("Billing_Country", "country"),
            Map.entry("Deal_Name", "name"), Map.entry("Stage", "stage"), Map.entry("Amount", "amount"),
            Map.entry("Closing_Date", "closeDate"), Map.entry("Owner", "ownerId"),
            Map.entry("Note_Content", "body"), Map.entry("Parent_Id", "target"), Map.entry("Product_Code", "sku"),
            Map.entry("Product_Name", "name"), Map.entry("Unit_Price", "unitPrice"));

    private ZohoErrors() {
    }

    /** A write whose every record failed (HTTP 400 with a {@code data} array): the per-record items are kept. */
    static final class RecordErrors extends CrmValidationException {
        private final transient JsonNode data;

        RecordErrors(CrmException first, JsonNode data) {
            super(first.getMessage(), first.details(),
                    first instanceof CrmValidationException v ? v.fieldErrors() : List.of());
            this.data = data;
        }

        JsonNode data() {
            return data;
        }
    }

    static CrmException map(CrmResponse response) {
        JsonNode body = safeJson(response);
        JsonNode data = body == null ? null : body.get("data");
        if (data != null && data.isArray() && !data.isEmpty() && response.status() == 400) {
            return new RecordErrors(record(response, data.get(0)), data);
        }
        return fromNode(response, body, response.status());
    }

    /** The exception for one failed item of a write response. */
    static CrmException record(CrmResponse response, JsonNode item) {
        return fromNode(response, item, 400);
    }

    private static CrmException fromNode(CrmResponse response, JsonNode node, int status) {
        String code = text(node, "code");
        String message = text(node, "message");
        String text = (message == null ? "HTTP " + response.status() : message);
        ErrorDetails details = ErrorDetails.http(ZohoCrmClientProvider.ID, response.status(), code, response.requestId());
        if (code != null) {
            switch (code) {
                case "INVALID_TOKEN", "AUTHENTICATION_FAILURE", "OAUTH_SCOPE_MISMATCH", "INVALID_OAUTHTOKEN":
                    return new CrmAuthenticationException(text, details);
                case "NO_PERMISSION", "FEATURE_NOT_SUPPORTED", "FEATURE_NOT_ENABLED":
                    return new CrmPermissionException(text, details);
                case "TOO_MANY_REQUESTS":
                    return new CrmRateLimitException(text, details, response.retryAfter().orElse(null), false);
                case "INVALID_URL_PATTERN", "RECORD_NOT_FOUND":
                    return new CrmNotFoundException(text, details);
                case "DUPLICATE_DATA":
                    JsonNode id = node.path("details").path("id");
                    if (id.isMissingNode()) {
                        id = node.path("details").path("duplicate_record").path("id");
                    }
                    return new CrmConflictException(text, details, id.isMissingNode() ? List.of() : List.of(id.asText()));
                case "INTERNAL_ERROR":
                    return new CrmUnavailableException(text, details);
                default:
                    break;
            }
        }
        if (status == 400 || status == 422 || response.status() == 207 || response.isSuccessful()) {
            return new CrmValidationException(text, details, fieldErrors(node, code));
        }
        return VendorErrorMapper.toException(response, message, code, fieldErrors(node, code));
    }

    private static List<FieldError> fieldErrors(JsonNode node, String code) {
        List<FieldError> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        JsonNode details = node.path("details");
        String apiName = details.path("api_name").asText(null);
        if (apiName != null) {
            out.add(new FieldError(FIELDS.getOrDefault(apiName, apiName), code == null ? "INVALID" : code,
                    text(node, "message") == null ? "" : text(node, "message")));
        }
        return out;
    }

    static boolean isMissingField(CrmException e, String apiName) {
        return "MANDATORY_NOT_FOUND".equals(e.vendorCode()) && e instanceof CrmValidationException v
                && v.fieldErrors().stream().anyMatch(f -> f.field().equals(FIELDS.getOrDefault(apiName, apiName)));
    }

    private static JsonNode safeJson(CrmResponse response) {
        try {
            JsonNode n = response.json();
            return n.isMissingNode() ? null : n;
        } catch (CrmException notJson) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode v = node.get(field);
        return v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank() ? null : v.asText();
    }
}
