package dev.salesagent.server.command.readmodel;

import dev.salesagent.agents.sales.command.CommandAgents;
import dev.salesagent.crm.Account;
import dev.salesagent.crm.Opportunity;
import dev.salesagent.crm.Product;
import dev.salesagent.crm.SalesOrder;
import dev.salesagent.crm.SalesOrderLine;
import dev.salesagent.server.platform.db.Sql;
import dev.salesagent.server.platform.web.Page;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The command center's read model of a tenant's CRM (tables {@code cmd_*}, migration V30). Callers run it inside
 * {@code TenantWork} (a transaction under the tenant's row-level security); every statement also filters by tenant.
 */
@Repository
public class ReadModelStore {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    ReadModelStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    // ------------------------------------------------------------------ rows

    /** An order as the API shows it ({@code lines} only on the detail). */
    public record OrderRow(String id, String orderNumber, String customerId, String customerName, String status,
                           BigDecimal total, String currency, LocalDate orderDate, String region, UUID ownerId,
                           Instant createdAt, Instant updatedAt, List<LineRow> lines) {
    }

    /** An order line. */
    public record LineRow(int lineNo, String sku, String productName, BigDecimal quantity, BigDecimal unitPrice,
                          BigDecimal lineTotal) {
    }

    /** A customer with its order figures. */
    public record CustomerRow(String id, String name, String segment, String region, String country, long orders,
                              BigDecimal revenue, LocalDate lastOrderDate) {
    }

    /** A product with its sales figures. */
    public record ProductRow(String id, String sku, String name, String category, String subCategory,
                             BigDecimal unitPrice, boolean active, BigDecimal unitsSold, BigDecimal revenue) {
    }

    /** Order filters of {@code GET /api/v1/orders}; null fields do not filter. */
    public record OrderFilter(String status, String customerId, String customer, String region, LocalDate from,
                              LocalDate to, BigDecimal minTotal, BigDecimal maxTotal) {
    }

    // ------------------------------------------------------------------ writes (sync)

    /** Inserts or updates customers from CRM accounts. */
    public void upsertCustomers(UUID tenantId, Collection<Account> accounts) {
        template.batchUpdate("""
                insert into cmd_customer (tenant_id, id, name, segment, region, country, updated_at)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (tenant_id, id) do update set name = excluded.name, segment = excluded.segment,
                    region = excluded.region, country = excluded.country, updated_at = excluded.updated_at""",
                accounts, 500, (ps, a) -> {
                    ps.setObject(1, tenantId);
                    ps.setString(2, a.id().value());
                    ps.setString(3, a.name() == null ? a.id().value() : a.name());
                    ps.setString(4, text(a.customFields().get("segment")));
                    ps.setString(5, text(a.customFields().get("region")));
                    ps.setString(6, a.country());
                    ps.setObject(7, Sql.ts(a.updatedAt()));
                });
    }

    /** Inserts or updates products. */
    public void upsertProducts(UUID tenantId, Collection<Product> products) {
        template.batchUpdate("""
                insert into cmd_product (tenant_id, id, sku, name, category, sub_category, unit_price, active, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (tenant_id, id) do update set sku = excluded.sku, name = excluded.name,
                    category = excluded.category, sub_category = excluded.sub_category,
                    unit_price = excluded.unit_price, active = excluded.active, updated_at = excluded.updated_at""",
                products, 500, (ps, p) -> {
                    ps.setObject(1, tenantId);
                    ps.setString(2, p.id().value());
                    ps.setString(3, p.sku());
                    ps.setString(4, p.name() == null ? p.sku() : p.name());
                    ps.setString(5, text(p.customFields().get("category")));
                    ps.setString(6, text(p.customFields().get("subCategory")));
                    ps.setBigDecimal(7, p.unitPrice());
                    ps.setBoolean(8, p.active());
                    ps.setObject(9, Sql.ts(p.updatedAt()));
                });
    }

    /** Inserts or updates opportunities; {@code accountNames} by account id. */
    public void upsertOpportunities(UUID tenantId, Collection<Opportunity> opportunities,
                                    Map<String, String> accountNames) {
        template.batchUpdate("""
                insert into cmd_opportunity (tenant_id, id, name, account_id, account_name, stage, amount, currency,
                                             close_date, closed, won, probability, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (tenant_id, id) do update set name = excluded.name, account_id = excluded.account_id,
                    account_name = excluded.account_name, stage = excluded.stage, amount = excluded.amount,
                    currency = excluded.currency, close_date = excluded.close_date, closed = excluded.closed,
                    won = excluded.won, probability = excluded.probability, updated_at = excluded.updated_at""",
                opportunities, 500, (ps, o) -> {
                    String account = o.accountId() == null ? null : o.accountId().value();
                    ps.setObject(1, tenantId);
                    ps.setString(2, o.id().value());
                    ps.setString(3, o.name());
                    ps.setString(4, account);
                    ps.setString(5, account == null ? null : accountNames.get(account));
                    ps.setString(6, o.stage());
                    ps.setBigDecimal(7, o.amount());
                    ps.setString(8, o.currency());
                    ps.setObject(9, o.closeDate() == null ? null : Date.valueOf(o.closeDate()));
                    ps.setBoolean(10, CommandAgents.closed(o));
                    ps.setBoolean(11, CommandAgents.won(o));
                    ps.setInt(12, CommandAgents.probability(o));
                    ps.setObject(13, Sql.ts(o.updatedAt()));
                });
    }

    /**
     * Inserts or updates orders and replaces their lines.
     *
     * @param tenantId     the tenant
     * @param orders       the CRM's orders
     * @param accountNames customer names by account id (the CRM order carries only the id)
     * @param productNames product names by SKU
     * @param ownerId      the server user who created these orders, or null (CRM orders)
     * @return the ids of the orders that were not in the read model before
     */
    public Set<String> upsertOrders(UUID tenantId, List<SalesOrder> orders, Map<String, String> accountNames,
                                    Map<String, String> productNames, UUID ownerId) {
        if (orders.isEmpty()) {
            return Set.of();
        }
        List<String> ids = orders.stream().map(o -> o.id().value()).toList();
        Set<String> known = new HashSet<>(jdbc.sql("select id from cmd_order where tenant_id = ? and id = any(?)")
                .params(tenantId, ids.toArray(String[]::new)).query(String.class).list());
        template.batchUpdate("""
                insert into cmd_order (tenant_id, id, order_number, customer_id, customer_name, status, total, currency,
                                       order_date, region, owner_id, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (tenant_id, id) do update set order_number = excluded.order_number,
                    customer_id = excluded.customer_id, customer_name = excluded.customer_name,
                    status = excluded.status, total = excluded.total, currency = excluded.currency,
                    order_date = excluded.order_date, region = excluded.region,
                    owner_id = coalesce(cmd_order.owner_id, excluded.owner_id), updated_at = excluded.updated_at""",
                orders, 1000, (ps, o) -> {
                    String customer = o.customerId() == null ? null : o.customerId().value();
                    ps.setObject(1, tenantId);
                    ps.setString(2, o.id().value());
                    ps.setString(3, text(o.customFields().get("orderNumber")));
                    ps.setString(4, customer);
                    ps.setString(5, customer == null ? null : accountNames.get(customer));
                    ps.setString(6, o.status().name().toLowerCase());
                    ps.setBigDecimal(7, o.total() == null ? BigDecimal.ZERO : o.total());
                    ps.setString(8, o.currency() == null ? "USD" : o.currency());
                    ps.setObject(9, o.orderDate() == null ? null : Date.valueOf(o.orderDate()));
                    ps.setString(10, text(o.customFields().get("region")));
                    ps.setObject(11, ownerId);
                    ps.setObject(12, Sql.ts(o.createdAt()));
                    ps.setObject(13, Sql.ts(o.updatedAt()));
                });
        List<SalesOrder> replaced = orders.stream().filter(o -> known.contains(o.id().value())).toList();
        if (!replaced.isEmpty()) {
            jdbc.sql("delete from cmd_order_line where tenant_id = ? and order_id = any(?)")
                    .params(tenantId, replaced.stream().map(o -> o.id().value()).toArray(String[]::new)).update();
        }
        List<Object[]> lines = new ArrayList<>();
        for (SalesOrder o : orders) {
            int n = 0;
            for (SalesOrderLine l : o.lines()) {
                n++;
                BigDecimal lineTotal = l.quantity().multiply(l.unitPrice());
                lines.add(new Object[] {tenantId, o.id().value(), n, l.sku(),
                    l.sku() == null ? null : productNames.get(l.sku()),
                    l.quantity(), l.unitPrice(), lineTotal});
            }
        }
        template.batchUpdate("""
                insert into cmd_order_line (tenant_id, order_id, line_no, sku, product_name, quantity, unit_price,
                                            line_total) values (?, ?, ?, ?, ?, ?, ?, ?)""", lines);
        Set<String> created = new HashSet<>(ids);
        created.removeAll(known);
        return created;
    }

    /** Customer names by id, for orders whose accounts did not change in this sync. */
    public Map<String, String> customerNames(UUID tenantId) {
        Map<String, String> names = new java.util.HashMap<>();
        jdbc.sql("select id, name from cmd_customer where tenant_id = ?").param(tenantId)
                .query((ResultSet rs) -> {
                    names.put(rs.getString("id"), rs.getString("name"));
                });
        return names;
    }

    /** Product names by SKU. */
    public Map<String, String> productNames(UUID tenantId) {
        Map<String, String> names = new java.util.HashMap<>();
        jdbc.sql("select sku, name from cmd_product where tenant_id = ?").param(tenantId)
                .query((ResultSet rs) -> {
                    names.put(rs.getString("sku"), rs.getString("name"));
                });
        return names;
    }

    // ------------------------------------------------------------------ reads

    /** One page of orders, newest order date first. */
    public Page<OrderRow> orders(UUID tenantId, DataScopeFilter scope, OrderFilter f, KeysetCursor after, int limit) {
        StringBuilder sql = new StringBuilder("select * from cmd_order o where o.tenant_id = ? and ")
                .append(scope.orderSql());
        List<Object> params = new ArrayList<>();
        params.add(tenantId);
        params.addAll(scope.orderParams());
        if (f.status() != null) {
            sql.append(" and o.status = lower(?)");
            params.add(f.status());
        }
        if (f.customerId() != null) {
            sql.append(" and o.customer_id = ?");
            params.add(f.customerId());
        }
        if (f.customer() != null) {
            sql.append(" and lower(o.customer_name) like ?");
            params.add("%" + f.customer().toLowerCase().replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (f.region() != null) {
            sql.append(" and lower(o.region) = lower(?)");
            params.add(f.region());
        }
        if (f.from() != null) {
            sql.append(" and o.order_date >= ?");
            params.add(Date.valueOf(f.from()));
        }
        if (f.to() != null) {
            sql.append(" and o.order_date <= ?");
            params.add(Date.valueOf(f.to()));
        }
        if (f.minTotal() != null) {
            sql.append(" and o.total >= ?");
            params.add(f.minTotal());
        }
        if (f.maxTotal() != null) {
            sql.append(" and o.total <= ?");
            params.add(f.maxTotal());
        }
        if (after != null) {
            sql.append(" and (coalesce(o.order_date, date '0001-01-01'), o.id) < (?::date, ?)");
            params.add(after.sortValue());
            params.add(after.id());
        }
        sql.append(" order by coalesce(o.order_date, date '0001-01-01') desc, o.id desc limit ?");
        params.add(limit + 1);
        List<OrderRow> rows = jdbc.sql(sql.toString()).params(params).query((rs, n) -> order(rs, null)).list();
        return page(rows, limit, r -> new KeysetCursor(r.orderDate() == null ? "0001-01-01"
                : r.orderDate().toString(), r.id()));
    }

    /** One order with its lines, if the scope sees it. */
    public java.util.Optional<OrderRow> order(UUID tenantId, DataScopeFilter scope, String id) {
        List<Object> params = new ArrayList<>(List.of(tenantId, id));
        params.addAll(scope.orderParams());
        return jdbc.sql("select * from cmd_order o where o.tenant_id = ? and o.id = ? and " + scope.orderSql())
                .params(params).query((rs, n) -> order(rs, lines(tenantId, rs.getString("id")))).optional();
    }

    private List<LineRow> lines(UUID tenantId, String orderId) {
        return jdbc.sql("select * from cmd_order_line where tenant_id = ? and order_id = ? order by line_no")
                .params(tenantId, orderId).query((rs, n) -> new LineRow(rs.getInt("line_no"), rs.getString("sku"),
                        rs.getString("product_name"), rs.getBigDecimal("quantity"),
                        rs.getBigDecimal("unit_price").stripTrailingZeros(), rs.getBigDecimal("line_total")))
                .list();
    }

    /** One page of customers by name, with their order count and revenue (in the scope). */
    public Page<CustomerRow> customers(UUID tenantId, DataScopeFilter scope, String q, KeysetCursor after,
                                       int limit) {
        List<Object> params = new ArrayList<>();
        params.add(tenantId);
        params.addAll(scope.orderParams());
        params.add(tenantId);
        params.addAll(scope.customerParams());
        StringBuilder sql = new StringBuilder("""
                select c.*, coalesce(s.orders, 0) as orders, coalesce(s.revenue, 0) as revenue, s.last_order
                from cmd_customer c left join (
                    select o.customer_id, count(*) as orders, sum(o.total) as revenue, max(o.order_date) as last_order
                    from cmd_order o where o.tenant_id = ? and\s""")
                .append(scope.orderSql()).append(" group by o.customer_id) s on s.customer_id = c.id")
                .append(" where c.tenant_id = ? and ").append(scope.customerSql());
        if (q != null && !q.isBlank()) {
            sql.append(" and lower(c.name) like ?");
            params.add("%" + q.toLowerCase().replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (after != null) {
            sql.append(" and (lower(c.name), c.id) > (?, ?)");
            params.add(after.sortValue());
            params.add(after.id());
        }
        sql.append(" order by lower(c.name), c.id limit ?");
        params.add(limit + 1);
        List<CustomerRow> rows = jdbc.sql(sql.toString()).params(params).query((rs, n) -> new CustomerRow(
                rs.getString("id"), rs.getString("name"), rs.getString("segment"), rs.getString("region"),
                rs.getString("country"), rs.getLong("orders"), rs.getBigDecimal("revenue"),
                date(rs, "last_order"))).list();
        return page(rows, limit, r -> new KeysetCursor(r.name().toLowerCase(), r.id()));
    }

    /** One page of products by name, with units sold and revenue over all orders. */
    public Page<ProductRow> products(UUID tenantId, String q, String category, KeysetCursor after, int limit) {
        List<Object> params = new ArrayList<>(List.of(tenantId, tenantId));
        StringBuilder sql = new StringBuilder("""
                select p.*, coalesce(s.units, 0) as units, coalesce(s.revenue, 0) as revenue
                from cmd_product p left join (
                    select sku, sum(quantity) as units, sum(line_total) as revenue from cmd_order_line
                    where tenant_id = ? group by sku) s on s.sku = p.sku
                where p.tenant_id = ?""");
        if (q != null && !q.isBlank()) {
            sql.append(" and (lower(p.name) like ? or lower(p.sku) = lower(?))");
            params.add("%" + q.toLowerCase().replace("%", "\\%").replace("_", "\\_") + "%");
            params.add(q);
        }
        if (category != null && !category.isBlank()) {
            sql.append(" and (lower(p.category) = lower(?) or lower(p.sub_category) = lower(?))");
            params.add(category);
            params.add(category);
        }
        if (after != null) {
            sql.append(" and (lower(p.name), p.id) > (?, ?)");
            params.add(after.sortValue());
            params.add(after.id());
        }
        sql.append(" order by lower(p.name), p.id limit ?");
        params.add(limit + 1);
        List<ProductRow> rows = jdbc.sql(sql.toString()).params(params).query((rs, n) -> new ProductRow(
                rs.getString("id"), rs.getString("sku"), rs.getString("name"), rs.getString("category"),
                rs.getString("sub_category"), rs.getBigDecimal("unit_price"), rs.getBoolean("active"),
                rs.getBigDecimal("units"), rs.getBigDecimal("revenue"))).list();
        return page(rows, limit, r -> new KeysetCursor(r.name().toLowerCase(), r.id()));
    }

    /** The latest order date of the tenant, if it has orders. */
    public java.util.Optional<LocalDate> lastOrderDate(UUID tenantId) {
        return jdbc.sql("select max(order_date) from cmd_order where tenant_id = ?").param(tenantId)
                .query((rs, n) -> date(rs, 1)).optional().filter(java.util.Objects::nonNull);
    }

    /** The JDBC client, for the metrics queries of the same tables. */
    JdbcClient jdbc() {
        return jdbc;
    }

    // ------------------------------------------------------------------ helpers

    private static OrderRow order(ResultSet rs, List<LineRow> lines) throws SQLException {
        return new OrderRow(rs.getString("id"), rs.getString("order_number"), rs.getString("customer_id"),
                rs.getString("customer_name"), rs.getString("status"), rs.getBigDecimal("total"),
                rs.getString("currency"), date(rs, "order_date"), rs.getString("region"),
                rs.getObject("owner_id", UUID.class), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"),
                lines);
    }

    static LocalDate date(ResultSet rs, String column) throws SQLException {
        Date d = rs.getDate(column);
        return d == null ? null : d.toLocalDate();
    }

    static LocalDate date(ResultSet rs, int column) throws SQLException {
        Date d = rs.getDate(column);
        return d == null ? null : d.toLocalDate();
    }

    private static <T> Page<T> page(List<T> rows, int limit, java.util.function.Function<T, KeysetCursor> cursor) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, limit);
        return new Page<>(List.copyOf(items), cursor.apply(items.get(limit - 1)).encode());
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
