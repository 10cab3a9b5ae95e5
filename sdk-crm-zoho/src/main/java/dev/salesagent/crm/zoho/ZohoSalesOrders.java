package dev.salesagent.crm.zoho;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salesagent.crm.CrmConflictException;
import dev.salesagent.crm.CrmException;
import dev.salesagent.crm.CrmId;
import dev.salesagent.crm.CrmNotFoundException;
import dev.salesagent.crm.ErrorDetails;
import dev.salesagent.crm.NewSalesOrder;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.Product;
import dev.salesagent.crm.SalesOrder;
import dev.salesagent.crm.SalesOrderLine;
import dev.salesagent.crm.SalesOrderOperations;
import dev.salesagent.crm.SalesOrderSearch;
import dev.salesagent.crm.SalesOrderStatus;
import dev.salesagent.crm.UpsertResult;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Sales orders ({@code Sales_Orders}; declared only with {@code orderKeyField}, a custom text field with "Do not allow
 * duplicate values" that holds the caller's idempotency key). {@code create} looks the key up
 * ({@code search?criteria=(<key field>:equals:..)}); an existing order is returned with {@code created=false}.
 * Otherwise one {@code POST /Sales_Orders} with {@code Subject}, {@code Account_Name{id}}, {@code Status: Created},
 * the key and {@code Ordered_Items: [{Product_Name{id}, Quantity, List_Price}]} (the line shape of Zoho's Java SDK
 * 8.0 inventory samples), then one {@code GET} of the stored order (Zoho computes {@code Sub_Total} and
 * {@code Grand_Total}). The POST is repeated after an ambiguous failure: a first attempt that did land makes the
 * repeat fail with {@code DUPLICATE_DATA} on the key field, and the existing order is returned — never a second one.
 * Lines given only by SKU cost one product look-up each. Status: {@code Created}, {@code Approved} read as
 * {@code PENDING}, {@code Delivered} as {@code FULFILLED}, {@code Cancelled} as {@code CANCELLED}. Zoho orders have no
 * order-date field: {@code orderDate} is the creation date in the organisation's offset.
 */
final class ZohoSalesOrders implements SalesOrderOperations {

    static final String MODULE = "Sales_Orders";
    static final String FIELDS = "Subject,Account_Name,Status,Ordered_Items,Sub_Total,Grand_Total,Currency,"
            + "Created_Time,Modified_Time,";

    private final ZohoApi api;
    private final String keyField;
    private final ZohoProducts products;

    ZohoSalesOrders(ZohoApi api) {
        this.api = api;
        this.keyField = Objects.requireNonNull(api.config.orderKeyField(), "orderKeyField");
        this.products = new ZohoProducts(api);
    }

    @Override
    public UpsertResult<SalesOrder> create(NewSalesOrder order) {
        Objects.requireNonNull(order, "order");
        Optional<SalesOrder> existing = byKey(order.idempotencyKey());
        if (existing.isPresent()) {
            return UpsertResult.ofUpdated(existing.get());
        }
        ObjectNode body = api.json.createObjectNode();
        body.put("Subject", order.memo() != null && !order.memo().isBlank() ? order.memo()
                : "Order " + order.idempotencyKey());
        body.putObject("Account_Name").put("id", order.customerId().value());
        body.put("Status", "Created");
        body.put(keyField, order.idempotencyKey());
        ArrayNode items = body.putArray("Ordered_Items");
        for (SalesOrderLine line : order.lines()) {
            String productId = line.productId() != null ? line.productId().value() : products.findBySku(line.sku())
                    .map(Product::id).map(CrmId::value).orElseThrow(() -> new CrmNotFoundException(
                            "no product with SKU " + line.sku(), ErrorDetails.of(ZohoCrmClientProvider.ID)));
            ObjectNode item = items.addObject();
            item.putObject("Product_Name").put("id", productId);
            item.put("Quantity", line.quantity());
            item.put("List_Price", line.unitPrice());
        }
        ZohoApi.Outcome o = api.write("POST", MODULE, null, List.of(body), "salesOrders.create", null, true).get(0);
        if (!o.ok()) {
            CrmException e = o.error();
            if (e instanceof CrmConflictException c && !c.conflictingIds().isEmpty()) {
                return UpsertResult.ofUpdated(get(c.conflictingIds().get(0)));
            }
            throw e;
        }
        return UpsertResult.ofCreated(get(o.item().path("details").path("id").asText()));
    }

    private Optional<SalesOrder> byKey(String key) {
        Page<JsonNode> p = api.search(MODULE, "criteria", "(" + keyField + ":equals:" + ZohoApi.escape(key) + ")",
                PageRequest.first(ZohoApi.MAX_PER_PAGE), "salesOrders.findByKey");
        return p.items().stream().filter(n -> key.equals(ZohoMapper.text(n, keyField)))
                .min(java.util.Comparator.comparing((JsonNode n) -> n.path("id").asText()))
                .map(n -> get(n.path("id").asText()));
    }

    @Override
    public SalesOrder get(String id) {
        return order(api.get(MODULE, id, "salesOrders.get"));
    }

    @Override
    public Page<SalesOrder> search(SalesOrderSearch search, PageRequest page) {
        Objects.requireNonNull(search, "search");
        List<String> criteria = new ArrayList<>();
        if (search.customerId() != null) {
            criteria.add("(Account_Name:equals:" + ZohoApi.escape(search.customerId().value()) + ")");
        }
        Page<JsonNode> p = criteria.isEmpty()
                ? api.list(MODULE, FIELDS + keyField, null, page, "salesOrders.search")
                : api.search(MODULE, "criteria", criteria.get(0), page, "salesOrders.search");
        return new Page<>(p.items().stream().map(this::order).filter(search::matches).toList(), p.nextCursor());
    }

    private SalesOrder order(JsonNode n) {
        List<SalesOrderLine> lines = new ArrayList<>();
        for (JsonNode item : n.path("Ordered_Items")) {
            JsonNode product = item.path("Product_Name");
            String sku = ZohoMapper.text(product, "Product_Code");
            CrmId productId = product.hasNonNull("id") ? CrmId.of(ZohoCrmClientProvider.ID, product.get("id").asText())
                    : null;
            if (productId == null && sku == null) {
                continue;
            }
            lines.add(new SalesOrderLine(productId, sku, new BigDecimal(item.path("Quantity").asText("0")),
                    new BigDecimal(item.path("List_Price").asText("0"))));
        }
        String total = ZohoMapper.text(n, "Grand_Total");
        String currency = ZohoMapper.text(n, "Currency");
        String created = ZohoMapper.text(n, "Created_Time");
        JsonNode account = n.path("Account_Name").path("id");
        return SalesOrder.builder().id(ZohoMapper.id(n))
                .customerId(account.isMissingNode() || account.isNull() ? null
                        : CrmId.of(ZohoCrmClientProvider.ID, account.asText()))
                .idempotencyKey(ZohoMapper.text(n, keyField)).lines(lines).status(status(ZohoMapper.text(n, "Status")))
                .total(total == null ? null : new BigDecimal(total))
                .currency(currency == null ? api.config.currency() : currency)
                .orderDate(created == null ? null : OffsetDateTime.parse(created).toLocalDate())
                .createdAt(ZohoMapper.time(n, "Created_Time")).updatedAt(ZohoMapper.time(n, "Modified_Time"))
                .build();
    }

    static SalesOrderStatus status(String zoho) {
        if (zoho == null) {
            return null;
        }
        return switch (zoho) {
            case "Created", "Approved" -> SalesOrderStatus.PENDING;
            case "Delivered" -> SalesOrderStatus.FULFILLED;
            case "Cancelled" -> SalesOrderStatus.CANCELLED;
            default -> null;
        };
    }
}
