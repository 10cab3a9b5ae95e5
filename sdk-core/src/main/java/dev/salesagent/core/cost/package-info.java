/**
 * Cost tracking: prices ({@link dev.salesagent.core.cost.PriceTable}, USD per million tokens as
 * {@code BigDecimal}), usage records (tokens as {@code long}), budgets with atomic reservations
 * ({@link dev.salesagent.core.cost.CostTracker}, {@link dev.salesagent.core.cost.Budget}) and usage stores (in memory,
 * JDBC).
 *
 * <p>Nullness: parameters and return values are non-null unless their Javadoc says {@code null} is allowed or
 * returned; absent values of public accessors are documented as such (null or {@code Optional}).
 */
package dev.salesagent.core.cost;
