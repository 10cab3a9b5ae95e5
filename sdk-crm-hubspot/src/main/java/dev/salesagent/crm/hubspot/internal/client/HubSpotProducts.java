package dev.salesagent.crm.hubspot.internal.client;

import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.Product;
import dev.salesagent.crm.ProductOperations;
import dev.salesagent.crm.hubspot.internal.api.CollectionResponse;
import dev.salesagent.crm.hubspot.internal.api.SearchRequest;
import dev.salesagent.crm.hubspot.internal.api.SimplePublicObject;
import dev.salesagent.crm.hubspot.internal.mapper.FieldMap;
import dev.salesagent.crm.hubspot.internal.mapper.ObjectKind;
import dev.salesagent.crm.hubspot.internal.mapper.RecordMapper;
import java.util.List;
import java.util.Optional;

/**
 * Products from the HubSpot product library; the SKU is {@code hs_sku}, the unit price {@code price} (in the
 * configured currency).
 *
 * @see <a href="https://developers.hubspot.com/docs/guides/api/crm/objects/products">Products API</a>
 */
public final class HubSpotProducts implements ProductOperations {

    private final HubSpotApi api;
    private final RecordMapper mapper;
    private final FieldMap fields;

    public HubSpotProducts(HubSpotApi api, RecordMapper mapper) {
        this.api = api;
        this.mapper = mapper;
        this.fields = mapper.map(ObjectKind.PRODUCT);
    }

    /** Search {@code hs_sku EQ sku} (HubSpot matches case-insensitively; the exact SKU is then required). */
    @Override
    public Optional<Product> findBySku(String sku) {
        if (sku == null || sku.isBlank()) {
            return Optional.empty();
        }
        String property = fields.property("sku");
        SearchRequest request = new SearchRequest(null,
                List.of(new SearchRequest.FilterGroup(List.of(SearchRequest.Filter.of(property, "EQ", sku)))),
                List.of(new SearchRequest.Sort("hs_object_id", "ASCENDING")), fields.readProperties(), 10, null);
        return api.search("products", request).resultsOrEmpty().stream()
                .filter(o -> sku.equals(o.property(property)))
                .findFirst()
                .map(mapper::product);
    }

    @Override
    public Product get(String id) {
        return mapper.product(api.get("products", id, fields.readProperties(), List.of()));
    }

    /** Full-text {@code query} over HubSpot's searchable product properties; blank text lists all, ascending id. */
    @Override
    public Page<Product> search(String text, PageRequest page) {
        SearchRequest request = new SearchRequest(text == null || text.isBlank() ? null : text.trim(), null,
                List.of(new SearchRequest.Sort("hs_object_id", "ASCENDING")), fields.readProperties(), Searches.limit(page),
                page.cursor());
        CollectionResponse<SimplePublicObject> r = api.search("products", request);
        return new Page<>(r.resultsOrEmpty().stream().map(mapper::product).toList(), r.nextAfter());
    }
}
