package dev.salesagent.crm.http;

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
import java.time.Instant;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VendorErrorMapperTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({
            "400, CrmValidationException, false",
            "422, CrmValidationException, false",
            "401, CrmAuthenticationException, false",
            "403, CrmPermissionException, false",
            "404, CrmNotFoundException, false",
            "410, CrmNotFoundException, false",
            "409, CrmConflictException, false",
            "429, CrmRateLimitException, true",
            "408, CrmUnavailableException, true",
            "500, CrmUnavailableException, true",
            "502, CrmUnavailableException, true",
            "503, CrmUnavailableException, true",
            "418, CrmException, false",
    })
    void mapsStatusToExceptionType(int status, String type, boolean retryable) {
        CrmException e = VendorErrorMapper.statusBased().map(CrmResponse.of("acme", status,
                Headers.of("X-Request-Id", "rid-1"), "{\"message\":\"boom\",\"errorCode\":\"E42\"}", NOW));
        assertThat(e.getClass().getSimpleName()).isEqualTo(type);
        assertThat(e.retryable()).isEqualTo(retryable);
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.vendorCode()).isEqualTo("E42");
        assertThat(e.requestId()).isEqualTo("rid-1");
        assertThat(e.providerId()).isEqualTo("acme");
        assertThat(e.getMessage()).startsWith("boom").contains("status=" + status, "code=E42", "requestId=rid-1");
    }

    @Test
    void nonJsonBodyFallsBackToStatusText() {
        CrmException e = VendorErrorMapper.statusBased().map(CrmResponse.of("acme", 502, Headers.of(),
                "<html>Bad Gateway</html>", NOW));
        assertThat(e).isInstanceOf(CrmUnavailableException.class);
        assertThat(e.getMessage()).startsWith("HTTP 502");
    }

    @Test
    void rateLimitCarriesRetryAfter() {
        CrmException e = VendorErrorMapper.statusBased().map(CrmResponse.of("acme", 429,
                Headers.of("Retry-After", "2"), "", NOW));
        assertThat(((CrmRateLimitException) e).retryAfter()).contains(Duration.ofSeconds(2));
    }

    @Test
    void typesAreTheSdkOnes() {
        assertThat(CrmValidationException.class).isAssignableTo(CrmException.class);
        assertThat(CrmAuthenticationException.class).isAssignableTo(CrmException.class);
        assertThat(CrmPermissionException.class).isAssignableTo(CrmException.class);
        assertThat(CrmNotFoundException.class).isAssignableTo(CrmException.class);
        assertThat(CrmConflictException.class).isAssignableTo(CrmException.class);
    }
}
