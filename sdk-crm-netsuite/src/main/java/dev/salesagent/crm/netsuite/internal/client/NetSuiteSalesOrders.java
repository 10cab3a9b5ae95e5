package dev.salesagent.crm.netsuite.internal.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salesagent.crm.CrmException;
import dev.salesagent.crm.NewSalesOrder;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.SalesOrder;
import dev.salesagent.crm.SalesOrderLine;
import dev.salesagent.crm.SalesOrderOperations;
import dev.salesagent.crm.SalesOrderSearch;
import dev.salesagent.crm.UpsertResult;
import dev.salesagent.crm.netsuite.internal.api.SalesOrderRecord;
import dev.salesagent.crm.netsuite.internal.mapper.OrderMapper;
import dev.salesagent.crm.netsuite.internal.mapper.SuiteQl;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sales orders, submitted so that a retry can never create a second order: the caller's idempotency key becomes the
 * order's external id and the order is written with {@code PUT salesOrder/eid:<key>} (an upsert by external id).
 *
 * <ol>
 *   <li>{@code GET salesOrder/eid:<key>}: if the order exists it is returned with {@code created = false} and left
 *       unchanged;</li>
 *   <li>otherwise {@code PUT salesOrder/eid:<key>?replace=item} with {@code entity}, {@code tranDate}, optional
 *       {@code currency} and {@code memo}, and the {@code item} lines (item, quantity, rate). PUT is idempotent, so the
 *       shared HTTP client retries it after a timeout or 5xx; if NetSuite had stored the first attempt, the retry
 *       updates that same order with the same content, and {@code replace=item} makes it replace the lines rather
 *       than append a second copy of them (NetSuite appends lines of non-keyed sublists on update).</li>
 * </ol>
 * Within one client, submissions with the same key are serialised (striped locks), so exactly one of them reports
 * {@code created = true}; across processes the external id still guarantees a single order.
 */
final class NetSuiteSalesOrders implements SalesOrderOperations {

    private static final int STRIPES = 64;

    private final NetSuiteApi api;
    private final OrderMapper mapper;
    private final NetSuiteProducts products;
    private final CurrencyDirectory currencies;
    private final Clock clock;
    private final ZoneId zone;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    NetSuiteSalesOrders(NetSuiteApi api, OrderMapper mapper, NetSuiteProducts products, CurrencyDirectory currencies,
                        Clock clock, ZoneId zone) {
        this.api = api;
        this.mapper = mapper;
        this.products = products;
        this.currencies = currencies;
        this.clock = clock;
        this.zone = zone;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /**
     * @throws dev.salesagent.crm.CrmValidationException for an unknown SKU or currency, or when NetSuite rejects the
     *                                                   order (unknown customer or item: {@code INVALID_KEY_OR_REF})
     */
    @Override
    public UpsertResult<SalesOrder> create(NewSalesOrder order) {
        String key = order.idempotencyKey();
        ReentrantLock lock = locks[Math.floorMod(key.hashCode(), STRIPES)];
        lock.lock();
        try {
            Optional<SalesOrderRecord> existing = api.get("salesOrder", NetSuiteApi.eid(key), SalesOrderRecord.class,
                    "salesOrders.find");
            if (existing.isPresent()) {
                return UpsertResult.ofUpdated(mapper.order(existing.get(), currencies::codeOf));
            }
            List<String> itemIds = new ArrayList<>();
            for (int i = 0; i < order.lines().size(); i++) {
                itemIds.add(itemId(order.lines().get(i), i));
            }
            String currencyId = order.currency() == null ? null : currencies.idOf(order.currency())
                    .orElseThrow(() -> Errors.invalid(api.providerId(), "currency", "INVALID_KEY_OR_REF",
                            "no NetSuite currency with symbol '" + order.currency() + "'"));
            String id = api.upsertByExternalId("salesOrder", key,
                    mapper.body(order, itemIds, currencyId, LocalDate.now(clock.withZone(zone))), "item",
                    "salesOrders.create");
            return UpsertResult.ofCreated(get(id));
        } finally {
            lock.unlock();
        }
    }

    private String itemId(SalesOrderLine line, int index) {
        if (line.productId() != null) {
            return line.productId().value();
        }
        return products.idBySku(line.sku()).orElseThrow(() -> Errors.invalid(api.providerId(),
                "lines[" + index + "].sku", "INVALID_KEY_OR_REF", "no item with SKU '" + line.sku() + "'"));
    }

    /** {@code GET salesOrder/{id}?expandSubResources=true}. */
    @Override
    public SalesOrder get(String id) {
        String n = SuiteQl.id(id).orElseThrow(() -> Errors.notFound(api.providerId(), "sales order", id));
        return api.get("salesOrder", n, SalesOrderRecord.class, "salesOrders.get")
                .map(r -> mapper.order(r, currencies::codeOf))
                .orElseThrow(() -> Errors.notFound(api.providerId(), "sales order", id));
    }

    /**
     * SuiteQL over {@code transaction} ({@code type = 'SalesOrd'}) for the ids of one page, then one record read per
     * order (the lines live in the record's {@code item} sublist).
     */
    @Override
    public Page<SalesOrder> search(SalesOrderSearch s, PageRequest page) {
        StringBuilder q = new StringBuilder("SELECT t.id FROM transaction t WHERE t.type = 'SalesOrd'");
        if (s.customerId() != null) {
            q.append(" AND t.entity = ").append(SuiteQl.id(s.customerId().value()).orElse("-1"));
        }
        if (s.status() != null) {
            q.append(" AND t.status IN (").append(String.join(", ",
                    OrderMapper.letters(s.status()).stream().map(SuiteQl::literal).toList())).append(")");
        }
        if (s.orderDateFrom() != null) {
            q.append(" AND t.trandate >= ").append(SuiteQl.date(s.orderDateFrom()));
        }
        if (s.orderDateTo() != null) {
            q.append(" AND t.trandate <= ").append(SuiteQl.date(s.orderDateTo()));
        }
        q.append(" ORDER BY t.id");
        Page<String> ids = api.page(q.toString(), page, (ObjectNode row) -> SuiteQl.text(row, "id"),
                "salesOrders.search");
        List<SalesOrder> orders = new ArrayList<>();
        for (String id : ids.items()) {
            orders.add(api.get("salesOrder", id, SalesOrderRecord.class, "salesOrders.get")
                    .map(r -> mapper.order(r, currencies::codeOf))
                    .orElseThrow(() -> new CrmException("sales order " + id + " vanished during search")));
        }
        return new Page<>(orders, ids.nextCursor());
    }
}
