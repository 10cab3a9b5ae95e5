package dev.salesagent.crm.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesagent.crm.CrmConflictException;
import dev.salesagent.crm.CrmException;
import dev.salesagent.crm.CrmRateLimitException;
import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.http.CrmResponse;
import java.time.Instant;
import okhttp3.Headers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Zoho's error JSON to SPI exceptions, as a table. */
class ZohoErrorsTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "401, INVALID_TOKEN, CrmAuthenticationException",
            "401, OAUTH_SCOPE_MISMATCH, CrmAuthenticationException",
            "403, NO_PERMISSION, CrmPermissionException",
            "429, TOO_MANY_REQUESTS, CrmRateLimitException",
            "404, INVALID_URL_PATTERN, CrmNotFoundException",
            "400, INVALID_DATA, CrmValidationException",
            "400, MANDATORY_NOT_FOUND, CrmValidationException",
            "400, DUPLICATE_DATA, CrmConflictException",
            "400, INVALID_MODULE, CrmValidationException",
            "500, INTERNAL_ERROR, CrmUnavailableException",
            "503, SOMETHING_NEW, CrmUnavailableException"})
    void topLevel(int status, String code, String type) {
        CrmException e = ZohoErrors.map(CrmResponse.of("zoho", status, Headers.of(),
                "{\"code\":\"" + code + "\",\"details\":{\"api_name\":\"Email\",\"id\":\"42\"},\"message\":\"m\","
                        + "\"status\":\"error\"}", Instant.EPOCH));
        assertThat(e.getClass().getSimpleName()).isEqualTo(type);
        assertThat(e.vendorCode()).isEqualTo(code);
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.providerId()).isEqualTo("zoho");
        if (e instanceof CrmValidationException v) {
            assertThat(v.fieldErrors()).extracting(CrmValidationException.FieldError::field).containsExactly("email");
        }
        if (e instanceof CrmConflictException c) {
            assertThat(c.getMessage()).contains("m");
        }
        if (e instanceof CrmRateLimitException r) {
            assertThat(r.retryable()).isTrue();
        }
    }

    @ParameterizedTest(name = "a write where every record failed keeps the items ({0})")
    @CsvSource({"INVALID_DATA", "MANDATORY_NOT_FOUND"})
    void allRecordsFailed(String code) {
        CrmException e = ZohoErrors.map(CrmResponse.of("zoho", 400, Headers.of(), "{\"data\":[{\"code\":\"" + code
                + "\",\"details\":{\"api_name\":\"Last_Name\"},\"message\":\"m\",\"status\":\"error\"}]}", Instant.EPOCH));
        assertThat(e).isInstanceOf(ZohoErrors.RecordErrors.class);
        assertThat(((ZohoErrors.RecordErrors) e).data()).hasSize(1);
        assertThat(((CrmValidationException) e).fieldErrors()).extracting(CrmValidationException.FieldError::field)
                .containsExactly("lastName");
    }
}
