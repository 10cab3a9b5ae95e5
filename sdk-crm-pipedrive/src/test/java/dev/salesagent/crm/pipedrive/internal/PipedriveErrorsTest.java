package dev.salesagent.crm.pipedrive.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesagent.crm.CrmAuthenticationException;
import dev.salesagent.crm.CrmException;
import dev.salesagent.crm.CrmRateLimitException;
import dev.salesagent.crm.CrmUnavailableException;
import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.http.CrmResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import okhttp3.Headers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Pipedrive's error bodies and rate-limit headers to the SPI's exceptions, as a table. */
class PipedriveErrorsTest {

    private static CrmResponse response(int status, String body, Map<String, String> headers) {
        return CrmResponse.of("pipedrive", status, Headers.of(headers), body, Instant.parse("2026-01-05T09:00:00Z"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "400, CrmValidationException",
            "401, CrmAuthenticationException",
            "403, CrmPermissionException",
            "404, CrmNotFoundException",
            "410, CrmNotFoundException",
            "429, CrmRateLimitException",
            "500, CrmUnavailableException",
            "503, CrmUnavailableException"})
    @DisplayName("the status decides the type; the message keeps error and error_info")
    void statusTable(int status, String type) {
        CrmException e = PipedriveErrors.map(response(status,
                "{\"success\":false,\"error\":\"Boom\",\"error_info\":\"See docs\",\"data\":null,\"additional_data\":null}", Map.of()));
        assertThat(e.getClass().getSimpleName()).isEqualTo(type);
        assertThat(e.getMessage()).contains("Boom (See docs)");
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.providerId()).isEqualTo("pipedrive");
    }

    @Test
    @DisplayName("a validation message names the fields; the v2 code is the vendor code")
    void validationFields() {
        CrmException e = PipedriveErrors.map(response(400, "{\"success\":false,\"error\":\"Validation failed: name: is required;"
                + " org_id: organization 5 does not exist\",\"code\":\"ERR_SCHEMA_VALIDATION_FAILED\"}", Map.of()));
        assertThat(e).isInstanceOfSatisfying(CrmValidationException.class, v -> {
            assertThat(v.fieldErrors()).extracting(CrmValidationException.FieldError::field).containsExactly("name", "org_id");
            assertThat(v.fieldErrors().get(1).message()).isEqualTo("organization 5 does not exist");
        });
        assertThat(e.vendorCode()).isEqualTo("ERR_SCHEMA_VALIDATION_FAILED");
    }

    @Test
    @DisplayName("429 keeps Retry-After and is retryable; with x-daily-requests-left 0 it is the exhausted daily budget")
    void rateLimits() {
        CrmException window = PipedriveErrors.map(response(429, "{\"success\":false,\"error\":\"Request over limit\",\"errorCode\":429}",
                Map.of("Retry-After", "2", "x-ratelimit-remaining", "0")));
        assertThat(window).isInstanceOfSatisfying(CrmRateLimitException.class, r -> {
            assertThat(r.retryAfter()).contains(Duration.ofSeconds(2));
            assertThat(r.quotaExhausted()).isFalse();
            assertThat(r.retryable()).isTrue();
        });
        assertThat(window.vendorCode()).isEqualTo("429");
        CrmException daily = PipedriveErrors.map(response(429, "{\"success\":false,\"error\":\"Daily request limit reached\"}",
                Map.of("x-daily-requests-left", "0")));
        assertThat(daily).isInstanceOfSatisfying(CrmRateLimitException.class, r -> {
            assertThat(r.quotaExhausted()).isTrue();
            assertThat(r.retryable()).isFalse();
        });
    }

    @Test
    @DisplayName("a non-JSON body still maps by status")
    void notJson() {
        assertThat(PipedriveErrors.map(response(502, "<html>bad gateway</html>", Map.of())))
                .isInstanceOf(CrmUnavailableException.class);
        assertThat(PipedriveErrors.map(response(401, "", Map.of()))).isInstanceOf(CrmAuthenticationException.class);
    }

    @Test
    @DisplayName("x-ratelimit-reset is the wait only when x-ratelimit-remaining is 0")
    void retryHint() {
        assertThat(PipedriveErrors.retryHint(response(429, "{}", Map.of("x-ratelimit-remaining", "0", "x-ratelimit-reset", "2"))))
                .contains(Duration.ofSeconds(2));
        assertThat(PipedriveErrors.retryHint(response(200, "{}", Map.of("x-ratelimit-remaining", "5", "x-ratelimit-reset", "2"))))
                .isEmpty();
        assertThat(PipedriveErrors.retryHint(response(429, "{}", Map.of("x-ratelimit-remaining", "0", "x-ratelimit-reset", "soon"))))
                .isEmpty();
    }

}
