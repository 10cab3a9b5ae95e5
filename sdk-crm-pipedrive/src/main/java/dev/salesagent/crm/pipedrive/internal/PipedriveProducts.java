package dev.salesagent.crm.pipedrive.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.Product;
import dev.salesagent.crm.ProductOperations;
import dev.salesagent.crm.http.CrmRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Products through API v2 (<a href="https://developers.pipedrive.com/docs/api/v1/Products">Products</a>,
 * {@code pipedrive/client-nodejs} {@code src/versions/v2/api/products-api.ts}): the SKU is the product {@code code};
 * the unit price is the {@code prices[]} entry in the configured currency. Searches use
 * {@code GET /api/v2/products/search} and read the hits' full records with one {@code GET /api/v2/products?ids=..}
 * (at most 100 ids).
 */
public final class PipedriveProducts implements ProductOperations {

    private static final int MAX_IDS = 100;
    private final PipedriveApi api;
    private final String currency;

    /**
     * @param api      shared HTTP and envelope handling
     * @param currency ISO 4217 code of the price to read
     */
    public PipedriveProducts(PipedriveApi api, String currency) {
        this.api = api;
        this.currency = currency;
    }

    @Override
    public Optional<Product> findBySku(String sku) {
        if (sku == null || sku.isBlank()) {
            return Optional.empty();
        }
        JsonNode data = api.data(CrmRequest.get("/api/v2/products/search").query("term", sku).query("fields", "code")
                .query("exact_match", true).query("limit", MAX_IDS).operation("products.findBySku").build());
        Long best = null;
        for (JsonNode hit : data.path("items")) {
            JsonNode item = hit.path("item");
            long id = item.path("id").asLong();
            if (sku.equals(item.path("code").asText()) && (best == null || id < best)) {
                best = id;
            }
        }
        return best == null ? Optional.empty() : Optional.of(get(Long.toString(best)));
    }

    @Override
    public Product get(String id) {
        return toProduct(api.data(CrmRequest.get("/api/v2/products/" + PipedriveApi.checkId(id, "product"))
                .operation("products.get").build()));
    }

    @Override
    public Page<Product> search(String text, PageRequest page) {
        JsonNode env = api.envelope(CrmRequest.get("/api/v2/products/search").query("term", text)
                .query("limit", Math.min(page.size(), MAX_IDS)).query("cursor", page.cursor())
                .operation("products.search").build());
        StringJoiner ids = new StringJoiner(",");
        List<Long> order = new ArrayList<>();
        env.path("data").path("items").forEach(hit -> {
            order.add(hit.path("item").path("id").asLong());
            ids.add(hit.path("item").path("id").asText());
        });
        String next = PipedriveApi.text(env.path("additional_data"), "next_cursor");
        if (order.isEmpty()) {
            return new Page<>(List.of(), next);
        }
        JsonNode data = api.data(CrmRequest.get("/api/v2/products").query("ids", ids.toString())
                .query("limit", MAX_IDS).operation("products.read").build());
        java.util.Map<Long, Product> byId = new java.util.HashMap<>();
        data.forEach(n -> byId.put(n.path("id").asLong(), toProduct(n)));
        List<Product> items = new ArrayList<>();
        order.forEach(id -> Optional.ofNullable(byId.get(id)).ifPresent(items::add));
        return new Page<>(items, next);
    }

    Product toProduct(JsonNode n) {
        BigDecimal price = null;
        for (JsonNode p : n.path("prices")) {
            if (currency.equalsIgnoreCase(p.path("currency").asText()) && !p.path("price").isNull()) {
                price = new BigDecimal(p.path("price").asText());
            }
        }
        return Product.builder().id(PipedriveApi.id(n.get("id"))).sku(PipedriveApi.text(n, "code"))
                .name(PipedriveApi.text(n, "name")).description(PipedriveApi.text(n, "description"))
                .unitPrice(price).currency(currency).active(!n.path("is_deleted").asBoolean(false))
                .createdAt(PipedriveApi.time(n.get("add_time"))).updatedAt(PipedriveApi.time(n.get("update_time")))
                .customFields(PipedriveApi.customFields(n)).build();
    }
}
