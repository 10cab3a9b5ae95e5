package dev.salesagent.server.command.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The shared-secret signature of {@code /webhooks/salesforce} and {@code /webhooks/netsuite} (neither CRM signs its
 * outbound calls for us, so the sender - an Apex trigger, a NetSuite user-event script, a middleware - signs them with
 * the tenant's secret): header {@value #TIMESTAMP_HEADER} = epoch seconds, header {@value #SIGNATURE_HEADER} =
 * {@code sha256=} + lower-case hex of HMAC-SHA256(secret, UTF-8(timestamp + "." + raw body)), compared in constant
 * time; a timestamp further than the tolerance from now is refused (replay).
 */
public final class SharedSecretSignature {

    /** Header with the signature, {@code sha256=<hex>}. */
    public static final String SIGNATURE_HEADER = "X-Salesagent-Signature";
    /** Header with the signing time, epoch seconds. */
    public static final String TIMESTAMP_HEADER = "X-Salesagent-Timestamp";
    /** Header with the delivery's event id (duplicates are processed once). */
    public static final String EVENT_ID_HEADER = "X-Salesagent-Event-Id";

    /** Outcome of {@link #verify}. */
    public enum Result {
        /** Signature matches and the timestamp is fresh. */
        VALID,
        /** A header is missing or the timestamp is not a number. */
        MISSING_OR_MALFORMED,
        /** The timestamp is outside the tolerance. */
        STALE_TIMESTAMP,
        /** The signature does not match. */
        INVALID_SIGNATURE
    }

    private SharedSecretSignature() {
    }

    /**
     * The signature header value for a body.
     *
     * @param secret    the tenant's shared secret
     * @param timestamp the {@value #TIMESTAMP_HEADER} value (epoch seconds)
     * @param rawBody   the body exactly as sent
     * @return {@code sha256=<hex>}
     */
    public static String sign(String secret, String timestamp, String rawBody) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + rawBody)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every JVM", e);
        }
    }

    /**
     * Checks one delivery.
     *
     * @param secret    the tenant's shared secret
     * @param timestamp the {@value #TIMESTAMP_HEADER} value, may be null
     * @param rawBody   the body as received
     * @param signature the {@value #SIGNATURE_HEADER} value, may be null
     * @param now       the current time
     * @param tolerance the largest accepted distance between the timestamp and now
     * @return the result; never throws for bad input
     */
    public static Result verify(String secret, String timestamp, String rawBody, String signature, Instant now,
                                Duration tolerance) {
        if (timestamp == null || signature == null || signature.isBlank()) {
            return Result.MISSING_OR_MALFORMED;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return Result.MISSING_OR_MALFORMED;
        }
        if (Duration.between(Instant.ofEpochSecond(seconds), now).abs().compareTo(tolerance) > 0) {
            return Result.STALE_TIMESTAMP;
        }
        String expected = sign(secret, timestamp.trim(), rawBody == null ? "" : rawBody);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                signature.trim().getBytes(StandardCharsets.US_ASCII)) ? Result.VALID : Result.INVALID_SIGNATURE;
    }
}
