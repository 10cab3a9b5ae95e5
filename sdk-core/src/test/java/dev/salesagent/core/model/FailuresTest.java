package dev.salesagent.core.model;

import dev.salesagent.core.model.ModelCallException.Reason;
import dev.salesagent.core.model.internal.Failures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The status/vendor-code to reason table of the one central mapper. */
class FailuresTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            429 | {"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}          | RATE_LIMITED    | rate_limit_exceeded
            429 | {"error":{"message":"You exceeded your current quota","type":"insufficient_quota","code":"insufficient_quota"}} | QUOTA_EXHAUSTED | insufficient_quota
            429 | {"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit"}} | RATE_LIMITED | rate_limit_error
            500 | {"error":{"message":"The server had an error","type":"server_error","code":null}}                   | SERVER_ERROR    | server_error
            502 | <html>Bad gateway</html>                                                                            | SERVER_ERROR    | 502
            503 | {"error":{"message":"The engine is currently overloaded","type":"server_error"}}                    | SERVER_ERROR    | server_error
            504 | ''                                                                                                  | SERVER_ERROR    | 504
            529 | {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}                         | SERVER_ERROR    | overloaded_error
            400 | {"error":{"message":"This model's maximum context length is 128000 tokens","type":"invalid_request_error","code":"context_length_exceeded"}} | CONTEXT_LENGTH | context_length_exceeded
            400 | {"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 210000 tokens > 200000 maximum"}} | CONTEXT_LENGTH | invalid_request_error
            400 | {"error":{"message":"Invalid value for 'temperature'","type":"invalid_request_error","code":null}}  | INVALID_REQUEST | invalid_request_error
            401 | {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}              | AUTHENTICATION  | authentication_error
            403 | {"type":"error","error":{"type":"permission_error","message":"Your API key does not have permission"}} | AUTHENTICATION | permission_error
            404 | {"error":{"message":"The model `gpt-9` does not exist","type":"invalid_request_error","code":"model_not_found"}} | NOT_FOUND | model_not_found
            408 | ''                                                                                                  | TIMEOUT         | 408
            """)
    void mapsStatusAndVendorErrorToReason(int status, String body, Reason reason, String errorType) {
        Failures.Failure f = Failures.classify(new HttpFailure(status, Map.of(), body), CLOCK);

        assertThat(f.reason()).isEqualTo(reason);
        assertThat(f.errorType()).isEqualTo(errorType);
        assertThat(f.statusCode()).isEqualTo(status);
    }

    @Test
    void readsRetryAfterMsSecondsAndHttpDates() {
        assertThat(retryAfter(Map.of("retry-after-ms", List.of("1500"), "retry-after", List.of("9")))).isEqualTo(Duration.ofMillis(1500));
        assertThat(retryAfter(Map.of("Retry-After", List.of("7")))).isEqualTo(Duration.ofSeconds(7));
        assertThat(retryAfter(Map.of("retry-after", List.of("Sun, 01 Mar 2026 10:00:30 GMT")))).isEqualTo(Duration.ofSeconds(30));
        assertThat(retryAfter(Map.of("retry-after", List.of("soon")))).isNull();
        assertThat(retryAfter(Map.of())).isNull();
    }

    @Test
    void keepsRequestIdFromEitherProvider() {
        assertThat(Failures.classify(new HttpFailure(500, Map.of("x-request-id", List.of("req_1")), ""), CLOCK)
                .requestId()).isEqualTo("req_1");
        assertThat(Failures.classify(new HttpFailure(529, Map.of("request-id", List.of("req_2")), ""), CLOCK)
                .requestId()).isEqualTo("req_2");
    }

    private static Duration retryAfter(Map<String, List<String>> headers) {
        return Failures.classify(new HttpFailure(429, headers, ""), CLOCK).retryAfter();
    }

    /** A provider HTTP failure as any HTTP client can report it: sdk-core needs only {@link ProviderError}. */
    private static final class HttpFailure extends RuntimeException implements ProviderError {
        private final int status;
        private final Map<String, List<String>> headers;
        private final String body;

        HttpFailure(int status, Map<String, List<String>> headers, String body) {
            super("HTTP " + status);
            this.status = status;
            this.headers = headers;
            this.body = body;
        }

        @Override
        public int statusCode() {
            return status;
        }

        @Override
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().toLowerCase(Locale.ROOT)
                    .equals(name.toLowerCase(Locale.ROOT))).map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        @Override
        public String body() {
            return body;
        }
    }
}
