package dev.salesagent.crm.netsuite.internal.client;

import static dev.salesagent.crm.netsuite.internal.mapper.SuiteQl.literal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salesagent.crm.InventoryLevel;
import dev.salesagent.crm.InventoryOperations;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.Product;
import dev.salesagent.crm.ProductOperations;
import dev.salesagent.crm.netsuite.internal.mapper.CatalogMapper;
import dev.salesagent.crm.netsuite.internal.mapper.SuiteQl;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Items and their availability through SuiteQL. The SKU is the item's {@code itemid} (matched case-insensitively);
 * the unit price is the base price (price level 1) from {@code pricing}. Availability reads
 * {@code inventoryitemlocations} ({@code quantityavailable}, {@code quantityonhand}) joined to {@code location}.
 * Items are read through SuiteQL rather than the record API because an item's record type (inventory item,
 * non-inventory item, ...) is not known from its id.
 */
final class NetSuiteProducts implements ProductOperations, InventoryOperations {

    private final NetSuiteApi api;
    private final CatalogMapper mapper;
    private final Clock clock;

    NetSuiteProducts(NetSuiteApi api, CatalogMapper mapper, Clock clock) {
        this.api = api;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public Optional<Product> findBySku(String sku) {
        if (sku == null || sku.isBlank()) {
            return Optional.empty();
        }
        return api.suiteQlFirst(CatalogMapper.productSelect() + " AND LOWER(i.itemid) = "
                + literal(sku.trim().toLowerCase(Locale.ROOT)) + " ORDER BY i.id", "products.find").map(mapper::product);
    }

    Optional<String> idBySku(String sku) {
        return findBySku(sku).map(p -> p.id().value());
    }

    @Override
    public Product get(String id) {
        String n = SuiteQl.id(id).orElseThrow(() -> Errors.notFound(api.providerId(), "product", id));
        return api.suiteQlFirst(CatalogMapper.productSelect() + " AND i.id = " + n + " ORDER BY i.id", "products.get")
                .map(mapper::product).orElseThrow(() -> Errors.notFound(api.providerId(), "product", id));
    }

    /** Items whose SKU or display name contains {@code text} (case-insensitive); all items for blank text. */
    @Override
    public Page<Product> search(String text, PageRequest page) {
        StringBuilder q = new StringBuilder(CatalogMapper.productSelect());
        if (text != null && !text.isBlank()) {
            String like = SuiteQl.containsPattern(text.trim().toLowerCase(Locale.ROOT));
            q.append(" AND (LOWER(i.itemid) LIKE ").append(like).append(" OR LOWER(i.displayname) LIKE ")
                    .append(like).append(")");
        }
        q.append(" ORDER BY i.id");
        return api.page(q.toString(), page, mapper::product, "products.search");
    }

    /**
     * One level per location that stocks the item.
     *
     * @throws dev.salesagent.crm.CrmNotFoundException for an unknown SKU
     */
    @Override
    public List<InventoryLevel> availability(String sku) {
        if (sku == null || sku.isBlank()) {
            throw Errors.notFound(api.providerId(), "product with SKU", String.valueOf(sku));
        }
        String q = "SELECT i.id, i.itemid, loc.name AS locationname, l.location, l.quantityavailable, "
                + "l.quantityonhand FROM item i LEFT JOIN inventoryitemlocations l ON l.item = i.id "
                + "LEFT JOIN location loc ON loc.id = l.location WHERE LOWER(i.itemid) = "
                + literal(sku.trim().toLowerCase(Locale.ROOT)) + " ORDER BY i.id, l.location";
        List<ObjectNode> rows = api.suiteQlAll(q, "inventory.availability");
        if (rows.isEmpty()) {
            throw Errors.notFound(api.providerId(), "product with SKU", sku);
        }
        Instant asOf = clock.instant();
        String firstItem = SuiteQl.text(rows.get(0), "id");
        List<InventoryLevel> levels = new ArrayList<>();
        for (ObjectNode row : rows) {
            if (firstItem.equals(SuiteQl.text(row, "id")) && SuiteQl.text(row, "location") != null) {
                levels.add(mapper.inventory(row, asOf));
            }
        }
        return levels;
    }
}
