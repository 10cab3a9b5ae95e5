package dev.salesagent.server.platform.db;

import dev.salesagent.server.platform.web.Cursors;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** Small JDBC conversions shared by the stores (PostgreSQL types). */
public final class Sql {

    private Sql() {
    }

    /** An instant as a {@code timestamptz} parameter, truncated to PostgreSQL's microseconds. */
    public static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    /** Reads a {@code timestamptz} column. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** A {@code text[]} literal for {@code ?::text[]} (values must not contain braces, commas or quotes). */
    public static String textArray(Collection<String> values) {
        return values.stream().collect(Collectors.joining(",", "{", "}"));
    }

    /** Reads a {@code text[]} column. */
    public static List<String> strings(ResultSet rs, String column) throws SQLException {
        java.sql.Array array = rs.getArray(column);
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    /**
     * Appends keyset paging in {@code (created_at, id)} order to a query whose {@code where} clause is already open:
     * rows after the cursor's position (when given), oldest first, at most {@code limit}.
     *
     * @param sql    the query so far, ending inside its {@code where} clause
     * @param params the query's parameters, in order; the paging parameters are added
     * @param after  the position of the last row of the previous page, or null for the first page
     * @param limit  the page size
     */
    public static void keysetPage(StringBuilder sql, List<Object> params, Cursors.Position after, int limit) {
        if (after != null) {
            sql.append(" and (created_at, id) > (?, ?)");
            params.add(ts(after.createdAt()));
            params.add(after.id());
        }
        sql.append(" order by created_at, id limit ?");
        params.add(limit);
    }
}
