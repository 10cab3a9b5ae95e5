package dev.salesagent.crm.netsuite.internal.mapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * SuiteQL text building (literals, dates) and row reading. SuiteQL has no bind parameters over REST, so every value
 * that enters a query goes through {@link #literal(String)} or {@link #id(String)}; datetimes are formatted and parsed
 * as {@code YYYY-MM-DD HH24:MI:SS} in the integration user's time zone.
 */
public final class SuiteQl {

    /** Oracle-style format used in {@code TO_CHAR}/{@code TO_TIMESTAMP}. */
    public static final String DATETIME_FORMAT = "YYYY-MM-DD HH24:MI:SS";
    private static final DateTimeFormatter JAVA_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private SuiteQl() {
    }

    /** A quoted string literal with single quotes doubled. */
    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /**
     * {@code '%text%' ESCAPE '\'} for {@code LIKE}: the text's own {@code %}, {@code _} and {@code \} match literally.
     */
    public static String containsPattern(String text) {
        String escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return literal("%" + escaped + "%") + " ESCAPE '\\'";
    }

    /** A numeric internal id, or empty when {@code id} is not one (such an id cannot exist in NetSuite). */
    public static Optional<String> id(String id) {
        return id != null && id.matches("[0-9]{1,18}") ? Optional.of(id) : Optional.empty();
    }

    /** {@code TO_CHAR(column, 'YYYY-MM-DD HH24:MI:SS') AS alias}. */
    public static String datetimeColumn(String column, String alias) {
        return "TO_CHAR(" + column + ", '" + DATETIME_FORMAT + "') AS " + alias;
    }

    /** {@code TO_TIMESTAMP('...', 'YYYY-MM-DD HH24:MI:SS')} of {@code instant} in {@code zone}. */
    public static String timestamp(Instant instant, ZoneId zone) {
        return "TO_TIMESTAMP('" + JAVA_DATETIME.format(LocalDateTime.ofInstant(instant, zone)) + "', '"
                + DATETIME_FORMAT + "')";
    }

    /**
     * A "changed after {@code since}" condition on a datetime column. NetSuite datetimes have one-second resolution:
     * for a whole-second {@code since} (e.g. a record's {@code updatedAt}) the condition is {@code column > since},
     * so that record itself is not returned again; for a {@code since} with a fraction it is
     * {@code column >= floor(since)}, preferring a repeated record over a missed one.
     */
    public static String changedAfter(String column, Instant since, ZoneId zone) {
        boolean whole = since.getNano() == 0;
        return column + (whole ? " > " : " >= ") + timestamp(since.truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                zone);
    }

    /** {@code TO_DATE('yyyy-MM-dd', 'YYYY-MM-DD')}. */
    public static String date(LocalDate date) {
        return "TO_DATE('" + date + "', 'YYYY-MM-DD')";
    }

    /** A text column of a row, null when absent (SuiteQL omits null columns). */
    public static String text(ObjectNode row, String column) {
        JsonNode v = row.get(column);
        return v == null || v.isNull() ? null : v.asText();
    }

    public static BigDecimal decimal(ObjectNode row, String column) {
        String v = text(row, column);
        return v == null || v.isBlank() ? null : new BigDecimal(v.trim());
    }

    public static Instant instant(ObjectNode row, String column, ZoneId zone) {
        String v = text(row, column);
        return v == null ? null : LocalDateTime.parse(v, JAVA_DATETIME).atZone(zone).toInstant();
    }

    public static LocalDate localDate(ObjectNode row, String column) {
        String v = text(row, column);
        return v == null ? null : LocalDate.parse(v.length() > 10 ? v.substring(0, 10) : v);
    }

    /** NetSuite booleans in SuiteQL are {@code 'T'}/{@code 'F'}. */
    public static boolean bool(ObjectNode row, String column) {
        return "T".equalsIgnoreCase(text(row, column));
    }
}
