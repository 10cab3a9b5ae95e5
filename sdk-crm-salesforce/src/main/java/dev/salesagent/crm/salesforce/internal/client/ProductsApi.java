package dev.salesagent.crm.salesforce.internal.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.Product;
import dev.salesagent.crm.ProductOperations;
import dev.salesagent.crm.salesforce.internal.mapper.SObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Products ({@code Product2}, SKU = {@code ProductCode}) priced from their standard price book entry
 * ({@code PricebookEntry} in the standard {@code Pricebook2}).
 */
final class ProductsApi implements ProductOperations {

    private final SalesforceRest rest;
    private final SObjectMapper mapper;
    private final StandardPricebook pricebook;

    ProductsApi(SalesforceRest rest, SObjectMapper mapper, StandardPricebook pricebook) {
        this.rest = rest;
        this.mapper = mapper;
        this.pricebook = pricebook;
    }

    private Soql select() {
        return Soql.select(mapper.productFields(), "Product2");
    }

    private List<Product> withPrices(List<ObjectNode> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, JsonNode> prices = new HashMap<>();
        for (ObjectNode e : pricebook.entries(rows.stream().map(r -> r.path("Id").asText()).toList(),
                mapper.settings().currency(), "products.prices")) {
            prices.put(e.path("Product2Id").asText(), e);
        }
        return rows.stream().map(r -> mapper.toProduct(r, prices.get(r.path("Id").asText()))).toList();
    }

    @Override
    public Optional<Product> findBySku(String sku) {
        if (sku == null || sku.isBlank()) {
            return Optional.empty();
        }
        // SOQL '=' ignores case; the SPI asks for an exact match.
        String skuField = mapper.field("product", "sku");
        List<ObjectNode> rows = rest.query(select().where(skuField + " = " + Soql.literal(sku)).orderBy("Id")
                .limit(20), 20, "products.findBySku").stream()
                .filter(r -> sku.equals(r.path(skuField).asText(null))).limit(1).toList();
        return withPrices(rows).stream().findFirst();
    }

    @Override
    public Product get(String id) {
        return rest.getById(select(), "Product2", id, "products.get").map(r -> withPrices(List.of(r)).get(0))
                .orElseThrow(() -> rest.notFound("product", id));
    }

    @Override
    public Page<Product> search(String text, PageRequest page) {
        Soql q = select();
        if (text != null && !text.isBlank()) {
            String p = Soql.containsPattern(text.trim());
            q.where(mapper.field("product", "name") + " LIKE " + p + " OR " + mapper.field("product", "sku") + " LIKE " + p
                    + " OR " + mapper.field("product", "description") + " LIKE " + p);
        }
        Page<ObjectNode> rows = rest.page(q, null, page, "products.search", r -> r);
        return new Page<>(withPrices(rows.items()), rows.nextCursor());
    }
}
