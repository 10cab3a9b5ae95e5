package dev.salesagent.crm.hubspot.internal.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salesagent.crm.CrmAuthenticationException;
import dev.salesagent.crm.CrmConflictException;
import dev.salesagent.crm.CrmException;
import dev.salesagent.crm.CrmNotFoundException;
import dev.salesagent.crm.CrmPermissionException;
import dev.salesagent.crm.CrmRateLimitException;
import dev.salesagent.crm.CrmUnavailableException;
import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.CrmValidationException.FieldError;
import dev.salesagent.crm.ErrorDetails;
import dev.salesagent.crm.hubspot.internal.api.HubSpotError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps HubSpot error responses (status code plus the {@code Error} JSON with {@code category}, {@code message},
 * {@code correlationId}, {@code errors[]}, and for 429 {@code policyName}) to the SPI exceptions, keeping the
 * correlation id as {@link CrmException#requestId()} and the category (or {@code policyName} for 429) as
 * {@link CrmException#vendorCode()}.
 *
 * <table>
 *   <caption>Mapping</caption>
 *   <tr><th>HubSpot</th><th>exception</th></tr>
 *   <tr><td>400, 422 (VALIDATION_ERROR, ...)</td><td>{@link CrmValidationException} with field errors</td></tr>
 *   <tr><td>401</td><td>{@link CrmAuthenticationException}</td></tr>
 *   <tr><td>403</td><td>{@link CrmPermissionException}</td></tr>
 *   <tr><td>404</td><td>{@link CrmNotFoundException}</td></tr>
 *   <tr><td>409</td><td>{@link CrmConflictException} with the "Existing ID" when given</td></tr>
 *   <tr><td>429 TEN_SECONDLY_ROLLING / SECONDLY</td><td>retryable {@link CrmRateLimitException}</td></tr>
 *   <tr><td>429 DAILY</td><td>{@link CrmRateLimitException} with {@code quotaExhausted()} (fail fast)</td></tr>
 *   <tr><td>423 (locked, 2 s), 477 (migration), 5xx</td><td>{@link CrmUnavailableException} (retryable)</td></tr>
 * </table>
 *
 * @see <a href="https://developers.hubspot.com/docs/api-reference/error-handling">Error handling</a>
 * @see <a href="https://developers.hubspot.com/docs/developer-tooling/platform/usage-guidelines">Usage guidelines</a>
 */
public final class HubSpotErrors {

    /** Response header with HubSpot's correlation id. */
    public static final String CORRELATION_HEADER = "X-HubSpot-Correlation-Id";

    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final Pattern EXISTING_ID = Pattern.compile("Existing ID:\\s*(\\d+)");
    private static final Pattern PROPERTY_VALUES = Pattern.compile("(?s)Property values were not valid: (\\[.*])");

    private final String provider;
    private final UnaryOperator<String> fieldName;
    private final Clock clock;

    /**
     * @param provider provider id put on every exception
     * @param fieldName maps a HubSpot property name to our field name (identity when unmapped)
     * @param clock judges {@code Retry-After} HTTP dates
     */
    public HubSpotErrors(String provider, UnaryOperator<String> fieldName, Clock clock) {
        this.provider = provider;
        this.fieldName = fieldName;
        this.clock = clock;
    }

    /** The provider id put on exceptions. */
    public String provider() {
        return provider;
    }

    /** Parses an error body; an unparseable or empty body yields an error with only the raw text as message. */
    public static HubSpotError parse(String body) {
        if (body == null || body.isBlank()) {
            return new HubSpotError(null, null, null, null, null, null, null, null, null, null, null, null);
        }
        try {
            return JSON.readValue(body, HubSpotError.class);
        } catch (Exception e) {
            String text = body.length() > 300 ? body.substring(0, 300) + "..." : body;
            return new HubSpotError(null, null, text, null, null, null, null, null, null, null, null, null);
        }
    }

    /**
     * Maps one failed response.
     *
     * @param status HTTP status
     * @param header case-insensitive response header lookup (null when absent)
     * @param body raw response body (may be empty)
     */
    public CrmException map(int status, UnaryOperator<String> header, String body) {
        HubSpotError e = parse(body);
        String correlation = e.correlationId() != null ? e.correlationId() : header.apply(CORRELATION_HEADER);
        String message = e.message() != null ? e.message() : "HubSpot returned HTTP " + status;
        if (status == 429) {
            String policy = e.policyName();
            ErrorDetails d = ErrorDetails.http(provider, status, policy != null ? policy : e.errorType(), correlation);
            boolean daily = "DAILY".equalsIgnoreCase(policy);
            return new CrmRateLimitException(message, d, daily ? null : retryAfter(header, clock.instant()), daily);
        }
        ErrorDetails details = ErrorDetails.http(provider, status, e.category(), correlation);
        return switch (status) {
            case 400, 422 -> validation(message, details, e);
            case 401 -> new CrmAuthenticationException(message, details);
            case 403 -> new CrmPermissionException(message, details);
            case 404 -> new CrmNotFoundException(message, details);
            case 409 -> new CrmConflictException(message, details, existingIds(message));
            case 423 -> new CrmUnavailableException(message + " (record locked; retry after 2 s)", details);
            default -> status >= 500 || status == 477
                    ? new CrmUnavailableException(message, details)
                    : new CrmException(message, details);
        };
    }

    /** A validation exception from an error entry of a batch response (per-item error). */
    public CrmException itemError(HubSpotError e, int batchStatus) {
        String message = e.message() != null ? e.message() : "HubSpot rejected the item";
        ErrorDetails details = ErrorDetails.http(provider, batchStatus, e.category(), e.correlationId());
        String category = e.category() == null ? "" : e.category();
        return switch (category) {
            case "OBJECT_NOT_FOUND" -> new CrmNotFoundException(message, details);
            case "CONFLICT", "OBJECT_ALREADY_EXISTS" -> new CrmConflictException(message, details, existingIds(message));
            default -> validation(message, details, e);
        };
    }

    private CrmValidationException validation(String message, ErrorDetails details, HubSpotError e) {
        List<FieldError> fields = new ArrayList<>();
        for (HubSpotError.ErrorDetail d : e.errorsOrEmpty()) {
            String code = d.code() != null ? d.code() : d.subCategory() != null ? d.subCategory() : "INVALID";
            fields.add(new FieldError(d.in() == null ? null : fieldName.apply(d.in()), code, d.message()));
        }
        if (fields.isEmpty()) {
            Matcher m = PROPERTY_VALUES.matcher(message);
            if (m.find()) {
                try {
                    List<Map<String, Object>> list = JSON.readValue(m.group(1), new TypeReference<>() {});
                    for (Map<String, Object> p : list) {
                        Object name = p.get("name");
                        Object code = p.get("error");
                        fields.add(new FieldError(name == null ? null : fieldName.apply(name.toString()),
                                code == null ? "INVALID" : code.toString(), String.valueOf(p.get("message"))));
                    }
                } catch (Exception ignored) {
                    // the message stays as is
                }
            }
        }
        return new CrmValidationException(message, details, fields);
    }

    private static List<String> existingIds(String message) {
        List<String> ids = new ArrayList<>();
        Matcher m = EXISTING_ID.matcher(message);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    /**
     * The wait a 429 asks for: {@code Retry-After} (seconds or HTTP date) when sent; otherwise, when
     * {@code X-HubSpot-RateLimit-Remaining} is 0, the rolling window {@code X-HubSpot-RateLimit-Interval-Milliseconds}.
     */
    static Duration retryAfter(UnaryOperator<String> header, Instant now) {
        String ra = header.apply("Retry-After");
        if (ra != null && !ra.isBlank()) {
            try {
                return Duration.ofSeconds(Long.parseLong(ra.trim()));
            } catch (NumberFormatException e) {
                try {
                    ZonedDateTime at = ZonedDateTime.parse(ra.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                    Duration d = Duration.between(now, at.toInstant());
                    return d.isNegative() ? Duration.ZERO : d;
                } catch (Exception ignored) {
                    // fall through to HubSpot headers
                }
            }
        }
        return windowWait(header);
    }

    /** One {@code X-HubSpot-RateLimit-Interval-Milliseconds} window when {@code X-HubSpot-RateLimit-Remaining} is 0. */
    static Duration windowWait(UnaryOperator<String> header) {
        String remaining = header.apply("X-HubSpot-RateLimit-Remaining");
        String interval = header.apply("X-HubSpot-RateLimit-Interval-Milliseconds");
        if ("0".equals(remaining == null ? null : remaining.trim()) && interval != null) {
            try {
                return Duration.ofMillis(Long.parseLong(interval.trim()));
            } catch (NumberFormatException ignored) {
                return null;
            }
        }
        return null;
    }
}
