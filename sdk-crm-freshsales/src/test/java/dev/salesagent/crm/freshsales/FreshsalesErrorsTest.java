package dev.salesagent.crm.freshsales;

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
import okhttp3.Headers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Freshsales' documented error bodies map to the SPI's exception types with code, request id and fields. */
class FreshsalesErrorsTest {

    private static CrmException map(int status, String body, String... headers) {
        return FreshsalesErrors.map(CrmResponse.of("freshsales", status, Headers.of(headers), body, Instant.EPOCH));
    }

    @Test
    @DisplayName("400 errors.message becomes a validation error with one field error per message")
    void validation() {
        CrmException e = map(400, "{\"errors\":{\"code\":400,\"message\":[\"Emails has already been taken\","
                + "\"Something else went wrong\"]}}", "X-Request-Id", "req-7");
        assertThat(e).isInstanceOfSatisfying(CrmValidationException.class, v -> {
            assertThat(v.fieldErrors()).extracting(CrmValidationException.FieldError::field)
                    .containsExactly("emails", null);
            assertThat(v.getMessage()).contains("Emails has already been taken");
        });
        assertThat(e.vendorCode()).isEqualTo("400");
        assertThat(e.requestId()).isEqualTo("req-7");
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.providerId()).isEqualTo("freshsales");
    }

    @Test
    @DisplayName("401 {login: failed} is an authentication error with vendor code login_failed")
    void authentication() {
        CrmException e = map(401, "{\"login\":\"failed\",\"message\":\"Incorrect or expired API key\"}");
        assertThat(e).isInstanceOf(CrmAuthenticationException.class).hasMessageContaining("Incorrect or expired");
        assertThat(e.vendorCode()).isEqualTo("login_failed");
    }

    @Test
    @DisplayName("403, 404, 429 with Retry-After and 502 map to their types")
    void statuses() {
        assertThat(map(403, "{\"errors\":{\"code\":403,\"message\":[\"Access denied\"]}}"))
                .isInstanceOf(CrmPermissionException.class);
        assertThat(map(404, "{\"errors\":{\"code\":404,\"message\":[\"Record not found\"]}}"))
                .isInstanceOf(CrmNotFoundException.class);
        assertThat(map(429, "{\"errors\":{\"code\":429,\"message\":[\"Per minute API limit exceeded\"]}}",
                "Retry-After", "42")).isInstanceOfSatisfying(CrmRateLimitException.class,
                r -> assertThat(r.retryAfter()).contains(Duration.ofSeconds(42)));
        assertThat(map(502, "<html>Bad gateway</html>")).isInstanceOfSatisfying(CrmUnavailableException.class,
                u -> assertThat(u.retryable()).isTrue());
    }

    @Test
    @DisplayName("the attribute of a message is the longest known field name it starts with")
    void attributes() {
        assertThat(FreshsalesErrors.attributeOf("Email is invalid")).isEqualTo("email");
        assertThat(FreshsalesErrors.attributeOf("Emails is invalid")).isEqualTo("emails");
        assertThat(FreshsalesErrors.attributeOf("Deal stage id is invalid")).isEqualTo("deal_stage_id");
        assertThat(FreshsalesErrors.attributeOf("Nothing matches")).isNull();
    }
}
