package dev.salesagent.crm.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies HubSpot webhook requests signed with signature v3 and parses their event arrays.
 *
 * <p>Algorithm (HubSpot's request-validation guide): reject if {@code X-HubSpot-Request-Timestamp} (epoch
 * milliseconds) is older than 5 minutes; in the request URI decode {@code %3A %2F %3F %40 %21 %24 %27 %28 %29 %2A %2C
 * %3B}; compute Base64(HMAC-SHA256(appSecret, UTF-8(method + uri + body + timestamp))) and compare it in constant time
 * with {@code X-HubSpot-Signature-v3}.
 *
 * <p>Thread-safe and immutable. Pass the raw request body exactly as received: re-serialised JSON does not verify.
 *
 * @see <a href="https://developers.hubspot.com/docs/apps/developer-platform/build-apps/authentication/request-validation">Validating requests</a>
 */
public final class HubSpotWebhookVerifier {

    /** Request header carrying the v3 signature. */
    public static final String SIGNATURE_HEADER = "X-HubSpot-Signature-v3";
    /** Request header carrying the timestamp (epoch milliseconds) covered by the signature. */
    public static final String TIMESTAMP_HEADER = "X-HubSpot-Request-Timestamp";
    /** HubSpot's documented maximum age of a request: 5 minutes. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(5);

    private static final Map<String, String> DECODED = Map.ofEntries(
            Map.entry("%3A", ":"), Map.entry("%2F", "/"), Map.entry("%3F", "?"), Map.entry("%40", "@"),
            Map.entry("%21", "!"), Map.entry("%24", "$"), Map.entry("%27", "'"), Map.entry("%28", "("),
            Map.entry("%29", ")"), Map.entry("%2A", "*"), Map.entry("%2C", ","), Map.entry("%3B", ";"));
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Outcome of {@link #verify}. */
    public enum Result {
        /** Signature matches and the timestamp is fresh. */
        VALID,
        /** Signature or timestamp header absent, or the timestamp is not a number. */
        MISSING_OR_MALFORMED_HEADERS,
        /** Timestamp older than the maximum age (or further than that in the future). */
        STALE_TIMESTAMP,
        /** Signature does not match (tampered request or wrong secret). */
        INVALID_SIGNATURE;

        /** {@return true only for {@link #VALID}} */
        public boolean isValid() {
            return this == VALID;
        }
    }

    private final byte[] secret;
    private final Clock clock;
    private final Duration maxAge;

    private HubSpotWebhookVerifier(String appSecret, Clock clock, Duration maxAge) {
        if (appSecret == null || appSecret.isBlank()) {
            throw new IllegalArgumentException("appSecret (the app's client secret) must not be blank");
        }
        this.secret = appSecret.getBytes(StandardCharsets.UTF_8);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive, was " + maxAge);
        }
    }

    /**
     * Verifier with the system UTC clock and the documented 5-minute maximum age.
     *
     * @param appSecret the app's client secret
     * @return the verifier
     * @throws IllegalArgumentException if {@code appSecret} is blank
     */
    public static HubSpotWebhookVerifier of(String appSecret) {
        return new HubSpotWebhookVerifier(appSecret, Clock.systemUTC(), DEFAULT_MAX_AGE);
    }

    /**
     * Verifier with an explicit clock and maximum timestamp age.
     *
     * @param appSecret the app's client secret
     * @param clock the clock request timestamps are checked against
     * @param maxAge the oldest request timestamp accepted
     * @return the verifier
     * @throws IllegalArgumentException if {@code appSecret} is blank or {@code maxAge} not positive
     */
    public static HubSpotWebhookVerifier of(String appSecret, Clock clock, Duration maxAge) {
        return new HubSpotWebhookVerifier(appSecret, clock, maxAge);
    }

    /**
     * Checks one request.
     *
     * @param method HTTP method as received, e.g. {@code POST}
     * @param requestUri the full URI HubSpot called, scheme and host included, e.g.
     *     {@code https://example.com/hubspot/webhook?portal=1}; percent-encoded characters are handled as documented
     * @param rawBody the request body exactly as received (UTF-8), empty string for none
     * @param signature value of {@value #SIGNATURE_HEADER}
     * @param timestamp value of {@value #TIMESTAMP_HEADER} (epoch milliseconds)
     * @return the verification result; never throws for bad input
     */
    public Result verify(String method, String requestUri, String rawBody, String signature, String timestamp) {
        if (signature == null || signature.isBlank() || timestamp == null || method == null || requestUri == null) {
            return Result.MISSING_OR_MALFORMED_HEADERS;
        }
        long millis;
        try {
            millis = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return Result.MISSING_OR_MALFORMED_HEADERS;
        }
        Duration age = Duration.between(Instant.ofEpochMilli(millis), clock.instant());
        if (age.abs().compareTo(maxAge) > 0) {
            return Result.STALE_TIMESTAMP;
        }
        String expected = sign(method, requestUri, rawBody == null ? "" : rawBody, timestamp.trim());
        boolean same = MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), signature.trim().getBytes(StandardCharsets.US_ASCII));
        return same ? Result.VALID : Result.INVALID_SIGNATURE;
    }

    /**
     * Computes the v3 signature HubSpot would send for this request (useful for tests of receiving endpoints).
     *
     * @param method the HTTP method, e.g. {@code POST}
     * @param requestUri the full request URI as HubSpot called it
     * @param rawBody the request body as received
     * @param timestamp the {@code X-HubSpot-Request-Timestamp} value (epoch milliseconds)
     * @return Base64 HMAC-SHA256 of method + decoded URI + body + timestamp
     */
    public String sign(String method, String requestUri, String rawBody, String timestamp) {
        String source = method + decodeUri(requestUri) + rawBody + timestamp;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Decodes exactly the percent-encodings HubSpot's guide lists (case-insensitive hex), leaving others as sent. */
    static String decodeUri(String uri) {
        StringBuilder out = new StringBuilder(uri.length());
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == '%' && i + 2 < uri.length()) {
                String decoded = DECODED.get(uri.substring(i, i + 3).toUpperCase(java.util.Locale.ROOT));
                if (decoded != null) {
                    out.append(decoded);
                    i += 2;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * Parses a webhook body (a JSON array of events) into typed events, in delivery order.
     *
     * @param rawBody the request body as received
     * @return the events, in delivery order
     * @throws IllegalArgumentException if the body is not a JSON array of objects
     */
    public static List<HubSpotWebhookEvent> parseEvents(String rawBody) {
        JsonNode root;
        try {
            root = JSON.readTree(rawBody);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("webhook body is not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("webhook body must be a JSON array of events");
        }
        List<HubSpotWebhookEvent> events = new ArrayList<>(root.size());
        for (JsonNode n : root) {
            if (!n.isObject()) {
                throw new IllegalArgumentException("webhook event must be a JSON object: " + n);
            }
            String type = text(n, "subscriptionType");
            if (type == null) {
                throw new IllegalArgumentException("webhook event without subscriptionType: " + n);
            }
            int dot = type.indexOf('.');
            String prefix = dot < 0 ? type : type.substring(0, dot);
            String eventType = dot < 0 ? null : type.substring(dot + 1);
            String objectType = prefix;
            if ("object".equals(prefix)) {
                objectType = objectTypeName(text(n, "objectTypeId"));
            }
            events.add(new HubSpotWebhookEvent(
                    n.path("eventId").asLong(),
                    n.path("subscriptionId").asLong(),
                    n.path("portalId").asLong(),
                    n.path("appId").asLong(),
                    type,
                    objectType,
                    eventType,
                    text(n, "objectId"),
                    text(n, "propertyName"),
                    text(n, "propertyValue"),
                    text(n, "changeSource"),
                    n.hasNonNull("occurredAt") ? Instant.ofEpochMilli(n.get("occurredAt").asLong()) : null,
                    n.path("attemptNumber").asInt()));
        }
        return List.copyOf(events);
    }

    private static String objectTypeName(String objectTypeId) {
        if (objectTypeId == null) {
            return "object";
        }
        return switch (objectTypeId) {
            case "0-1" -> "contact";
            case "0-2" -> "company";
            case "0-3" -> "deal";
            case "0-5" -> "ticket";
            case "0-7" -> "product";
            case "0-8" -> "line_item";
            case "0-46" -> "note";
            default -> objectTypeId;
        };
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
