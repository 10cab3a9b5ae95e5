package dev.salesagent.core.cost;

import dev.salesagent.core.jdbc.SqlScript;
import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** JDBC store for PostgreSQL and H2; sums and groupings (except by day) run in SQL. */
final class JdbcUsageStore implements UsageStore {

    private static final String TABLE = "salesagent_usage";
    private static final String COLUMNS = "ts, tenant, user_id, feature, run_id, provider, model, endpoint, input_tokens,"
            + " cached_input_tokens, cache_write_tokens, output_tokens, cost_usd, cost_source, latency_nanos, outcome,"
            + " cache_hit, error_type";
    private static final String SUMS = "COUNT(*), COALESCE(SUM(CASE WHEN cache_hit THEN 1 ELSE 0 END), 0),"
            + " COALESCE(SUM(CASE WHEN cost_source = 'UNPRICED' THEN 1 ELSE 0 END), 0), COALESCE(SUM(input_tokens), 0),"
            + " COALESCE(SUM(cached_input_tokens), 0), COALESCE(SUM(cache_write_tokens), 0),"
            + " COALESCE(SUM(output_tokens), 0), COALESCE(SUM(cost_usd), 0)";

    private final DataSource dataSource;

    JdbcUsageStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        createSchema();
    }

    private void createSchema() {
        try {
            SqlScript.fromClasspath("dev/salesagent/core/cost/usage-schema.sql", JdbcUsageStore.class.getClassLoader())
                    .execute(dataSource);
        } catch (SQLException e) {
            throw failure("creating table " + TABLE, e);
        }
    }

    @Override
    public void save(UsageRecord r) {
        String sql = "INSERT INTO " + TABLE + " (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, r.timestamp().atOffset(ZoneOffset.UTC));
            ps.setString(2, r.tenant());
            ps.setString(3, r.user());
            ps.setString(4, r.feature());
            ps.setString(5, r.runId());
            ps.setString(6, r.provider());
            ps.setString(7, r.model());
            ps.setString(8, r.endpoint());
            ps.setLong(9, r.inputTokens());
            ps.setLong(10, r.cachedInputTokens());
            ps.setLong(11, r.cacheWriteTokens());
            ps.setLong(12, r.outputTokens());
            if (r.costUsd() == null) {
                ps.setNull(13, Types.NUMERIC);
            } else {
                ps.setBigDecimal(13, r.costUsd());
            }
            ps.setString(14, r.costSource().name());
            ps.setLong(15, r.latency().toNanos());
            ps.setString(16, r.outcome().name());
            ps.setBoolean(17, r.cacheHit());
            ps.setString(18, r.errorType());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("saving usage record", e);
        }
    }

    @Override
    public List<UsageRecord> find(Query q) {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT " + COLUMNS + " FROM " + TABLE + where(q, args) + " ORDER BY ts, id";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            List<UsageRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(toRecord(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("querying usage", e);
        }
    }

    @Override
    public Totals totals(Query q) {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT " + SUMS + " FROM " + TABLE + where(q, args);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return toTotals(rs, 1);
            }
        } catch (SQLException e) {
            throw failure("summing usage", e);
        }
    }

    @Override
    public Map<String, Totals> totalsBy(Dimension dimension, Query q) {
        String column = switch (dimension) {
            case TENANT -> "tenant";
            case USER -> "user_id";
            case FEATURE -> "feature";
            case PROVIDER -> "provider";
            case MODEL -> "model";
            case DAY -> null;
        };
        if (column == null) {
            // calendar days depend on the session time zone in SQL; group in Java on UTC instead
            return UsageStore.super.totalsBy(dimension, q);
        }
        List<Object> args = new ArrayList<>();
        String sql = "SELECT COALESCE(" + column + ", ''), " + SUMS + " FROM " + TABLE + where(q, args)
                + " GROUP BY COALESCE(" + column + ", '') ORDER BY 1";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            Map<String, Totals> out = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), toTotals(rs, 2));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("grouping usage by " + dimension, e);
        }
    }

    private static String where(Query q, List<Object> args) {
        StringBuilder sb = new StringBuilder(" WHERE 1=1");
        condition(sb, args, "tenant = ?", q.tenant());
        condition(sb, args, "user_id = ?", q.user());
        condition(sb, args, "feature = ?", q.feature());
        condition(sb, args, "model = ?", q.model());
        condition(sb, args, "ts >= ?", q.from() == null ? null : q.from().atOffset(ZoneOffset.UTC));
        condition(sb, args, "ts < ?", q.to() == null ? null : q.to().atOffset(ZoneOffset.UTC));
        return sb.toString();
    }

    private static void condition(StringBuilder sb, List<Object> args, String clause, Object value) {
        if (value != null) {
            sb.append(" AND ").append(clause);
            args.add(value);
        }
    }

    private static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            ps.setObject(i + 1, args.get(i));
        }
    }

    private static Totals toTotals(ResultSet rs, int first) throws SQLException {
        BigDecimal cost = rs.getBigDecimal(first + 7);
        return new Totals(rs.getLong(first), rs.getLong(first + 1), rs.getLong(first + 2), rs.getLong(first + 3),
                rs.getLong(first + 4), rs.getLong(first + 5), rs.getLong(first + 6),
                cost == null ? BigDecimal.ZERO : cost.stripTrailingZeros());
    }

    private static UsageRecord toRecord(ResultSet rs) throws SQLException {
        BigDecimal cost = rs.getBigDecimal(13);
        return new UsageRecord(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getLong(9),
                rs.getLong(10), rs.getLong(11), rs.getLong(12), cost == null ? null : cost.stripTrailingZeros(),
                UsageRecord.CostSource.valueOf(rs.getString(14)), Duration.ofNanos(rs.getLong(15)),
                UsageRecord.Outcome.valueOf(rs.getString(16)), rs.getBoolean(17), rs.getString(18));
    }

    private static UncheckedIOException failure(String what, SQLException e) {
        return new UncheckedIOException(new IOException("JDBC usage store failed " + what + ": " + e.getMessage(), e));
    }
}
