package dev.salesagent.crm.hubspot.internal.mapper;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Conversions between HubSpot's string property values and Java types. HubSpot numbers are decimal strings;
 * datetimes are ISO 8601 instants (reads) and accepted as ISO 8601 or epoch milliseconds (writes); date-only values
 * are midnight UTC.
 */
public final class Values {
    private Values() {}

    /** Puts {@code value} as a string unless null. */
    public static void put(Map<String, String> properties, String property, Object value) {
        if (value == null) {
            return;
        }
        String s;
        if (value instanceof BigDecimal b) {
            s = b.stripTrailingZeros().toPlainString();
        } else if (value instanceof LocalDate d) {
            s = date(d);
        } else if (value instanceof Instant i) {
            s = i.toString();
        } else {
            s = value.toString();
        }
        properties.put(property, s);
    }

    /** A LocalDate as HubSpot's midnight-UTC ISO instant. */
    public static String date(LocalDate d) {
        return d.atStartOfDay(ZoneOffset.UTC).toInstant().toString();
    }

    public static BigDecimal decimal(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public static Long integer(String s) {
        BigDecimal d = decimal(s);
        if (d == null) {
            return null;
        }
        try {
            return d.longValueExact();
        } catch (ArithmeticException e) {
            return d.longValue();
        }
    }

    /** ISO instant, ISO date or epoch milliseconds; null if absent or unparseable. */
    public static Instant instant(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = s.trim();
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            // next format
        }
        try {
            return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            // next format
        }
        try {
            return Instant.ofEpochMilli(Long.parseLong(t));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The UTC date of {@link #instant(String)}. */
    public static LocalDate localDate(String s) {
        Instant i = instant(s);
        return i == null ? null : i.atOffset(ZoneOffset.UTC).toLocalDate();
    }
}
