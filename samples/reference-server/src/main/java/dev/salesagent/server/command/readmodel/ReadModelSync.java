package dev.salesagent.server.command.readmodel;

import dev.salesagent.crm.Account;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.Opportunity;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.Product;
import dev.salesagent.crm.SalesOrder;
import dev.salesagent.crm.SalesOrderSearch;
import dev.salesagent.server.command.TenantCommandCenters;
import dev.salesagent.server.command.TenantWork;
import dev.salesagent.server.command.live.DashboardFeed;
import dev.salesagent.server.platform.crm.TenantCrmClients;
import dev.salesagent.server.platform.db.Sql;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Keeps the read model in step with each tenant's CRM through the SPI. The first sync of a tenant reads everything;
 * later ones (webhook, the 5-minute fallback, a submitted transaction) read what changed since the watermark (the
 * newest {@code updatedAt} seen): accounts and opportunities through their {@code changedSince} listings, orders and
 * products, which the SPI lists without a change filter, by their {@code updatedAt}. After each sync the tenant's
 * dashboard cache is evicted, its command center re-reads the CRM and its open dashboards get
 * {@code order.created} (one per new order, up to {@value #MAX_ORDER_MESSAGES}) and {@code metrics.updated}.
 * One sync per tenant at a time (a lock per tenant here, a PostgreSQL advisory lock across instances).
 */
@Service
public class ReadModelSync {

    /** Most {@code order.created} messages one sync pushes (an initial sync pushes only {@code metrics.updated}). */
    public static final int MAX_ORDER_MESSAGES = 50;

    private static final Logger LOG = LoggerFactory.getLogger(ReadModelSync.class);

    /** What one sync did. */
    public record SyncResult(UUID tenantId, String source, boolean initial, int customers, int products,
                             int orders, int ordersCreated, int opportunities, Duration took) {
    }

    private final TenantCrmClients crms;
    private final ReadModelStore store;
    private final TenantWork work;
    private final DashboardMetrics metrics;
    private final TenantCommandCenters centers;
    private final DashboardFeed feed;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ConcurrentMap<UUID, Object> locks = new ConcurrentHashMap<>();

    ReadModelSync(TenantCrmClients crms, ReadModelStore store, TenantWork work, DashboardMetrics metrics,
                  TenantCommandCenters centers, DashboardFeed feed, JdbcClient jdbc, Clock clock) {
        this.crms = crms;
        this.store = store;
        this.work = work;
        this.metrics = metrics;
        this.centers = centers;
        this.feed = feed;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Syncs the tenant unless it was synced before (the read model's first fill).
     *
     * @param tenantId the tenant
     */
    public void ensureSynced(UUID tenantId) {
        if (work.in(tenantId, () -> watermarkRow(tenantId).isEmpty())) {
            sync(tenantId, "initial");
        }
    }

    /**
     * Syncs one tenant now.
     *
     * @param tenantId the tenant
     * @param source   why ({@code initial}, {@code schedule}, {@code webhook:hubspot}, {@code transaction}, ...)
     * @return what changed
     * @throws dev.salesagent.crm.CrmException if the CRM fails (nothing is written)
     */
    public SyncResult sync(UUID tenantId, String source) {
        synchronized (locks.computeIfAbsent(tenantId, k -> new Object())) {
            long started = System.nanoTime();
            CrmClient crm = crms.forTenant(tenantId);
            SyncResult result = work.in(tenantId, () -> {
                jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 17))").param("cmd-sync:" + tenantId)
                        .query((java.sql.ResultSet rs) -> { });
                Instant since = watermarkRow(tenantId).map(w -> w.watermark).orElse(null);
                Instant from = since == null ? Instant.EPOCH : since;
                Predicate<Instant> changed = t -> since == null || t == null || !t.isBefore(since);
                int n = PageRequest.MAX_SIZE;
                List<Account> accounts = Page.stream(p -> crm.accounts().changedSince(from, p), n).toList();
                List<Product> products = Page.stream(p -> crm.products().search("", p), n)
                        .filter(p -> changed.test(p.updatedAt())).toList();
                List<Opportunity> opportunities = Page.stream(p -> crm.opportunities().changedSince(from, p), n)
                        .toList();
                List<SalesOrder> orders = Page.stream(p -> crm.salesOrders().search(SalesOrderSearch.all(), p), n)
                        .filter(o -> changed.test(o.updatedAt())).toList();
                store.upsertCustomers(tenantId, accounts);
                store.upsertProducts(tenantId, products);
                Map<String, String> names = store.customerNames(tenantId);
                store.upsertOpportunities(tenantId, opportunities, names);
                Set<String> created = store.upsertOrders(tenantId, orders, names, store.productNames(tenantId), null);
                Instant watermark = Stream.of(accounts.stream().map(Account::updatedAt),
                                products.stream().map(Product::updatedAt),
                                opportunities.stream().map(Opportunity::updatedAt),
                                orders.stream().map(SalesOrder::updatedAt))
                        .flatMap(s -> s).filter(Objects::nonNull).max(Instant::compareTo).orElse(from);
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                jdbc.sql("""
                        insert into cmd_sync_state (tenant_id, watermark, last_sync_at, last_duration_ms, last_source)
                        values (?, ?, ?, ?, ?)
                        on conflict (tenant_id) do update set watermark = excluded.watermark,
                            last_sync_at = excluded.last_sync_at, last_duration_ms = excluded.last_duration_ms,
                            last_source = excluded.last_source""")
                        .params(tenantId, Sql.ts(watermark), Sql.ts(clock.instant()), took.toMillis(), source)
                        .update();
                List<SalesOrder> createdOrders = orders.stream().filter(o -> created.contains(o.id().value()))
                        .toList();
                publishCreated(tenantId, since == null ? List.of() : createdOrders, names);
                return new SyncResult(tenantId, source, since == null, accounts.size(), products.size(),
                        orders.size(), created.size(), opportunities.size(), took);
            });
            afterSync(tenantId, source);
            LOG.info("command read model synced: {}", result);
            return result;
        }
    }

    /**
     * Tells the rest of the command center that the tenant's data changed: evicts the dashboard cache, refreshes the
     * command center and pushes {@code metrics.updated}.
     */
    public void afterSync(UUID tenantId, String source) {
        metrics.evict(tenantId);
        centers.refresh(tenantId);
        feed.publish(tenantId, "metrics.updated", Map.of("source", source));
    }

    /**
     * Puts an order the server itself created (API or approved transaction) into the read model at once, owned by
     * the user, and announces it ({@code order.created}, then {@code metrics.updated}).
     *
     * @param tenantId the tenant
     * @param ownerId  the server user who created it
     * @param created  the CRM's order
     * @param source   what created it, for the message
     */
    public void recordCreated(UUID tenantId, UUID ownerId, SalesOrder created, String source) {
        Map<String, String> names = work.in(tenantId, () -> {
            Map<String, String> customerNames = store.customerNames(tenantId);
            store.upsertOrders(tenantId, List.of(created), customerNames, store.productNames(tenantId), ownerId);
            return customerNames;
        });
        feed.publish(tenantId, "order.created", orderMessage(created, names));
        afterSync(tenantId, source);
    }

    /** Pushes {@code order.created} for orders new to the read model (after their transaction commits). */
    private void publishCreated(UUID tenantId, List<SalesOrder> created, Map<String, String> names) {
        List<SalesOrder> sent = created.stream().limit(MAX_ORDER_MESSAGES).toList();
        if (sent.isEmpty()) {
            return;
        }
        org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        sent.forEach(o -> feed.publish(tenantId, "order.created", orderMessage(o, names)));
                    }
                });
    }

    /** The fields of an {@code order.created} message. */
    public static Map<String, Object> orderMessage(SalesOrder o, Map<String, String> names) {
        Map<String, Object> m = new HashMap<>();
        m.put("order_id", o.id().value());
        String customer = o.customerId() == null ? null : o.customerId().value();
        if (customer != null) {
            m.put("customer_id", customer);
            if (names.get(customer) != null) {
                m.put("customer_name", names.get(customer));
            }
        }
        m.put("status", o.status().name().toLowerCase());
        m.put("total", o.total());
        if (o.orderDate() != null) {
            m.put("order_date", o.orderDate().toString());
        }
        return m;
    }

    /** The 5-minute fallback: syncs every tenant that was synced before. */
    @Scheduled(fixedDelayString = "${salesagent.command.sync-interval:5m}",
            initialDelayString = "${salesagent.command.sync-interval:5m}")
    void scheduled() {
        for (UUID tenantId : jdbc.sql("select tenant_id from cmd_sync_state").query(UUID.class).list()) {
            try {
                sync(tenantId, "schedule");
            } catch (RuntimeException e) {
                LOG.warn("scheduled command sync of tenant {} failed", tenantId, e);
            }
        }
    }

    /** The demo's fixed as-of date, or empty for the calendar. */
    public java.util.Optional<java.time.LocalDate> asOfDate(UUID tenantId) {
        return work.in(tenantId, () -> jdbc.sql("select as_of_date from cmd_sync_state where tenant_id = ?")
                .param(tenantId).query((rs, n) -> ReadModelStore.date(rs, "as_of_date")).optional()
                .filter(Objects::nonNull));
    }

    /**
     * Fixes the day questions and dashboards without an as-of date resolve against (the demo: its last order date).
     *
     * @param tenantId the tenant (already synced)
     * @param asOf     the day, or null for the calendar
     */
    public void setAsOfDate(UUID tenantId, java.time.LocalDate asOf) {
        work.run(tenantId, () -> jdbc.sql("update cmd_sync_state set as_of_date = ? where tenant_id = ?")
                .params(asOf == null ? null : java.sql.Date.valueOf(asOf), tenantId).update());
        metrics.evict(tenantId);
    }

    private record Watermark(Instant watermark) {
    }

    private java.util.Optional<Watermark> watermarkRow(UUID tenantId) {
        return jdbc.sql("select watermark from cmd_sync_state where tenant_id = ?").param(tenantId)
                .query((rs, n) -> new Watermark(Sql.instant(rs, "watermark"))).optional();
    }
}
