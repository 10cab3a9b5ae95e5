package dev.salesagent.crm.salesforce.internal.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salesagent.crm.CrmNotFoundException;
import dev.salesagent.crm.ErrorDetails;
import java.util.Collection;
import java.util.List;

/**
 * The org's standard price book: its id is looked up once ({@code Pricebook2 WHERE IsStandard = true}) and cached for
 * the client's lifetime; entries are read per product.
 */
final class StandardPricebook {

    private final SalesforceRest rest;
    private volatile String id;

    StandardPricebook(SalesforceRest rest) {
        this.rest = rest;
    }

    /**
     * @throws CrmNotFoundException if the org has no active standard price book
     */
    String id() {
        String cached = id;
        if (cached == null) {
            synchronized (this) {
                if (id == null) {
                    id = rest.query(Soql.select("Id", "Pricebook2").where("IsStandard = true").limit(1), 1,
                                    "pricebook.standard").stream().findFirst().map(r -> r.path("Id").asText())
                            .orElseThrow(() -> new CrmNotFoundException("the org has no standard price book",
                                    ErrorDetails.of(rest.providerId())));
                }
                cached = id;
            }
        }
        return cached;
    }

    /** Standard price book entries of {@code productIds} (Id, Product2Id, Product2.ProductCode, UnitPrice, IsActive). */
    List<ObjectNode> entries(Collection<String> productIds, String operation) {
        String fields = "Id, Product2Id, Product2.ProductCode, UnitPrice, IsActive"
                + (rest.multiCurrency() ? ", CurrencyIsoCode" : "");
        return rest.query(Soql.select(fields, "PricebookEntry").where("Pricebook2Id = " + Soql.literal(id()))
                .where("Product2Id IN " + Soql.inList(productIds)), 2000, operation);
    }

    /** Standard price book entries of products by SKU ({@code Product2.ProductCode}). */
    List<ObjectNode> entriesBySku(Collection<String> skus, String operation) {
        String fields = "Id, Product2Id, Product2.ProductCode, UnitPrice, IsActive"
                + (rest.multiCurrency() ? ", CurrencyIsoCode" : "");
        return rest.query(Soql.select(fields, "PricebookEntry").where("Pricebook2Id = " + Soql.literal(id()))
                .where("Product2.ProductCode IN " + Soql.inList(skus)), 2000, operation);
    }
}
