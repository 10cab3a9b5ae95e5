package dev.salesagent.common.retry;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Parses the HTTP {@code Retry-After} header (RFC 9110 section 10.2.3): delta-seconds (fractions accepted, as some
 * providers send them) or an HTTP-date (IMF-fixdate / RFC 1123). The one parser of the SDK, used by the model router
 * and the CRM HTTP support.
 */
public final class RetryAfter {

    private RetryAfter() {
    }

    /**
     * Parses a {@code Retry-After} value.
     *
     * @param value the header value; {@code null} or blank gives empty
     * @param now the instant an HTTP-date is measured from (the response's receipt time)
     * @return the wait, never negative (a date in the past gives {@link Duration#ZERO}); empty when the value is
     *     neither a number nor an HTTP-date
     */
    public static Optional<Duration> parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        try {
            double seconds = Double.parseDouble(v);
            if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofMillis(Math.max(0L, (long) Math.ceil(seconds * 1000))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(now, at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    /**
     * Parses a millisecond variant such as OpenAI's {@code retry-after-ms}.
     *
     * @param value the header value in milliseconds; {@code null}, blank or not a number gives empty
     * @return the wait, never negative
     */
    public static Optional<Duration> parseMillis(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            double ms = Double.parseDouble(value.trim());
            if (Double.isNaN(ms) || Double.isInfinite(ms)) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofMillis(Math.max(0L, (long) Math.ceil(ms))));
        } catch (NumberFormatException notNumber) {
            return Optional.empty();
        }
    }
}
