package dev.salesagent.agents.sales.command;

import dev.salesagent.crm.Account;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.Opportunity;
import dev.salesagent.crm.OpportunitySearch;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.Product;
import dev.salesagent.crm.SalesOrder;
import dev.salesagent.crm.SalesOrderSearch;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Every order, account, product and opportunity of a CRM at one moment, read through the {@code CrmClient} SPI in
 * pages of {@value PageRequest#MAX_SIZE}; the agents compute over it. Immutable.
 *
 * @param orders        every sales order
 * @param accounts      every account
 * @param products      every product
 * @param opportunities every opportunity
 * @param loadedAt      when it was read
 */
public record SalesSnapshot(List<SalesOrder> orders, List<Account> accounts, List<Product> products,
                            List<Opportunity> opportunities, Instant loadedAt) {

    /**
     * Copies the lists.
     *
     * @param orders        every sales order, not null
     * @param accounts      every account, not null
     * @param products      every product, not null
     * @param opportunities every opportunity, not null
     * @param loadedAt      when it was read, not null
     * @throws NullPointerException if a component or a list element is null
     */
    public SalesSnapshot {
        orders = List.copyOf(orders);
        accounts = List.copyOf(accounts);
        products = List.copyOf(products);
        opportunities = List.copyOf(opportunities);
        Objects.requireNonNull(loadedAt, "loadedAt");
    }

    /**
     * Reads everything from {@code crm}: every sales order, account (changed since the epoch), product and
     * opportunity.
     *
     * @param crm the CRM to read, not null
     * @param now the instant to record as {@link #loadedAt()}, not null
     * @return the snapshot
     * @throws NullPointerException if an argument is null
     * @throws dev.salesagent.crm.CrmException if the CRM fails
     */
    public static SalesSnapshot load(CrmClient crm, Instant now) {
        int n = PageRequest.MAX_SIZE;
        return new SalesSnapshot(
                Page.stream(p -> crm.salesOrders().search(SalesOrderSearch.all(), p), n).toList(),
                Page.stream(p -> crm.accounts().changedSince(Instant.EPOCH, p), n).toList(),
                Page.stream(p -> crm.products().search("", p), n).toList(),
                Page.stream(p -> crm.opportunities().search(OpportunitySearch.all(), p), n).toList(),
                now);
    }

    /** Accounts by id value. */
    Map<String, Account> accountsById() {
        Map<String, Account> m = new HashMap<>();
        accounts.forEach(a -> m.put(a.id().value(), a));
        return m;
    }

    /** Products by SKU (lower case). */
    Map<String, Product> productsBySku() {
        Map<String, Product> m = new HashMap<>();
        products.forEach(p -> m.put(p.sku().toLowerCase(Locale.ROOT), p));
        return m;
    }

    /**
     * The catalog of names in this snapshot (for a rules router).
     *
     * @return account names, product names, their {@code category} and {@code subCategory} custom fields, the
     *         {@code region} custom fields of accounts and orders, and opportunity stages
     */
    public EntityCatalog catalog() {
        EntityCatalog.Builder b = EntityCatalog.builder();
        accounts.forEach(a -> {
            b.customer(a.name());
            if (a.customFields().get("region") instanceof String r) {
                b.region(r);
            }
        });
        products.forEach(p -> {
            b.product(p.name());
            if (p.customFields().get("category") instanceof String c) {
                b.category(c);
            }
            if (p.customFields().get("subCategory") instanceof String c) {
                b.category(c);
            }
        });
        orders.forEach(o -> {
            if (o.customFields().get("region") instanceof String r) {
                b.region(r);
            }
        });
        opportunities.forEach(o -> b.stage(o.stage()));
        return b.build();
    }
}
