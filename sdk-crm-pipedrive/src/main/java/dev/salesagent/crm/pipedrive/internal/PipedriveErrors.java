package dev.salesagent.crm.pipedrive.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salesagent.crm.CrmException;
import dev.salesagent.crm.CrmRateLimitException;
import dev.salesagent.crm.CrmValidationException.FieldError;
import dev.salesagent.crm.http.CrmResponse;
import dev.salesagent.crm.http.VendorErrorMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pipedrive's error JSON and rate-limit headers to the SPI's exceptions.
 *
 * <p>Error body (<a href="https://pipedrive.readme.io/docs/core-api-concepts-http-status-codes">HTTP status codes</a>):
 * {@code {"success":false,"error":"<message>","error_info":"<hint>","data":null,"additional_data":null}}, some
 * answers add {@code "code"} (v2) or {@code "errorCode"} (the 429 body). The vendor code is {@code code}, else
 * {@code errorCode}, else {@code error}. A validation message of the form {@code "Validation failed: <field>: <reason>"}
 * (several joined by {@code "; "}) yields one field error per part.
 *
 * <p>Rate limits (<a href="https://pipedrive.readme.io/docs/core-api-concepts-rate-limiting">rate limiting</a>):
 * {@code x-ratelimit-limit}, {@code x-ratelimit-remaining}, {@code x-ratelimit-reset} (seconds until the 2-second
 * window resets) on every answer, {@code Retry-After} on a 429, and {@code x-daily-requests-left} for api_token
 * requests. A 429 with {@code x-daily-requests-left: 0} is the exhausted daily budget: it surfaces at once as
 * {@link CrmRateLimitException#quotaExhausted()}.
 */
public final class PipedriveErrors {

    private static final Pattern FIELD = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_.\\[\\]]*)\\s*:\\s*(.+)");

    private PipedriveErrors() {
    }

    /**
     * The exception for a non-2xx Pipedrive answer.
     *
     * @param response the answer (not 2xx)
     * @return the typed exception, never {@code null}
     */
    public static CrmException map(CrmResponse response) {
        JsonNode body = safeJson(response);
        String message = text(body, "error");
        String info = text(body, "error_info");
        String code = Optional.ofNullable(text(body, "code")).orElseGet(() -> Optional.ofNullable(text(body, "errorCode"))
                .orElse(null));
        String full = message == null ? null : (info == null ? message : message + " (" + info + ")");
        if (response.status() == 429 && response.header("x-daily-requests-left").map(String::trim).filter("0"::equals).isPresent()) {
            return new CrmRateLimitException(full == null ? "Pipedrive daily request budget exhausted" : full,
                    response.errorDetails(code == null ? "DAILY_LIMIT" : code), response.retryAfter().orElse(null), true);
        }
        return VendorErrorMapper.toException(response, full, code != null ? code : message, fieldErrors(message));
    }

    /**
     * The wait asked for by Pipedrive's rate-limit headers when {@code Retry-After} is missing: the
     * {@code x-ratelimit-reset} seconds when {@code x-ratelimit-remaining} is 0.
     *
     * @param response any answer
     * @return the wait, or empty
     */
    public static Optional<Duration> retryHint(CrmResponse response) {
        Optional<String> remaining = response.header("x-ratelimit-remaining").map(String::trim);
        if (remaining.isEmpty() || !remaining.get().equals("0")) {
            return Optional.empty();
        }
        return response.header("x-ratelimit-reset").map(String::trim).flatMap(v -> {
            try {
                return Optional.of(Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    static List<FieldError> fieldErrors(String message) {
        List<FieldError> out = new ArrayList<>();
        if (message == null) {
            return out;
        }
        String rest = message.startsWith("Validation failed:") ? message.substring("Validation failed:".length()) : null;
        if (rest == null) {
            return out;
        }
        for (String part : rest.split(";")) {
            Matcher m = FIELD.matcher(part);
            if (m.matches()) {
                out.add(new FieldError(m.group(1), "INVALID", m.group(2).trim()));
            }
        }
        return out;
    }

    private static JsonNode safeJson(CrmResponse response) {
        try {
            return response.json();
        } catch (CrmException notJson) {
            return null;
        }
    }

    private static String text(JsonNode body, String field) {
        if (body == null || !body.isObject()) {
            return null;
        }
        JsonNode v = body.get(field);
        return v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank() ? null : v.asText();
    }
}
