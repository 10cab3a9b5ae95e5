package dev.salesagent.crm.salesforce.internal.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import dev.salesagent.crm.salesforce.internal.api.SfError;
import dev.salesagent.crm.salesforce.internal.mapper.SObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps Salesforce's array-shaped errors ({@code [{"message","errorCode","fields"}]},
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm) to SPI exceptions. The
 * error code decides where the HTTP status alone would mislead:
 * <ul>
 *   <li>{@code 403 REQUEST_LIMIT_EXCEEDED} is a rate limit (Salesforce sends no 429): {@code TotalRequests} means the
 *       org's 24-hour allocation is used up (quota exhausted, not retried); concurrency limits are retryable.</li>
 *   <li>{@code NOT_FOUND}, {@code ENTITY_IS_DELETED}, {@code INVALID_CROSS_REFERENCE_KEY} and {@code MALFORMED_ID}
 *       mean the referenced record does not exist.</li>
 *   <li>{@code DUPLICATE_VALUE}, {@code DUPLICATE_EXTERNAL_ID} and HTTP 300 (several records match an external id)
 *       are conflicts listing the existing ids.</li>
 *   <li>{@code UNABLE_TO_LOCK_ROW} and {@code SERVER_UNAVAILABLE} are transient.</li>
 * </ul>
 */
public final class SalesforceErrors implements VendorErrorMapper {

    private static final Set<String> NOT_FOUND = Set.of("NOT_FOUND", "ENTITY_IS_DELETED",
            "INVALID_CROSS_REFERENCE_KEY", "MALFORMED_ID", "INVALID_ID_FIELD");
    private static final Set<String> CONFLICT = Set.of("DUPLICATE_VALUE", "DUPLICATE_EXTERNAL_ID");
    private static final Set<String> TRANSIENT = Set.of("UNABLE_TO_LOCK_ROW", "SERVER_UNAVAILABLE");
    private static final Set<String> AUTH = Set.of("INVALID_SESSION_ID", "INVALID_AUTH_HEADER");
    private static final Pattern RECORD_ID = Pattern.compile("\\b([a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?)\\s*$");
    /** A trailing id list, as in sObject Collections' "more than one record found for external id field: [a, b]". */
    private static final Pattern ID_LIST =
            Pattern.compile("\\[([a-zA-Z0-9]{15,18}(?:\\s*,\\s*[a-zA-Z0-9]{15,18})*)]\\s*$");
    private static final Pattern URL_ID = Pattern.compile("/sobjects/[^/]+/([a-zA-Z0-9]{15,18})$");

    private final String providerId;
    private final SObjectMapper mapper;
    private final ObjectMapper json;
    private final Consumer<CrmResponse> observer;

    /**
     * @param observer sees every error response first (the adapter reads {@code Sforce-Limit-Info} there)
     */
    public SalesforceErrors(String providerId, SObjectMapper mapper, ObjectMapper json, Consumer<CrmResponse> observer) {
        this.providerId = providerId;
        this.mapper = mapper;
        this.json = json;
        this.observer = observer;
    }

    @Override
    public CrmException map(CrmResponse response) {
        observer.accept(response);
        JsonNode body;
        try {
            body = response.json();
        } catch (CrmException notJson) {
            body = null;
        }
        if (response.status() == 300 && body != null && body.isArray()) {
            List<String> ids = new ArrayList<>();
            body.forEach(url -> {
                Matcher m = URL_ID.matcher(url.asText());
                if (m.find()) {
                    ids.add(m.group(1));
                }
            });
            return new CrmConflictException("several Salesforce records match the external id: " + ids,
                    response.errorDetails("MULTIPLE_CHOICES"), ids);
        }
        List<SfError> errors = errors(body);
        if (errors.isEmpty()) {
            return VendorErrorMapper.statusBased().map(response);
        }
        SfError first = errors.get(0);
        return toException("", response.status(), first, errors,
                response.errorDetails(first.code()));
    }

    /** The error of one sObject Collections item ({@code statusCode} codes, HTTP 200 overall). */
    public CrmException itemError(String sObject, List<SfError> errors) {
        if (errors.isEmpty()) {
            return new CrmException("Salesforce reported a failed record without errors", ErrorDetails.of(providerId));
        }
        SfError first = errors.get(0);
        return toException(sObject, 400, first, errors, ErrorDetails.http(providerId, 0, first.code(), null));
    }

    /** The error of one Composite subrequest (its own {@code httpStatusCode} and error-array body). */
    public CrmException subrequestError(String sObject, int status, JsonNode body) {
        List<SfError> errors = errors(body);
        if (errors.isEmpty()) {
            return new CrmException("Composite subrequest failed with HTTP " + status,
                    ErrorDetails.http(providerId, status, null, null));
        }
        SfError first = errors.get(0);
        return toException(sObject, status, first, errors, ErrorDetails.http(providerId, status, first.code(), null));
    }

    private List<SfError> errors(JsonNode body) {
        List<SfError> out = new ArrayList<>();
        if (body != null && body.isArray()) {
            for (JsonNode e : body) {
                if (e.isObject() && (e.has("errorCode") || e.has("statusCode"))) {
                    out.add(json.convertValue(e, SfError.class));
                }
            }
        }
        return out;
    }

    private CrmException toException(String sObject, int status, SfError first, List<SfError> all,
                                     ErrorDetails details) {
        String code = first.code() == null ? "" : first.code();
        String message = first.message() == null ? code : first.message();
        if (code.equals("REQUEST_LIMIT_EXCEEDED")) {
            boolean daily = message.contains("TotalRequests");
            return new CrmRateLimitException(daily
                    ? "Salesforce daily API request allocation is exhausted (" + message + "); calls fail until "
                    + "the rolling 24-hour usage drops or the org's allocation is raised"
                    : "Salesforce concurrent request limit hit: " + message, details, null, daily);
        }
        if (AUTH.contains(code)) {
            return new CrmAuthenticationException("Salesforce session rejected: " + message, details);
        }
        if (NOT_FOUND.contains(code)) {
            return new CrmNotFoundException(message, details);
        }
        if (CONFLICT.contains(code)) {
            List<String> ids = new ArrayList<>();
            Matcher list = ID_LIST.matcher(message);
            Matcher m = RECORD_ID.matcher(message);
            if (list.find()) {
                ids.addAll(List.of(list.group(1).split("\\s*,\\s*")));
            } else if (m.find()) {
                ids.add(m.group(1));
            }
            return new CrmConflictException(message, details, ids);
        }
        if (TRANSIENT.contains(code) || status >= 500) {
            return new CrmUnavailableException(message, details);
        }
        if (status == 403) {
            return new CrmPermissionException(message, details);
        }
        if (status == 400 || status == 0) {
            List<FieldError> fields = new ArrayList<>();
            for (SfError e : all) {
                if (e.fields().isEmpty()) {
                    fields.add(new FieldError(null, e.code() == null ? "UNKNOWN" : e.code(), e.message()));
                } else {
                    for (String f : e.fields()) {
                        fields.add(new FieldError(mapper.ourField(sObject, f), e.code() == null ? "UNKNOWN" : e.code(),
                                e.message()));
                    }
                }
            }
            return new CrmValidationException(message, details, fields);
        }
        return switch (status) {
            case 401 -> new CrmAuthenticationException(message, details);
            case 404 -> new CrmNotFoundException(message, details);
            case 409 -> new CrmConflictException(message, details, List.of());
            default -> new CrmException(message, details);
        };
    }
}
