package dev.salesagent.crm.close.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salesagent.crm.CrmException;
import dev.salesagent.crm.CrmRateLimitException;
import dev.salesagent.crm.CrmValidationException.FieldError;
import dev.salesagent.crm.http.CrmResponse;
import dev.salesagent.crm.http.VendorErrorMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Close's error JSON to SPI exceptions, and Close's rate-limit signals to a wait.
 *
 * <p>Error bodies are {@code {"error": "...", "field-errors": {"field": "message"}, "errors": ["..."]}}
 * (<a href="https://developer.close.com/api/overview/http-response-codes">HTTP Response Codes</a>; the official Python
 * client {@code closeio/closeio-api} reads exactly {@code errors} and {@code field-errors} from 400 answers). A 429 body
 * is {@code {"error": {"message": "...", "rate_reset": 1.5, "rate_limit": 40, "rate_window": 1,
 * "rate_limit_type": "key"}}} and the response carries {@code RateLimit: limit=40, remaining=0, reset=2} and
 * {@code Retry-After} (<a href="https://developer.close.com/api/overview/rate-limits">Rate Limits</a>; the Python client
 * 2.1 sleeps the {@code RateLimit} reset, else {@code Retry-After}, else {@code RateLimit-Reset}).
 */
public final class CloseErrors {

    private static final Pattern RESET = Pattern.compile("(?i)(?:^|[,;\\s])reset=(\\d+(?:\\.\\d+)?)");
    private static final Pattern REMAINING = Pattern.compile("(?i)(?:^|[,;\\s])remaining=(\\d+)");
    private static final Map<String, String> OUR_FIELDS = Map.of("emails", "email", "url", "domain", "value", "amount",
            "status_id", "stage", "status", "stage", "lead_id", "accountId", "note", "body", "user_id", "ownerId",
            "phones", "phone", "date_won", "closeDate");

    private CloseErrors() {
    }

    /** The exception for a non-2xx Close response (the {@link VendorErrorMapper} of the adapter). */
    public static CrmException map(CrmResponse response) {
        JsonNode body = safeJson(response);
        JsonNode error = body.path("error");
        String message = error.isTextual() ? text(error) : text(error.path("message"));
        if (message == null && body.path("errors").isArray() && body.path("errors").size() > 0) {
            message = body.path("errors").get(0).asText();
        }
        String code = error.isObject() ? text(error.path("rate_limit_type")) : null;
        List<FieldError> fieldErrors = fieldErrors(body.path("field-errors"));
        if (message == null && !fieldErrors.isEmpty()) {
            message = "invalid fields " + fieldErrors.stream().map(FieldError::field).toList();
        }
        if (response.status() == 429) {
            Duration wait = max(response.retryAfter().orElse(null), max(bodyReset(error), headerReset(response)));
            String text = message == null ? "HTTP 429" : message;
            return new CrmRateLimitException(text, response.errorDetails(code == null ? "rate_limit" : code), wait, false);
        }
        return VendorErrorMapper.toException(response, message, code, fieldErrors);
    }

    /**
     * The wait Close's headers ask for when a retryable failure has no {@code Retry-After}: the {@code RateLimit}
     * header's {@code reset} seconds when its {@code remaining} is 0.
     */
    public static Optional<Duration> retryHint(CrmResponse response) {
        Optional<String> header = response.header("RateLimit");
        if (header.isEmpty()) {
            return Optional.empty();
        }
        Matcher remaining = REMAINING.matcher(header.get());
        if (remaining.find() && Long.parseLong(remaining.group(1)) > 0) {
            return Optional.empty();
        }
        return Optional.ofNullable(headerReset(response));
    }

    /** The {@code reset} seconds of a {@code RateLimit} header ({@code limit=.., remaining=.., reset=..}), or null. */
    static Duration headerReset(CrmResponse response) {
        return response.header("RateLimit").map(RESET::matcher).filter(Matcher::find)
                .map(m -> seconds(Double.parseDouble(m.group(1)))).orElse(null);
    }

    private static Duration bodyReset(JsonNode error) {
        JsonNode reset = error.path("rate_reset");
        return reset.isNumber() || (reset.isTextual() && reset.asText().matches("\\d+(\\.\\d+)?"))
                ? seconds(reset.asDouble()) : null;
    }

    private static Duration seconds(double s) {
        return Duration.ofMillis((long) Math.ceil(s * 1000));
    }

    private static Duration max(Duration a, Duration b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) >= 0 ? a : b;
    }

    /** {@code field-errors} flattened: a value may be a string, a list of strings or a nested object (list items). */
    static List<FieldError> fieldErrors(JsonNode node) {
        List<FieldError> out = new ArrayList<>();
        if (!node.isObject()) {
            return out;
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            List<String> messages = new ArrayList<>();
            collect(e.getValue(), messages);
            String message = messages.isEmpty() ? "invalid" : String.join("; ", messages);
            String code = message.toLowerCase(Locale.ROOT).contains("required") ? "REQUIRED" : "INVALID";
            out.add(new FieldError(OUR_FIELDS.getOrDefault(e.getKey(), e.getKey()), code, message));
        }
        return out;
    }

    private static void collect(JsonNode v, List<String> into) {
        if (v.isValueNode()) {
            into.add(v.asText());
        } else {
            v.forEach(child -> collect(child, into));
        }
    }

    private static String text(JsonNode n) {
        return n.isValueNode() && !n.asText().isBlank() ? n.asText() : null;
    }

    private static JsonNode safeJson(CrmResponse response) {
        try {
            return response.json();
        } catch (CrmException notJson) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }
}
