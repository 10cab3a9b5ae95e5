package dev.salesagent.server.command.readmodel;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.salesagent.server.command.CommandProperties;
import dev.salesagent.server.command.TenantWork;
import dev.salesagent.server.platform.security.Role;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The dashboard's figures, computed in SQL over the read model and cached per tenant, data scope and as-of day for
 * {@code salesagent.command.metrics-ttl} (30 s); {@link #evict(UUID)} (called by every sync) drops a tenant's entries
 * at once. Money is USD: sums exact, averages and the weighted forecast rounded half-up to cents.
 */
@Service
public class DashboardMetrics {

    private final ReadModelStore store;
    private final TenantWork work;
    private final Cache<String, Map<String, Object>> cache;

    DashboardMetrics(ReadModelStore store, TenantWork work, CommandProperties properties) {
        this.store = store;
        this.work = work;
        this.cache = Caffeine.newBuilder().expireAfterWrite(properties.metricsTtl()).maximumSize(10_000).build();
    }

    /** Drops every cached figure of a tenant. */
    public void evict(UUID tenantId) {
        String prefix = tenantId + "|";
        cache.asMap().keySet().removeIf(k -> k.startsWith(prefix));
    }

    /**
     * The overview for the month of {@code asOf}: orders, revenue, average order value and pending orders of the
     * month ({@code current}), of the month before ({@code previous}) and of the day {@code asOf} alone
     * ({@code today}), order statuses of the month, revenue by product category of the month (orders, units, revenue;
     * highest revenue first), revenue by month for the 12 months to {@code asOf}, and the top 5 customers by revenue
     * of the year to {@code asOf}.
     */
    public Map<String, Object> overview(UUID tenantId, DataScopeFilter scope, LocalDate asOf) {
        return cached(tenantId + "|overview|" + scope.cacheKey() + "|" + asOf, () -> work.in(tenantId, () -> {
            YearMonth month = YearMonth.from(asOf);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("as_of", asOf);
            out.put("period", period(month.atDay(1), month.atEndOfMonth()));
            out.put("current", kpis(tenantId, scope, month.atDay(1), month.atEndOfMonth()));
            out.put("today", kpis(tenantId, scope, asOf, asOf));
            YearMonth prev = month.minusMonths(1);
            out.put("previous", kpis(tenantId, scope, prev.atDay(1), prev.atEndOfMonth()));
            out.put("order_status", statuses(tenantId, scope, month.atDay(1), month.atEndOfMonth()));
            out.put("revenue_by_category", byCategory(tenantId, scope, month.atDay(1), month.atEndOfMonth()));
            out.put("revenue_by_month", byMonth(tenantId, scope, month.minusMonths(11).atDay(1),
                    month.atEndOfMonth()));
            out.put("top_customers", topCustomers(tenantId, scope, asOf.withDayOfYear(1), asOf, 5));
            return out;
        }));
    }

    /**
     * The pipeline: per stage the number of deals, their amount and weighted amount (amount x the stage's win
     * probability, as the SDK's pipeline agent computes it), and the open, weighted and won totals. Opportunities
     * carry no server user or region, so users with a narrower scope than the tenant see an empty pipeline.
     */
    public Map<String, Object> pipeline(UUID tenantId, DataScopeFilter scope) {
        return cached(tenantId + "|pipeline|" + scope.cacheKey(), () -> work.in(tenantId, () -> {
            boolean all = scope.scope() == Role.DataScope.TENANT;
            JdbcClient jdbc = store.jdbc();
            List<Map<String, Object>> stages = jdbc.sql("""
                    select stage, count(*) as deals, coalesce(sum(amount), 0) as amount,
                           coalesce(sum(amount * probability / 100.0), 0) as weighted, bool_and(closed) as closed
                    from cmd_opportunity where tenant_id = ? and ? group by stage order by min(probability), stage""")
                    .params(tenantId, all).query((rs, n) -> {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("stage", rs.getString("stage"));
                        m.put("deals", rs.getLong("deals"));
                        m.put("amount", money(rs.getBigDecimal("amount")));
                        m.put("weighted", cents(rs.getBigDecimal("weighted")));
                        m.put("closed", rs.getBoolean("closed"));
                        return m;
                    }).list();
            Map<String, Object> totals = jdbc.sql("""
                    select count(*) filter (where not closed) as open_deals,
                           coalesce(sum(amount) filter (where not closed), 0) as open_amount,
                           coalesce(sum(amount * probability / 100.0) filter (where not closed), 0) as weighted,
                           count(*) filter (where won) as won_deals,
                           coalesce(sum(amount) filter (where won), 0) as won_amount,
                           count(*) filter (where closed) as closed_deals
                    from cmd_opportunity where tenant_id = ? and ?""").params(tenantId, all).query((rs, n) -> {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("open_deals", rs.getLong("open_deals"));
                        m.put("open_amount", money(rs.getBigDecimal("open_amount")));
                        m.put("weighted_forecast", cents(rs.getBigDecimal("weighted")));
                        m.put("won_deals", rs.getLong("won_deals"));
                        m.put("won_amount", money(rs.getBigDecimal("won_amount")));
                        long closed = rs.getLong("closed_deals");
                        m.put("win_rate", closed == 0 ? null : BigDecimal.valueOf(rs.getLong("won_deals") * 100.0
                                / closed).setScale(1, RoundingMode.HALF_UP));
                        return m;
                    }).single();
            Map<String, Object> out = new LinkedHashMap<>(totals);
            out.put("stages", stages);
            return out;
        }));
    }

    private Map<String, Object> cached(String key, Supplier<Map<String, Object>> compute) {
        return cache.get(key, k -> compute.get());
    }

    private Map<String, Object> kpis(UUID tenantId, DataScopeFilter scope, LocalDate from, LocalDate to) {
        List<Object> params = new ArrayList<>(List.of(tenantId, Date.valueOf(from), Date.valueOf(to)));
        params.addAll(scope.orderParams());
        return store.jdbc().sql("""
                select count(*) as orders, coalesce(sum(total), 0) as revenue,
                       count(*) filter (where status = 'pending') as pending_orders,
                       coalesce(sum(total) filter (where status = 'pending'), 0) as pending_amount
                from cmd_order o where tenant_id = ? and order_date between ? and ? and\s""" + scope.orderSql())
                .params(params).query((rs, n) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    long orders = rs.getLong("orders");
                    BigDecimal revenue = rs.getBigDecimal("revenue");
                    m.put("orders", orders);
                    m.put("revenue", money(revenue));
                    m.put("average_order_value", orders == 0 ? BigDecimal.ZERO.setScale(2)
                            : revenue.divide(BigDecimal.valueOf(orders), 2, RoundingMode.HALF_UP));
                    m.put("pending_orders", rs.getLong("pending_orders"));
                    m.put("pending_amount", money(rs.getBigDecimal("pending_amount")));
                    return m;
                }).single();
    }

    private List<Map<String, Object>> statuses(UUID tenantId, DataScopeFilter scope, LocalDate from, LocalDate to) {
        List<Object> params = new ArrayList<>(List.of(tenantId, Date.valueOf(from), Date.valueOf(to)));
        params.addAll(scope.orderParams());
        return store.jdbc().sql("select status, count(*) as orders, sum(total) as amount from cmd_order o"
                        + " where tenant_id = ? and order_date between ? and ? and " + scope.orderSql()
                        + " group by status order by status")
                .params(params).query((rs, n) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("status", rs.getString("status"));
                    m.put("orders", rs.getLong("orders"));
                    m.put("amount", money(rs.getBigDecimal("amount")));
                    return m;
                }).list();
    }

    /**
     * Orders (distinct), units and revenue (sum of line totals) per product category of the orders dated
     * {@code from..to}; a line's category is its SKU's product's (the first product by id when a SKU repeats), and
     * lines whose SKU names no known product count as "Uncategorized".
     */
    private List<Map<String, Object>> byCategory(UUID tenantId, DataScopeFilter scope, LocalDate from,
                                                 LocalDate to) {
        List<Object> params = new ArrayList<>(List.of(tenantId, tenantId, Date.valueOf(from), Date.valueOf(to)));
        params.addAll(scope.orderParams());
        return store.jdbc().sql("""
                select coalesce(p.category, 'Uncategorized') as category, count(distinct o.id) as orders,
                       sum(l.quantity) as units, sum(l.line_total) as revenue
                from cmd_order o
                join cmd_order_line l on l.tenant_id = o.tenant_id and l.order_id = o.id
                left join (select distinct on (sku) sku, category from cmd_product where tenant_id = ?
                           order by sku, id) p on p.sku = l.sku
                where o.tenant_id = ? and o.order_date between ? and ? and\s""" + scope.orderSql()
                        + " group by 1 order by sum(l.line_total) desc, 1")
                .params(params).query((rs, n) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("category", rs.getString("category"));
                    m.put("orders", rs.getLong("orders"));
                    m.put("units", money(rs.getBigDecimal("units")));
                    m.put("revenue", money(rs.getBigDecimal("revenue")));
                    return m;
                }).list();
    }

    private List<Map<String, Object>> byMonth(UUID tenantId, DataScopeFilter scope, LocalDate from, LocalDate to) {
        List<Object> params = new ArrayList<>(List.of(tenantId, Date.valueOf(from), Date.valueOf(to)));
        params.addAll(scope.orderParams());
        Map<String, Map<String, Object>> months = new LinkedHashMap<>();
        for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(to)); m = m.plusMonths(1)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("month", m.toString());
            row.put("orders", 0L);
            row.put("revenue", BigDecimal.ZERO);
            months.put(m.toString(), row);
        }
        store.jdbc().sql("select to_char(order_date, 'YYYY-MM') as month, count(*) as orders, sum(total) as revenue"
                        + " from cmd_order o where tenant_id = ? and order_date between ? and ? and "
                        + scope.orderSql() + " group by 1")
                .params(params).query((rs, n) -> {
                    Map<String, Object> row = months.get(rs.getString("month"));
                    row.put("orders", rs.getLong("orders"));
                    row.put("revenue", money(rs.getBigDecimal("revenue")));
                    return row;
                }).list();
        return List.copyOf(months.values());
    }

    private List<Map<String, Object>> topCustomers(UUID tenantId, DataScopeFilter scope, LocalDate from,
                                                   LocalDate to, int limit) {
        List<Object> params = new ArrayList<>(List.of(tenantId, Date.valueOf(from), Date.valueOf(to)));
        params.addAll(scope.orderParams());
        params.add(limit);
        return store.jdbc().sql("select customer_id, customer_name, count(*) as orders, sum(total) as revenue"
                        + " from cmd_order o where tenant_id = ? and order_date between ? and ? and "
                        + scope.orderSql() + " group by customer_id, customer_name"
                        + " order by sum(total) desc, customer_name limit ?")
                .params(params).query((rs, n) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("customer_id", rs.getString("customer_id"));
                    m.put("name", rs.getString("customer_name"));
                    m.put("orders", rs.getLong("orders"));
                    m.put("revenue", money(rs.getBigDecimal("revenue")));
                    return m;
                }).list();
    }

    private static Map<String, Object> period(LocalDate start, LocalDate end) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("start", start);
        m.put("end", end);
        return m;
    }

    /** A sum of stored amounts, exact (the read model keeps 4 decimals). */
    private static BigDecimal money(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v.stripTrailingZeros().scale() < 0 ? v.setScale(0) : v.stripTrailingZeros();
    }

    /** A derived amount (weighted forecast), rounded half-up to cents. */
    private static BigDecimal cents(BigDecimal v) {
        return v == null ? BigDecimal.ZERO.setScale(2) : v.setScale(2, RoundingMode.HALF_UP);
    }
}
