package dev.salesagent.crm.http;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An OAuth2 access token.
 *
 * @param value     the token, sent as {@code Authorization: Bearer <value>}
 * @param expiresAt when it expires, or {@code null} when the server did not say
 * @param extras    other fields of the token response as strings (e.g. Salesforce {@code instance_url},
 *                  {@code scope}, a rotated {@code refresh_token}); never {@code null}
 */
public record AccessToken(String value, Instant expiresAt, Map<String, String> extras) {

    /**
     * Checks the value and copies {@code extras} ({@code null} becomes empty).
     *
     * @param value the token, sent as {@code Authorization: Bearer <value>}
     * @param expiresAt when it expires, or {@code null} when the server did not say
     * @param extras other fields of the token response as strings (e.g. Salesforce {@code instance_url}, {@code scope},
     *     a rotated {@code refresh_token}); never {@code null}
     * @throws NullPointerException if {@code value} is null
     */
    public AccessToken {
        Objects.requireNonNull(value, "value");
        extras = extras == null ? Map.of() : Map.copyOf(extras);
    }

    /**
     * {@return whether the token expires within {@code skew} of {@code now} (never for unknown expiry)}
     *
     * @param skew how long before expiry a token counts as expired, e.g. 60 s
     * @param now the current time
     */
    public boolean expiresWithin(Duration skew, Instant now) {
        return expiresAt != null && !now.plus(skew).isBefore(expiresAt);
    }

    /** Masks the token value. */
    @Override
    public String toString() {
        return "AccessToken[value=****, expiresAt=" + expiresAt + ", extras=" + extras.keySet() + "]";
    }
}
