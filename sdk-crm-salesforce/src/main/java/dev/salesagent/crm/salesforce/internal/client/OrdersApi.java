package dev.salesagent.crm.salesforce.internal.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salesagent.crm.CrmConflictException;
import dev.salesagent.crm.CrmException;
import dev.salesagent.crm.CrmNotFoundException;
import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.CrmValidationException.FieldError;
import dev.salesagent.crm.ErrorDetails;
import dev.salesagent.crm.NewSalesOrder;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.SalesOrder;
import dev.salesagent.crm.SalesOrderLine;
import dev.salesagent.crm.SalesOrderOperations;
import dev.salesagent.crm.SalesOrderSearch;
import dev.salesagent.crm.UpsertResult;
import dev.salesagent.crm.salesforce.internal.api.CompositeRequest;
import dev.salesagent.crm.salesforce.internal.api.CompositeResponse;
import dev.salesagent.crm.salesforce.internal.mapper.SObjectMapper;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Orders ({@code Order} + {@code OrderItem} priced from the standard price book). {@link #create} writes the order and
 * its lines in one Composite request with {@code allOrNone=true} and {@code collateSubrequests=false} (collated
 * subrequests run in no guaranteed order, so the read-back could miss the lines), the caller's idempotency key in the unique
 * external-id field on Order: a repeated call (including the shared HTTP retry after a lost response) finds the
 * existing order, or is refused with {@code DUPLICATE_VALUE} and then finds it, so no second order is made.
 */
final class OrdersApi implements SalesOrderOperations {

    /** One subrequest writes the Order, two read it and its lines back in the same transaction. */
    static final int MAX_LINES = CompositeRequest.MAX_SUBREQUESTS - 3;

    private final SalesforceRest rest;
    private final SObjectMapper mapper;
    private final StandardPricebook pricebook;

    OrdersApi(SalesforceRest rest, SObjectMapper mapper, StandardPricebook pricebook) {
        this.rest = rest;
        this.mapper = mapper;
        this.pricebook = pricebook;
    }

    private String keyField() {
        return mapper.settings().orderKey();
    }

    private CrmValidationException invalid(String field, String code, String message) {
        return new CrmValidationException(message, ErrorDetails.of(rest.providerId()),
                List.of(new FieldError(field, code, message)));
    }

    @Override
    public UpsertResult<SalesOrder> create(NewSalesOrder order) {
        Objects.requireNonNull(order, "order");
        Optional<SalesOrder> existing = findByKey(order.idempotencyKey());
        if (existing.isPresent()) {
            return new UpsertResult<>(existing.get(), false);
        }
        if (order.lines().size() > MAX_LINES) {
            throw invalid("lines", "TOO_MANY_LINES", "a Salesforce order is created in one Composite request of at "
                    + "most " + CompositeRequest.MAX_SUBREQUESTS + " subrequests, so at most " + MAX_LINES
                    + " lines; got " + order.lines().size());
        }
        if (order.currency() != null && !mapper.settings().multiCurrency()
                && !order.currency().equalsIgnoreCase(mapper.settings().currency())) {
            throw invalid("currency", "UNSUPPORTED_CURRENCY", "the org is single-currency ("
                    + mapper.settings().currency() + "); got " + order.currency());
        }
        rest.requireIdOf(order.customerId().value(), "001", "account");
        String currency = order.currency() != null ? order.currency() : mapper.settings().currency();
        List<ObjectNode> entries = priceEntries(order.lines(), currency);
        String version = rest.apiVersion();
        List<CompositeRequest.Subrequest> subrequests = new ArrayList<>();
        ObjectNode head = rest.json().createObjectNode();
        head.put("AccountId", order.customerId().value());
        head.put("EffectiveDate", (order.orderDate() != null ? order.orderDate() : LocalDate.now(rest.clock()))
                .toString());
        head.put("Status", mapper.statusValue(dev.salesagent.crm.SalesOrderStatus.PENDING).orElseThrow());
        head.put("Pricebook2Id", pricebook.id());
        head.put(keyField(), order.idempotencyKey());
        if (order.memo() != null) {
            head.put("Description", order.memo());
        }
        if (mapper.settings().multiCurrency()) {
            head.put("CurrencyIsoCode", currency);
        }
        subrequests.add(new CompositeRequest.Subrequest("POST", "/services/data/" + version + "/sobjects/Order",
                "order", head));
        for (int i = 0; i < order.lines().size(); i++) {
            SalesOrderLine line = order.lines().get(i);
            ObjectNode item = rest.json().createObjectNode();
            item.put("OrderId", "@{order.id}");
            item.put("PricebookEntryId", entries.get(i).path("Id").asText());
            SObjectMapper.putDecimal(item, "Quantity", line.quantity());
            SObjectMapper.putDecimal(item, "UnitPrice", line.unitPrice());
            subrequests.add(new CompositeRequest.Subrequest("POST",
                    "/services/data/" + version + "/sobjects/OrderItem", "line" + i, item));
        }
        subrequests.add(new CompositeRequest.Subrequest("GET", queryUrl(version, select(), "Id"), "readOrder", null));
        subrequests.add(new CompositeRequest.Subrequest("GET", queryUrl(version,
                Soql.select(mapper.orderItemFields(), "OrderItem").orderBy("Id"), "OrderId"), "readLines", null));
        CompositeResponse response = rest.composite(new CompositeRequest(true, false, subrequests), "salesOrders.create",
                order.idempotencyKey());
        try {
            return new UpsertResult<>(compositeResult(response), true);
        } catch (CrmConflictException duplicate) {
            // Another call with this key won (a concurrent caller, or our own earlier attempt whose response was lost).
            return findByKey(order.idempotencyKey()).map(o -> new UpsertResult<>(o, false)).orElseThrow(() -> duplicate);
        }
    }

    /**
     * A query subrequest URL selecting the new order's rows by {@code idField}: the {@code @{order.id}} reference
     * stays unencoded so Salesforce resolves it.
     */
    private static String queryUrl(String version, Soql query, String idField) {
        String soql = query.toString();
        int order = soql.indexOf(" ORDER BY ");
        String head = (order < 0 ? soql : soql.substring(0, order)) + " WHERE " + idField + " = '";
        String tail = "'" + (order < 0 ? "" : soql.substring(order));
        return "/services/data/" + version + "/query?q=" + encode(head) + "@{order.id}" + encode(tail);
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The order read back, or the first real failure (not the PROCESSING_HALTED of rolled-back siblings). */
    private SalesOrder compositeResult(CompositeResponse response) {
        CrmException first = null;
        for (CompositeResponse.SubResponse sub : response.compositeResponse()) {
            if (sub.httpStatusCode() >= 300) {
                CrmException e = rest.errors().subrequestError(sub.referenceId().equals("order") ? "Order" : "OrderItem",
                        sub.httpStatusCode(), sub.body());
                if (e.vendorCode() == null || !e.vendorCode().equals("PROCESSING_HALTED")) {
                    throw e;
                }
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
        List<CompositeResponse.SubResponse> subs = response.compositeResponse();
        JsonNode orderRow = subs.get(subs.size() - 2).body().path("records").path(0);
        List<JsonNode> items = new ArrayList<>();
        subs.get(subs.size() - 1).body().path("records").forEach(items::add);
        return mapper.toOrder(orderRow, items);
    }

    /** One standard price book entry per line, in line order, in the order's currency. */
    private List<ObjectNode> priceEntries(List<SalesOrderLine> lines, String currency) {
        Set<String> productIds = new LinkedHashSet<>();
        Set<String> skus = new LinkedHashSet<>();
        for (SalesOrderLine line : lines) {
            if (line.productId() != null) {
                rest.requireIdOf(line.productId().value(), "01t", "product");
                productIds.add(line.productId().value());
            } else {
                skus.add(line.sku());
            }
        }
        Map<String, ObjectNode> byProduct = new HashMap<>();
        Map<String, ObjectNode> bySku = new HashMap<>();
        if (!productIds.isEmpty()) {
            pricebook.entries(productIds, currency, "salesOrders.prices").forEach(e -> byProduct.put(e.path("Product2Id").asText(), e));
        }
        if (!skus.isEmpty()) {
            pricebook.entriesBySku(skus, currency, "salesOrders.prices").forEach(e -> {
                String sku = pricebook.sku(e);
                if (skus.contains(sku)) {
                    bySku.put(sku, e);
                }
            });
        }
        List<ObjectNode> out = new ArrayList<>();
        for (SalesOrderLine line : lines) {
            ObjectNode entry = line.productId() != null ? byProduct.get(line.productId().value()) : bySku.get(line.sku());
            if (entry == null) {
                throw new CrmNotFoundException((line.productId() != null ? "product '" + line.productId().value()
                        : "product with sku '" + line.sku()) + "' has no standard price"
                        + (mapper.settings().multiCurrency() ? " in " + currency : ""),
                        ErrorDetails.of(rest.providerId()));
            }
            if (!entry.path("IsActive").asBoolean(true)) {
                throw invalid("lines", "INACTIVE_PRODUCT", "the standard price of product "
                        + entry.path("Product2Id").asText() + " is inactive");
            }
            out.add(entry);
        }
        return out;
    }

    private Soql select() {
        return Soql.select(mapper.orderFields(), "Order");
    }

    private Optional<SalesOrder> findByKey(String key) {
        List<ObjectNode> rows = rest.query(select().where(keyField() + " = " + Soql.literal(key)).limit(1), 1,
                "salesOrders.findByKey");
        return withLines(rows).stream().findFirst();
    }

    private List<SalesOrder> withLines(List<ObjectNode> orders) {
        if (orders.isEmpty()) {
            return List.of();
        }
        Map<String, List<JsonNode>> items = new LinkedHashMap<>();
        List<String> ids = orders.stream().map(o -> o.path("Id").asText()).toList();
        ids.forEach(id -> items.put(id, new ArrayList<>()));
        for (ObjectNode item : rest.query(Soql.select(mapper.orderItemFields(), "OrderItem")
                .where("OrderId IN " + Soql.inList(ids)).orderBy("OrderId, Id"), Integer.MAX_VALUE,
                "salesOrders.lines")) {
            items.get(item.path("OrderId").asText()).add(item);
        }
        return orders.stream().map(o -> mapper.toOrder(o, items.get(o.path("Id").asText()))).toList();
    }

    @Override
    public SalesOrder get(String id) {
        return rest.getById(select(), "Order", id, "salesOrders.get").map(o -> withLines(List.of(o)).get(0))
                .orElseThrow(() -> rest.notFound("sales order", id));
    }

    @Override
    public Page<SalesOrder> search(SalesOrderSearch search, PageRequest page) {
        Objects.requireNonNull(search, "search");
        Soql q = select();
        if (search.customerId() != null) {
            q.where("AccountId = " + Soql.literal(search.customerId().value()));
        }
        if (search.status() != null) {
            Optional<String> status = mapper.statusValue(search.status());
            if (status.isEmpty()) {
                return Page.last(List.of()); // no Salesforce status maps to it, so no order can have it
            }
            q.where("Status = " + Soql.literal(status.get()));
        }
        if (search.orderDateFrom() != null) {
            q.where("EffectiveDate >= " + Soql.date(search.orderDateFrom()));
        }
        if (search.orderDateTo() != null) {
            q.where("EffectiveDate <= " + Soql.date(search.orderDateTo()));
        }
        Page<ObjectNode> rows = rest.page(q, null, page, "salesOrders.search", r -> r);
        return new Page<>(withLines(rows.items()), rows.nextCursor());
    }
}
