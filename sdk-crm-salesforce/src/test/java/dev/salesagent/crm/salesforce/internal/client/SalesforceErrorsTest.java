package dev.salesagent.crm.salesforce.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salesagent.crm.CrmAuthenticationException;
import dev.salesagent.crm.CrmConflictException;
import dev.salesagent.crm.CrmException;
import dev.salesagent.crm.CrmNotFoundException;
import dev.salesagent.crm.CrmPermissionException;
import dev.salesagent.crm.CrmRateLimitException;
import dev.salesagent.crm.CrmUnavailableException;
import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.SalesOrderStatus;
import dev.salesagent.crm.http.CrmResponse;
import dev.salesagent.crm.salesforce.internal.api.SfError;
import dev.salesagent.crm.salesforce.internal.mapper.SObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.Headers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Salesforce error table: status + errorCode -> SPI exception, as a table. */
class SalesforceErrorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<CrmResponse> observed = new ArrayList<>();
    private final SObjectMapper mapper = new SObjectMapper(new SObjectMapper.Settings("salesforce",
            "SalesAgent_Email__c", "SalesAgent_Domain__c", "Key__c", Map.of(SalesOrderStatus.PENDING, "Draft"), "USD",
            false, Map.of(), "[not provided]"), JSON);
    private final SalesforceErrors errors = new SalesforceErrors("salesforce", mapper, JSON, observed::add);

    private CrmException map(int status, String body) {
        return errors.map(CrmResponse.of("salesforce", status, Headers.of("Sforce-Limit-Info", "api-usage=1/2"), body,
                Instant.EPOCH));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "400, REQUIRED_FIELD_MISSING, CrmValidationException, false",
            "400, INVALID_FIELD, CrmValidationException, false",
            "400, MALFORMED_QUERY, CrmValidationException, false",
            "400, DUPLICATE_VALUE, CrmConflictException, false",
            "400, INVALID_CROSS_REFERENCE_KEY, CrmNotFoundException, false",
            "400, MALFORMED_ID, CrmNotFoundException, false",
            "400, ENTITY_IS_DELETED, CrmNotFoundException, false",
            "400, UNABLE_TO_LOCK_ROW, CrmUnavailableException, true",
            "401, INVALID_SESSION_ID, CrmAuthenticationException, false",
            "403, INSUFFICIENT_ACCESS_OR_READONLY, CrmPermissionException, false",
            "403, API_DISABLED_FOR_ORG, CrmPermissionException, false",
            "404, NOT_FOUND, CrmNotFoundException, false",
            "500, UNKNOWN_EXCEPTION, CrmUnavailableException, true",
            "503, SERVER_UNAVAILABLE, CrmUnavailableException, true",
    })
    void table(int status, String code, String type, boolean retryable) {
        CrmException e = map(status, "[{\"message\":\"m\",\"errorCode\":\"" + code + "\",\"fields\":[]}]");
        assertThat(e.getClass().getSimpleName()).isEqualTo(type);
        assertThat(e.retryable()).isEqualTo(retryable);
        assertThat(e.vendorCode()).isEqualTo(code);
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.providerId()).isEqualTo("salesforce");
    }

    @Test
    @DisplayName("REQUEST_LIMIT_EXCEEDED: TotalRequests is an exhausted quota, concurrency limits are retryable")
    void requestLimits() {
        CrmException daily = map(403, "[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]");
        assertThat(daily).isInstanceOfSatisfying(CrmRateLimitException.class, e -> {
            assertThat(e.quotaExhausted()).isTrue();
            assertThat(e.retryable()).isFalse();
        });
        CrmException concurrent = map(403, "[{\"message\":\"ConcurrentRequests (Concurrent API Requests) Limit exceeded.\","
                + "\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]");
        assertThat(concurrent).isInstanceOfSatisfying(CrmRateLimitException.class, e -> {
            assertThat(e.quotaExhausted()).isFalse();
            assertThat(e.retryable()).isTrue();
        });
        assertThat(observed).hasSize(2);
    }

    @Test
    @DisplayName("field names are translated to ours and every error of the array is kept")
    void fieldErrors() {
        CrmException e = map(400, "[{\"message\":\"Required fields are missing: [LastName]\",\"errorCode\":"
                + "\"REQUIRED_FIELD_MISSING\",\"fields\":[\"LastName\"]},{\"message\":\"Email: invalid email address\","
                + "\"errorCode\":\"INVALID_EMAIL_ADDRESS\",\"fields\":[\"Email\"]}]");
        assertThat(e).isInstanceOfSatisfying(CrmValidationException.class, v -> assertThat(v.fieldErrors())
                .extracting(CrmValidationException.FieldError::field, CrmValidationException.FieldError::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("lastName", "REQUIRED_FIELD_MISSING"),
                        org.assertj.core.groups.Tuple.tuple("email", "INVALID_EMAIL_ADDRESS")));
        assertThat(e.getMessage()).contains("Required fields are missing", "status=400", "code=REQUIRED_FIELD_MISSING");
    }

    @Test
    @DisplayName("HTTP 300 lists the ids of the matching records; DUPLICATE_VALUE names the existing one")
    void conflicts() {
        CrmException multiple = map(300, "[\"/services/data/v62.0/sobjects/Contact/003D000000QV9n2IAD\","
                + "\"/services/data/v62.0/sobjects/Contact/003D000000QV9n3IAD\"]");
        assertThat(multiple).isInstanceOfSatisfying(CrmConflictException.class, e -> assertThat(e.conflictingIds())
                .containsExactly("003D000000QV9n2IAD", "003D000000QV9n3IAD"));
        CrmException duplicate = map(400, "[{\"message\":\"duplicate value found: Key__c duplicates value on record "
                + "with id: 801D000000QV9n2IAD\",\"errorCode\":\"DUPLICATE_VALUE\",\"fields\":[]}]");
        assertThat(duplicate).isInstanceOfSatisfying(CrmConflictException.class,
                e -> assertThat(e.conflictingIds()).containsExactly("801D000000QV9n2IAD"));
    }

    @Test
    @DisplayName("collection items use statusCode and per-object field names")
    void itemErrors() {
        CrmException e = errors.itemError("Account", List.of(new SfError("Required fields are missing: [Name]", null,
                "REQUIRED_FIELD_MISSING", List.of("Name"))));
        assertThat(e).isInstanceOfSatisfying(CrmValidationException.class, v -> {
            assertThat(v.vendorCode()).isEqualTo("REQUIRED_FIELD_MISSING");
            assertThat(v.fieldErrors()).extracting(CrmValidationException.FieldError::field).containsExactly("name");
        });
        CrmException sub = errors.subrequestError("Order", 400, JSON.createArrayNode().add(JSON.createObjectNode()
                .put("errorCode", "FIELD_INTEGRITY_EXCEPTION").put("message", "m")
                .set("fields", JSON.createArrayNode().add("AccountId"))));
        assertThat(sub).isInstanceOfSatisfying(CrmValidationException.class, v -> assertThat(v.fieldErrors())
                .extracting(CrmValidationException.FieldError::field).containsExactly("customerId"));
    }

    @Test
    @DisplayName("a non-JSON error body falls back to the status")
    void nonJson() {
        assertThat(map(502, "<html>Bad gateway</html>")).isInstanceOf(CrmUnavailableException.class);
        assertThat(map(401, "")).isInstanceOf(CrmAuthenticationException.class);
        assertThat(map(403, "{}")).isInstanceOf(CrmPermissionException.class);
        assertThat(map(404, "[]")).isInstanceOf(CrmNotFoundException.class);
    }
}
