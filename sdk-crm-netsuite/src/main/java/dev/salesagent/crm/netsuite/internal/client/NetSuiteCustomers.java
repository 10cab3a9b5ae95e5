package dev.salesagent.crm.netsuite.internal.client;

import dev.salesagent.crm.CustomerCredit;
import dev.salesagent.crm.CustomerOperations;
import dev.salesagent.crm.netsuite.internal.mapper.CatalogMapper;
import dev.salesagent.crm.netsuite.internal.mapper.SuiteQl;

/** Customer credit: the customer's {@code creditlimit} and open {@code balance}, in the customer's currency. */
final class NetSuiteCustomers implements CustomerOperations {

    private final NetSuiteApi api;
    private final CatalogMapper mapper;

    NetSuiteCustomers(NetSuiteApi api, CatalogMapper mapper) {
        this.api = api;
        this.mapper = mapper;
    }

    /** @throws dev.salesagent.crm.CrmNotFoundException for an unknown customer */
    @Override
    public CustomerCredit credit(String accountId) {
        String n = SuiteQl.id(accountId).orElseThrow(() -> Errors.notFound(api.providerId(), "account", accountId));
        return api.suiteQlFirst("SELECT c.id, c.creditlimit, c.balance, cur.symbol AS currencysymbol FROM customer c "
                        + "LEFT JOIN currency cur ON cur.id = c.currency WHERE c.id = " + n + " ORDER BY c.id",
                        "customers.credit").map(mapper::credit)
                .orElseThrow(() -> Errors.notFound(api.providerId(), "account", accountId));
    }
}
