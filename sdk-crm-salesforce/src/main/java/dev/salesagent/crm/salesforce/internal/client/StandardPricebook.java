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
    private final String skuField;
    private volatile String id;

    /** @param skuField the Product2 field holding the SKU ({@code ProductCode} unless mapped) */
    StandardPricebook(SalesforceRest rest, String skuField) {
        this.rest = rest;
        this.skuField = skuField;
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

    private String fields() {
        return "Id, Product2Id, Product2." + skuField + ", UnitPrice, IsActive"
                + (rest.multiCurrency() ? ", CurrencyIsoCode" : "");
    }

    private Soql select(String currency) {
        Soql q = Soql.select(fields(), "PricebookEntry").where("Pricebook2Id = " + Soql.literal(id()));
        // A multi-currency org keeps one entry per product and currency; orders may only use entries in their own.
        return rest.multiCurrency() ? q.where("CurrencyIsoCode = " + Soql.literal(currency)) : q;
    }

    /**
     * Standard price book entries of {@code productIds} in {@code currency} (used in multi-currency orgs only): Id,
     * Product2Id, Product2 SKU, UnitPrice, IsActive.
     */
    List<ObjectNode> entries(Collection<String> productIds, String currency, String operation) {
        return rest.query(select(currency).where("Product2Id IN " + Soql.inList(productIds)), 2000, operation);
    }

    /** Standard price book entries of products by SKU, in {@code currency} (multi-currency orgs). */
    List<ObjectNode> entriesBySku(Collection<String> skus, String currency, String operation) {
        return rest.query(select(currency).where("Product2." + skuField + " IN " + Soql.inList(skus)), 2000,
                operation);
    }

    /** The SKU of an entry row read by this class. */
    String sku(ObjectNode entry) {
        return entry.path("Product2").path(skuField).asText(null);
    }
}
