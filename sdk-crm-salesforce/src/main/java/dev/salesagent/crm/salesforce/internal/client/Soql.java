package dev.salesagent.crm.salesforce.internal.client;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * SOQL text building with Salesforce's literal rules
 * (https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_quotedstringescapes.htm
 * and .../sforce_api_calls_soql_select_dateformats.htm): strings quoted with backslash escapes, dates and dateTimes
 * unquoted ({@code 2024-01-31}, {@code 2024-01-31T10:00:00Z}), LIKE wildcards escaped when matching literally.
 */
public final class Soql {

    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");

    private final String select;
    private final List<String> where = new ArrayList<>();
    private String orderBy;
    private Integer limit;

    private Soql(String fields, String from) {
        this.select = "SELECT " + fields + " FROM " + from;
    }

    public static Soql select(String fields, String from) {
        return new Soql(fields, from);
    }

    /** Adds a condition joined with AND; parenthesised when it contains OR. */
    public Soql where(String condition) {
        where.add(condition.contains(" OR ") ? "(" + condition + ")" : condition);
        return this;
    }

    public Soql orderBy(String orderBy) {
        this.orderBy = orderBy;
        return this;
    }

    public Soql limit(int limit) {
        this.limit = limit;
        return this;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(select);
        if (!where.isEmpty()) {
            sb.append(" WHERE ").append(String.join(" AND ", where));
        }
        if (orderBy != null) {
            sb.append(" ORDER BY ").append(orderBy);
        }
        if (limit != null) {
            sb.append(" LIMIT ").append(limit);
        }
        return sb.toString();
    }

    /** A quoted string literal: {@code '} {@code \} and control characters escaped. */
    public static String literal(String value) {
        StringBuilder sb = new StringBuilder("'");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\'' -> sb.append("\\'");
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }

    /** A LIKE pattern {@code '%value%'} matching {@code value} literally ({@code %} and {@code _} escaped). */
    public static String containsPattern(String value) {
        String quoted = literal(value);
        String inner = quoted.substring(1, quoted.length() - 1).replace("%", "\\%").replace("_", "\\_");
        return "'%" + inner + "%'";
    }

    public static String inList(Collection<String> values) {
        return values.stream().map(Soql::literal).collect(Collectors.joining(", ", "(", ")"));
    }

    /** A dateTime literal; Salesforce keeps whole seconds, so the instant is truncated to the second. */
    public static String dateTime(Instant instant) {
        return DATETIME.format(instant.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
    }

    public static String date(LocalDate date) {
        return date.toString();
    }

    public static String number(BigDecimal value) {
        return value.toPlainString();
    }
}
