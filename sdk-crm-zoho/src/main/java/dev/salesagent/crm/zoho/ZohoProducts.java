package dev.salesagent.crm.zoho;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.Product;
import dev.salesagent.crm.ProductOperations;
import java.util.Objects;
import java.util.Optional;

/**
 * Products ({@code Products} module): {@code findBySku} is {@code GET /Products/search?criteria=(Product_Code:equals:..)}
 * keeping exact matches only; {@code search} is Zoho's word search {@code GET /Products/search?word=..}; {@code get}
 * is {@code GET /Products/{id}}. Prices ({@code Unit_Price}) are reported in the configured {@code currency}.
 */
final class ZohoProducts implements ProductOperations {

    private final ZohoApi api;
    private final ZohoMapper mapper;

    ZohoProducts(ZohoApi api) {
        this.api = api;
        this.mapper = new ZohoMapper(api.json, api.config.currency());
    }

    @Override
    public Optional<Product> findBySku(String sku) {
        if (sku == null || sku.isBlank()) {
            return Optional.empty();
        }
        PageRequest page = PageRequest.first(ZohoApi.MAX_PER_PAGE);
        while (page != null) {
            Page<JsonNode> p = api.search("Products", "criteria", "(Product_Code:equals:" + ZohoApi.escape(sku) + ")",
                    page, "products.findBySku");
            Optional<Product> exact = p.items().stream().map(mapper::product).filter(x -> sku.equals(x.sku()))
                    .findFirst();
            if (exact.isPresent()) {
                return exact;
            }
            page = p.hasNext() ? page.next(p.nextCursor()) : null;
        }
        return Optional.empty();
    }

    @Override
    public Product get(String id) {
        return mapper.product(api.get("Products", id, "products.get"));
    }

    @Override
    public Page<Product> search(String text, PageRequest page) {
        Objects.requireNonNull(text, "text");
        Page<JsonNode> p = api.search("Products", "word", text, page, "products.search");
        return new Page<>(p.items().stream().map(mapper::product).toList(), p.nextCursor());
    }
}
