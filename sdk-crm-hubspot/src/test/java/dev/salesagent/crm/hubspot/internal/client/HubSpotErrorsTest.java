package dev.salesagent.crm.hubspot.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesagent.crm.CrmAuthenticationException;
import dev.salesagent.crm.CrmConflictException;
import dev.salesagent.crm.CrmException;
import dev.salesagent.crm.CrmNotFoundException;
import dev.salesagent.crm.CrmPermissionException;
import dev.salesagent.crm.CrmRateLimitException;
import dev.salesagent.crm.CrmUnavailableException;
import dev.salesagent.crm.CrmValidationException;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The status/category table of HubSpot errors, with bodies in HubSpot's documented error shape. */
class HubSpotErrorsTest {

    final HubSpotErrors errors = new HubSpotErrors("hubspot", p -> p.equals("jobtitle") ? "title" : p, java.time.Clock.systemUTC());

    static String body(String category, String message) {
        return "{\"status\":\"error\",\"message\":\"" + message + "\",\"correlationId\":\"aeb5f871-7f07-4993-9211-075dc63e7cbf\","
                + "\"category\":\"" + category + "\"}";
    }

    @ParameterizedTest(name = "HTTP {0} {1} -> {2}")
    @CsvSource({
            "400, VALIDATION_ERROR, CrmValidationException, false",
            "401, INVALID_AUTHENTICATION, CrmAuthenticationException, false",
            "401, EXPIRED_AUTHENTICATION, CrmAuthenticationException, false",
            "403, MISSING_SCOPES, CrmPermissionException, false",
            "404, OBJECT_NOT_FOUND, CrmNotFoundException, false",
            "409, CONFLICT, CrmConflictException, false",
            "423, LOCKED, CrmUnavailableException, true",
            "477, MIGRATION_IN_PROGRESS, CrmUnavailableException, true",
            "500, INTERNAL_ERROR, CrmUnavailableException, true",
            "502, BAD_GATEWAY, CrmUnavailableException, true",
            "504, GATEWAY_TIMEOUT, CrmUnavailableException, true",
            "418, TEAPOT, CrmException, false"})
    void statusTable(int status, String category, String type, boolean retryable) {
        CrmException e = errors.map(status, h -> null, body(category, "boom"));
        assertThat(e.getClass().getSimpleName()).isEqualTo(type);
        assertThat(e.retryable()).isEqualTo(retryable);
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.vendorCode()).isEqualTo(category);
        assertThat(e.requestId()).isEqualTo("aeb5f871-7f07-4993-9211-075dc63e7cbf");
        assertThat(e.providerId()).isEqualTo("hubspot");
        assertThat(e.getMessage()).contains("boom", "aeb5f871");
    }

    @Test
    @DisplayName("validation errors carry field errors from errors[].in, mapped to our field names")
    void fieldErrors() {
        String body = "{\"status\":\"error\",\"message\":\"Property values were not valid\",\"correlationId\":\"c1\","
                + "\"category\":\"VALIDATION_ERROR\",\"errors\":[{\"message\":\"too long\",\"code\":\"INVALID_LENGTH\",\"in\":\"jobtitle\"}]}";
        CrmValidationException e = (CrmValidationException) errors.map(400, h -> null, body);
        assertThat(e.fieldErrors()).singleElement().satisfies(f -> {
            assertThat(f.field()).isEqualTo("title");
            assertThat(f.code()).isEqualTo("INVALID_LENGTH");
            assertThat(f.message()).isEqualTo("too long");
        });
    }

    @Test
    @DisplayName("field errors are also recovered from the 'Property values were not valid: [...]' message")
    void fieldErrorsFromMessage() {
        String body = "{\"status\":\"error\",\"message\":\"Property values were not valid: [{\\\"isValid\\\":false,"
                + "\\\"message\\\":\\\"Email address x is invalid\\\",\\\"error\\\":\\\"INVALID_EMAIL\\\",\\\"name\\\":\\\"email\\\"}]\","
                + "\"correlationId\":\"c2\",\"category\":\"VALIDATION_ERROR\"}";
        CrmValidationException e = (CrmValidationException) errors.map(400, h -> null, body);
        assertThat(e.fieldErrors()).singleElement().satisfies(f -> {
            assertThat(f.field()).isEqualTo("email");
            assertThat(f.code()).isEqualTo("INVALID_EMAIL");
        });
    }

    @Test
    @DisplayName("429 TEN_SECONDLY_ROLLING is retryable and waits the window when Remaining is 0")
    void rollingLimit() {
        String body = "{\"status\":\"error\",\"message\":\"You have reached your ten_secondly_rolling limit.\","
                + "\"errorType\":\"RATE_LIMIT\",\"correlationId\":\"c3\",\"policyName\":\"TEN_SECONDLY_ROLLING\",\"requestId\":\"r\"}";
        Map<String, String> h = Map.of("X-HubSpot-RateLimit-Remaining", "0", "X-HubSpot-RateLimit-Interval-Milliseconds", "10000");
        CrmRateLimitException e = (CrmRateLimitException) errors.map(429, h::get, body);
        assertThat(e.retryable()).isTrue();
        assertThat(e.quotaExhausted()).isFalse();
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(10));
        assertThat(e.vendorCode()).isEqualTo("TEN_SECONDLY_ROLLING");
        assertThat(e.requestId()).isEqualTo("c3");
    }

    @Test
    @DisplayName("Retry-After wins over the HubSpot window headers")
    void retryAfterHeader() {
        Map<String, String> h = Map.of("Retry-After", "3", "X-HubSpot-RateLimit-Remaining", "0",
                "X-HubSpot-RateLimit-Interval-Milliseconds", "10000");
        CrmRateLimitException e = (CrmRateLimitException) errors.map(429, h::get, "{\"policyName\":\"TEN_SECONDLY_ROLLING\"}");
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
    }

    @Test
    @DisplayName("a Retry-After HTTP date is measured on the injected clock")
    void retryAfterDate() {
        java.time.Instant now = java.time.Instant.parse("2026-05-01T10:00:00Z");
        HubSpotErrors fixed = new HubSpotErrors("hubspot", p -> p, java.time.Clock.fixed(now, java.time.ZoneOffset.UTC));
        Map<String, String> h = Map.of("Retry-After", "Fri, 01 May 2026 10:00:30 GMT");
        CrmRateLimitException e = (CrmRateLimitException) fixed.map(429, h::get, "{\"policyName\":\"TEN_SECONDLY_ROLLING\"}");
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
    }

    @Test
    @DisplayName("the rate-limit header hook asks for one window after a 429 with nothing remaining, 2 s after 423")
    void headerHook() {
        HubSpotRateLimitHeaders hook = new HubSpotRateLimitHeaders();
        okhttp3.Headers limited = okhttp3.Headers.of("X-HubSpot-RateLimit-Remaining", "0",
                "X-HubSpot-RateLimit-Interval-Milliseconds", "10000");
        java.time.Instant now = java.time.Instant.now();
        assertThat(hook.retryAfter(dev.salesagent.crm.http.CrmResponse.of("hubspot", 429, limited, "", now)))
                .contains(Duration.ofSeconds(10));
        assertThat(hook.retryAfter(dev.salesagent.crm.http.CrmResponse.of("hubspot", 429,
                okhttp3.Headers.of("X-HubSpot-RateLimit-Remaining", "3"), "", now))).isEmpty();
        assertThat(hook.retryAfter(dev.salesagent.crm.http.CrmResponse.of("hubspot", 423, okhttp3.Headers.of(), "", now)))
                .contains(Duration.ofSeconds(2));
        assertThat(hook.retryAfter(dev.salesagent.crm.http.CrmResponse.of("hubspot", 503, limited, "", now))).isEmpty();
    }

    @Test
    @DisplayName("429 DAILY fails fast: quota exhausted, not retryable")
    void dailyLimit() {
        String body = "{\"status\":\"error\",\"message\":\"You have reached your daily limit.\",\"errorType\":\"RATE_LIMIT\","
                + "\"correlationId\":\"c4\",\"policyName\":\"DAILY\",\"requestId\":\"r\"}";
        CrmRateLimitException e = (CrmRateLimitException) errors.map(429, h -> null, body);
        assertThat(e.quotaExhausted()).isTrue();
        assertThat(e.retryable()).isFalse();
        assertThat(e.vendorCode()).isEqualTo("DAILY");
    }

    @Test
    @DisplayName("409 keeps the existing record id; non-JSON bodies still map by status with the header correlation id")
    void conflictAndPlainBodies() {
        CrmConflictException c = (CrmConflictException) errors.map(409, h -> null,
                body("CONFLICT", "Contact already exists. Existing ID: 5101"));
        assertThat(c.conflictingIds()).containsExactly("5101");
        UnaryOperator<String> header = n -> n.equalsIgnoreCase(HubSpotErrors.CORRELATION_HEADER) ? "hdr-1" : null;
        CrmException e = errors.map(502, header, "<html>Bad Gateway</html>");
        assertThat(e).isInstanceOf(CrmUnavailableException.class);
        assertThat(e.requestId()).isEqualTo("hdr-1");
        assertThat(e.getMessage()).contains("Bad Gateway");
    }
}
