package dev.salesagent.core.cost;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Where budgets' spent and reserved USD per period are kept: the ledger behind {@link CostTracker}'s hard limits.
 *
 * <p>{@link #inMemory()} (the default) is atomic within one JVM. When several instances of an application enforce
 * the same budgets, they share one store so that their reservations together never pass a hard limit:
 * {@link #jdbc(DataSource)} (PostgreSQL, H2; one conditional {@code UPDATE} per reservation) or the Redis store of
 * module {@code sdk-store-redis} (one Lua script per reservation).
 *
 * <p>A row is identified by the budget's {@link Budget#id() id} and the start of its period; budgets with the same
 * id share a row (give budgets enforced by different instances the same definition). Implementations must be
 * thread-safe and make {@link #tryReserve} and {@link #settle} atomic across every process using the store.
 * Amounts are USD; a store may round them to its precision (stated in its Javadoc), rounding reservations up.
 */
public interface BudgetStore {

    /**
     * Creates the row of a budget period if it does not exist yet, starting with {@code spentSoFarUsd} (asked only
     * when the row is created, e.g. the usage store's total of the period). Called once per period and process
     * before the period's first reservation; idempotent.
     *
     * @param budgetId      the budget's id
     * @param periodStart   start of the period (inclusive)
     * @param periodEnd     end of the period (exclusive); a store may expire the row some time after it
     * @param spentSoFarUsd spend already recorded in the period, USD (&gt;= 0)
     * @throws java.io.UncheckedIOException if the store cannot be reached
     */
    void open(String budgetId, Instant periodStart, Instant periodEnd, Supplier<BigDecimal> spentSoFarUsd);

    /**
     * Atomically adds {@code amountUsd} to the period's reserved USD if spent + reserved + amount stays within
     * {@code hardLimitUsd}; does nothing otherwise.
     *
     * @param budgetId     the budget's {@link Budget#id() id}
     * @param periodStart  start of the period, as given to {@link #open}
     * @param amountUsd    the call's worst-case cost to reserve, USD (&gt;= 0)
     * @param hardLimitUsd the limit, USD, or {@code null} for none (the reservation is then always admitted)
     * @return true if reserved, false if the limit would have been passed (nothing changed)
     * @throws java.io.UncheckedIOException if the store cannot be reached (nothing may be assumed reserved)
     */
    boolean tryReserve(String budgetId, Instant periodStart, BigDecimal amountUsd, BigDecimal hardLimitUsd);

    /**
     * Atomically subtracts {@code reservedUsd} from reserved and adds {@code actualUsd} to spent.
     *
     * @param budgetId    the budget's {@link Budget#id() id}
     * @param periodStart start of the period the reservation was made in, as given to {@link #open}
     * @param reservedUsd the amount an earlier {@link #tryReserve} admitted, or zero for unreserved spend, USD
     * @param actualUsd   the actual cost, USD (&gt;= 0; zero to release a reservation)
     * @return the period's spent USD right after this update (before = after - actual), so that exactly one caller
     * sees an alert threshold being crossed
     * @throws java.io.UncheckedIOException if the store cannot be reached
     */
    BigDecimal settle(String budgetId, Instant periodStart, BigDecimal reservedUsd, BigDecimal actualUsd);

    /**
     * The period's spent and reserved USD (zero for both when the row does not exist).
     *
     * @param budgetId    the budget's {@link Budget#id() id}
     * @param periodStart start of the period, as given to {@link #open}
     * @return the period's settled spend and reservations of calls in flight, USD
     * @throws java.io.UncheckedIOException if the store cannot be reached
     */
    Balance balance(String budgetId, Instant periodStart);

    /**
     * A budget period's state.
     *
     * @param spentUsd    settled spend, USD
     * @param reservedUsd worst-case cost reserved by calls in flight, USD
     */
    record Balance(BigDecimal spentUsd, BigDecimal reservedUsd) {
        /** Zero spent, zero reserved. */
        public static final Balance ZERO = new Balance(BigDecimal.ZERO, BigDecimal.ZERO);

        /** {@return spent plus reserved, USD: what a new reservation is added to before the hard limit check} */
        public BigDecimal committedUsd() {
            return spentUsd.add(reservedUsd);
        }
    }

    /**
     * {@return the default store: a ledger in this JVM's heap, exact {@code BigDecimal}, atomic per budget period}
     * It does not limit several processes together; use a shared store for that.
     */
    static BudgetStore inMemory() {
        return new InMemoryBudgetStore();
    }

    /**
     * A ledger in table {@code salesagent_budget_ledger} of a PostgreSQL or H2 database (created if absent from the
     * bundled {@code budget-schema.sql}), shared by every process using that database. A reservation is one
     * conditional {@code UPDATE ... SET reserved_usd = reserved_usd + ? WHERE spent_usd + reserved_usd + ? <= ?}:
     * the database's row lock serialises racing reservations and re-checks the condition, so they never overshoot.
     * Amounts are kept as {@code NUMERIC(24, 12)} (12 decimal places).
     *
     * @param dataSource the database (PostgreSQL or H2) shared by every process enforcing the budgets; the store
     *                   borrows a connection per operation
     * @return the JDBC-backed store
     * @throws java.io.UncheckedIOException if the schema cannot be created
     */
    static BudgetStore jdbc(DataSource dataSource) {
        return new JdbcBudgetStore(dataSource);
    }
}
