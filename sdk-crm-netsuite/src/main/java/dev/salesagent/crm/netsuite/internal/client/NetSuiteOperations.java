package dev.salesagent.crm.netsuite.internal.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salesagent.crm.spi.AbstractCrmClient.Operations;
import dev.salesagent.crm.netsuite.NetSuiteConfig;
import dev.salesagent.crm.netsuite.internal.mapper.ActivityMapper;
import dev.salesagent.crm.netsuite.internal.mapper.CatalogMapper;
import dev.salesagent.crm.netsuite.internal.mapper.EntityMapper;
import dev.salesagent.crm.netsuite.internal.mapper.OrderMapper;
import java.time.Clock;
import java.util.concurrent.Executor;

/** Wires every capability's operations over one {@link NetSuiteApi}. */
public final class NetSuiteOperations {

    private NetSuiteOperations() {
    }

    /** @param batchExecutor runs the items of {@code upsertAll} in parallel; null runs them sequentially */
    public static Operations create(NetSuiteApi api, NetSuiteConfig config, ObjectMapper json, Clock clock,
                                    Executor batchExecutor) {
        Batches batches = new Batches(batchExecutor);
        String provider = api.providerId();
        EntityMapper entities = new EntityMapper(provider, json, config.timeZone(), config.accountFieldMapping(),
                config.subsidiaryId());
        NetSuiteAccounts accounts = new NetSuiteAccounts(api, entities, config.accountExternalIdPrefix(),
                config.timeZone(), batches);
        NetSuiteContacts contacts = new NetSuiteContacts(api, entities, accounts, config.contactExternalIdPrefix(),
                config.timeZone(), batches);
        ActivityMapper activities = new ActivityMapper(provider, config.timeZone());
        CatalogMapper catalog = new CatalogMapper(provider, config.timeZone());
        NetSuiteProducts products = new NetSuiteProducts(api, catalog, clock);
        CurrencyDirectory currencies = new CurrencyDirectory(api);
        return Operations.builder()
                .accounts(accounts)
                .contacts(contacts)
                .notes(new NetSuiteNotes(api, activities, config.noteActivity(), new NetSuiteRecords(api), clock,
                        config.timeZone()))
                .opportunities(new NetSuiteOpportunities(api, activities, config.timeZone()))
                .salesOrders(new NetSuiteSalesOrders(api, new OrderMapper(provider), products, currencies, clock,
                        config.timeZone()))
                .products(products)
                .inventory(products)
                .customers(new NetSuiteCustomers(api, catalog))
                .build();
    }
}
