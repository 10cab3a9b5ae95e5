package dev.salesagent.crm.close.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesagent.crm.CrmAuthenticationException;
import dev.salesagent.crm.CrmException;
import dev.salesagent.crm.CrmNotFoundException;
import dev.salesagent.crm.CrmPermissionException;
import dev.salesagent.crm.CrmRateLimitException;
import dev.salesagent.crm.CrmUnavailableException;
import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.http.CrmResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import okhttp3.Headers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Close's error answers mapped to SPI exceptions, as a table, and Close's rate-limit signals to waits. */
class CloseErrorsTest {

    private static CrmResponse response(int status, String body, String... headers) {
        return CrmResponse.of("close", status, Headers.of(headers), body, Instant.parse("2026-03-02T09:00:00Z"));
    }

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(400, "{\"error\":\"\",\"errors\":[],\"field-errors\":{\"emails\":\"Invalid email address.\"}}",
                        CrmValidationException.class, "invalid fields [email]"),
                Arguments.of(400, "{\"errors\":[\"Query is malformed\"]}", CrmValidationException.class, "Query is malformed"),
                Arguments.of(401, "{\"error\":\"Unauthorized: invalid API key\"}", CrmAuthenticationException.class,
                        "Unauthorized: invalid API key"),
                Arguments.of(403, "{\"error\":\"You don't have permission\"}", CrmPermissionException.class,
                        "You don't have permission"),
                Arguments.of(404, "{\"error\":\"Empty query: Lead matching query does not exist.\"}",
                        CrmNotFoundException.class, "Lead matching query does not exist"),
                Arguments.of(500, "<html>oops</html>", CrmUnavailableException.class, "HTTP 500"),
                Arguments.of(503, "", CrmUnavailableException.class, "HTTP 503"));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("table")
    @DisplayName("status and body map to the SPI exception with Close's message")
    void mapsStatus(int status, String body, Class<? extends CrmException> type, String message) {
        CrmException e = CloseErrors.map(response(status, body));
        assertThat(e).isInstanceOf(type);
        assertThat(e.getMessage()).contains(message);
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.providerId()).isEqualTo("close");
    }

    @Test
    @DisplayName("field-errors become our field names; nested list errors are flattened; 'required' gives REQUIRED")
    void fieldErrors() {
        CrmValidationException e = (CrmValidationException) CloseErrors.map(response(400, """
                {"error":"","field-errors":{"emails":{"0":{"email":["Enter a valid email address."]}},
                 "lead_id":"This field is required.","custom.cf_x":"Not a number"}}"""));
        assertThat(e.fieldErrors()).extracting(f -> f.field() + "/" + f.code() + "/" + f.message()).containsExactly(
                "email/INVALID/Enter a valid email address.", "accountId/REQUIRED/This field is required.",
                "custom.cf_x/INVALID/Not a number");
    }

    @Test
    @DisplayName("a 429 waits the longest of Retry-After, the body's rate_reset and the RateLimit reset")
    void rateLimit() {
        String body = "{\"error\":{\"message\":\"API call count exceeded\",\"rate_reset\":2.5,\"rate_limit\":40,"
                + "\"rate_window\":1,\"rate_limit_type\":\"key\"}}";
        CrmRateLimitException onlyBody = (CrmRateLimitException) CloseErrors.map(response(429, body));
        assertThat(onlyBody.retryAfter()).contains(Duration.ofMillis(2500));
        assertThat(onlyBody.vendorCode()).isEqualTo("key");
        assertThat(onlyBody.retryable()).isTrue();
        assertThat(onlyBody.getMessage()).contains("API call count exceeded");
        CrmRateLimitException all = (CrmRateLimitException) CloseErrors.map(response(429, body,
                "Retry-After", "3", "RateLimit", "limit=40, remaining=0, reset=7"));
        assertThat(all.retryAfter()).contains(Duration.ofSeconds(7));
        CrmRateLimitException none = (CrmRateLimitException) CloseErrors.map(response(429, ""));
        assertThat(none.retryAfter()).isEmpty();
    }

    @Test
    @DisplayName("the RateLimit header asks for its reset only when nothing remains (commas or semicolons)")
    void retryHint() {
        assertThat(CloseErrors.retryHint(response(503, "", "RateLimit", "limit=16, remaining=0, reset=4")))
                .contains(Duration.ofSeconds(4));
        assertThat(CloseErrors.retryHint(response(503, "", "RateLimit", "limit=16; remaining=0; reset=1")))
                .contains(Duration.ofSeconds(1));
        assertThat(CloseErrors.retryHint(response(503, "", "RateLimit", "limit=16, remaining=3, reset=1"))).isEmpty();
        assertThat(CloseErrors.retryHint(response(503, ""))).isEmpty();
    }

    @Test
    @DisplayName("a request id header, when Close sends one, is kept on the exception")
    void requestId() {
        CrmException e = CloseErrors.map(response(404, "{\"error\":\"gone\"}", "X-Request-Id", "req_123"));
        assertThat(e.requestId()).isEqualTo("req_123");
        assertThat(e.getMessage()).contains("requestId=req_123");
    }
}
