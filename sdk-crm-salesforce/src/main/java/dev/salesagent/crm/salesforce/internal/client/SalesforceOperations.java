package dev.salesagent.crm.salesforce.internal.client;

import dev.salesagent.crm.spi.AbstractCrmClient;
import dev.salesagent.crm.salesforce.internal.mapper.SObjectMapper;

/** Wires the operation implementations the Salesforce client declares. */
public final class SalesforceOperations {

    private SalesforceOperations() {
    }

    /** Contacts, accounts, notes, opportunities, sales orders and products; no inventory or customer credit. */
    public static AbstractCrmClient.Operations create(SalesforceRest rest, SObjectMapper mapper) {
        AccountsApi accounts = new AccountsApi(rest, mapper);
        StandardPricebook pricebook = new StandardPricebook(rest, mapper.field("product", "sku"));
        return AbstractCrmClient.Operations.builder()
                .contacts(new ContactsApi(rest, mapper, accounts))
                .accounts(accounts)
                .notes(new NotesApi(rest, mapper))
                .opportunities(new OpportunitiesApi(rest, mapper))
                .salesOrders(new OrdersApi(rest, mapper, pricebook))
                .products(new ProductsApi(rest, mapper, pricebook))
                .build();
    }
}
