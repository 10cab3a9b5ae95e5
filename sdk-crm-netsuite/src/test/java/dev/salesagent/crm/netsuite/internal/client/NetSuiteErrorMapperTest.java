package dev.salesagent.crm.netsuite.internal.client;

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

class NetSuiteErrorMapperTest {

    private final NetSuiteErrorMapper mapper = new NetSuiteErrorMapper();

    private static String body(int status, String code, String path) {
        return "{\"type\":\"https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.1\",\"title\":\"T\",\"status\":"
                + status + ",\"o:errorDetails\":[{\"detail\":\"D " + code + "\"," + (path == null ? ""
                : "\"o:errorPath\":\"" + path + "\",") + "\"o:errorCode\":\"" + code + "\"}]}";
    }

    private static CrmResponse response(int status, String body, String... headers) {
        return CrmResponse.of("netsuite", status, Headers.of(headers), body, Instant.parse("2026-11-21T04:00:00Z"));
    }

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(400, "INVALID_KEY_OR_REF", CrmValidationException.class, false),
                Arguments.of(400, "USER_ERROR", CrmValidationException.class, false),
                Arguments.of(400, "SSS_REQUEST_LIMIT_EXCEEDED", CrmRateLimitException.class, true),
                Arguments.of(429, "CONCURRENCY_LIMIT_EXCEEDED", CrmRateLimitException.class, true),
                Arguments.of(401, "INVALID_LOGIN", CrmAuthenticationException.class, false),
                Arguments.of(403, "INSUFFICIENT_PERMISSION", CrmPermissionException.class, false),
                Arguments.of(404, "NONEXISTENT_ID", CrmNotFoundException.class, false),
                Arguments.of(500, "UNEXPECTED_ERROR", CrmUnavailableException.class, true),
                Arguments.of(503, "SERVICE_UNAVAILABLE", CrmUnavailableException.class, true));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("table")
    @DisplayName("status and o:errorCode select the exception type; the code, detail and operation id are kept")
    void maps(int status, String code, Class<? extends CrmException> type, boolean retryable) {
        CrmException e = mapper.map(response(status, body(status, code, null), "X-N-OperationId", "op-42"));
        assertThat(e).isExactlyInstanceOf(type);
        assertThat(e.vendorCode()).isEqualTo(code);
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.retryable()).isEqualTo(retryable);
        assertThat(e.getMessage()).contains("D " + code).contains("netsuite");
    }

    @Test
    @DisplayName("every detail with o:errorPath becomes a field error")
    void fieldErrors() {
        CrmValidationException e = (CrmValidationException) mapper.map(response(400,
                body(400, "INVALID_FLD_VALUE", "email")));
        assertThat(e.fieldErrors()).singleElement().satisfies(f -> {
            assertThat(f.field()).isEqualTo("email");
            assertThat(f.code()).isEqualTo("INVALID_FLD_VALUE");
            assertThat(f.message()).isEqualTo("D INVALID_FLD_VALUE");
        });
    }

    @Test
    @DisplayName("Retry-After on a 429 is kept; a non-JSON body still maps by status")
    void retryAfterAndPlainBody() {
        CrmRateLimitException e = (CrmRateLimitException) mapper.map(response(429, "<html>busy</html>",
                "Retry-After", "7"));
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(e.vendorCode()).isNull();
        assertThat(mapper.map(response(502, ""))).isInstanceOf(CrmUnavailableException.class);
    }
}
