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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@link BudgetStore} on PostgreSQL or H2. A reservation is one conditional {@code UPDATE}: under READ COMMITTED,
 * PostgreSQL makes a racing update wait for the row lock and re-evaluates the {@code WHERE} clause on the row as
 * the winner left it, so concurrent reservations from any number of processes never pass the limit.
 */
final class JdbcBudgetStore implements BudgetStore {

    private static final String TABLE = "salesagent_budget_ledger";
    private static final String KEY = " WHERE budget_id = ? AND period_start = ?";
    private static final String RESERVE = "UPDATE " + TABLE + " SET reserved_usd = reserved_usd + ?" + KEY;
    private static final String RESERVE_WITHIN = RESERVE + " AND spent_usd + reserved_usd + ? <= ?";
    private static final String SETTLE = "UPDATE " + TABLE
            + " SET reserved_usd = reserved_usd - ?, spent_usd = spent_usd + ?" + KEY;
    private static final String BALANCE = "SELECT spent_usd, reserved_usd FROM " + TABLE + KEY;
    private static final String INSERT = "INSERT INTO " + TABLE
            + " (budget_id, period_start, period_end, spent_usd, reserved_usd) VALUES (?, ?, ?, ?, 0)";
    /** SQLSTATE of a unique key violation, the same in PostgreSQL and H2. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;

    JdbcBudgetStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        try {
            SqlScript.fromClasspath("dev/salesagent/core/cost/budget-schema.sql", JdbcBudgetStore.class.getClassLoader())
                    .execute(dataSource);
        } catch (SQLException e) {
            throw failure("creating table " + TABLE, e);
        }
    }

    @Override
    public void open(String budgetId, Instant periodStart, Instant periodEnd, Supplier<BigDecimal> spentSoFarUsd) {
        try (Connection c = dataSource.getConnection()) {
            if (read(c, budgetId, periodStart) != null) {
                return;
            }
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                ps.setString(1, budgetId);
                ps.setObject(2, utc(periodStart));
                ps.setObject(3, utc(periodEnd));
                ps.setBigDecimal(4, Objects.requireNonNull(spentSoFarUsd.get(), "spentSoFarUsd"));
                ps.executeUpdate();
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                // another process opened the period first: its row stands
            }
        } catch (SQLException e) {
            throw failure("opening budget " + budgetId + " at " + periodStart, e);
        }
    }

    @Override
    public boolean tryReserve(String budgetId, Instant periodStart, BigDecimal amountUsd, BigDecimal hardLimitUsd) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(hardLimitUsd == null ? RESERVE : RESERVE_WITHIN)) {
            ps.setBigDecimal(1, amountUsd);
            ps.setString(2, budgetId);
            ps.setObject(3, utc(periodStart));
            if (hardLimitUsd != null) {
                ps.setBigDecimal(4, amountUsd);
                ps.setBigDecimal(5, hardLimitUsd);
            }
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure("reserving in budget " + budgetId, e);
        }
    }

    @Override
    public BigDecimal settle(String budgetId, Instant periodStart, BigDecimal reservedUsd, BigDecimal actualUsd) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                // the UPDATE locks the row until commit, so the SELECT in the same transaction reads this update's result
                try (PreparedStatement ps = c.prepareStatement(SETTLE)) {
                    ps.setBigDecimal(1, reservedUsd);
                    ps.setBigDecimal(2, actualUsd);
                    ps.setString(3, budgetId);
                    ps.setObject(4, utc(periodStart));
                    ps.executeUpdate();
                }
                Balance after = read(c, budgetId, periodStart);
                c.commit();
                return after == null ? actualUsd : after.spentUsd();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw failure("settling in budget " + budgetId, e);
        }
    }

    @Override
    public Balance balance(String budgetId, Instant periodStart) {
        try (Connection c = dataSource.getConnection()) {
            Balance b = read(c, budgetId, periodStart);
            return b == null ? Balance.ZERO : b;
        } catch (SQLException e) {
            throw failure("reading budget " + budgetId, e);
        }
    }

    private static Balance read(Connection c, String budgetId, Instant periodStart) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(BALANCE)) {
            ps.setString(1, budgetId);
            ps.setObject(2, utc(periodStart));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Balance(rs.getBigDecimal(1).stripTrailingZeros(),
                        rs.getBigDecimal(2).stripTrailingZeros()) : null;
            }
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static UncheckedIOException failure(String what, SQLException e) {
        return new UncheckedIOException(new IOException("JDBC budget store failed " + what + ": " + e.getMessage(), e));
    }
}
