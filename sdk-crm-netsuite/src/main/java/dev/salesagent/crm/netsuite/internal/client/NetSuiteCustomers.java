package dev.salesagent.crm.netsuite.internal.client;

import dev.salesagent.crm.CustomerCredit;
import dev.salesagent.crm.CustomerOperations;
import dev.salesagent.crm.netsuite.internal.mapper.CatalogMapper;
import dev.salesagent.crm.netsuite.internal.mapper.SuiteQl;

/**
 * Customer credit from SuiteQL's {@code customer} columns: {@code creditlimit}, and the open balance as
 * {@code balancesearch} (A/R balance) plus {@code unbilledorderssearch} (orders entered, not yet billed), in the
 * customer's currency; {@code overduebalancesearch} is read too. SuiteQL has no {@code balance} column on
 * {@code customer}: the record field {@code balance} is exposed to queries as {@code balancesearch} (NetSuite's
 * Records Catalog, Setup > Records Catalog > Customer, which lists the SuiteQL columns of each record).
 */
final class NetSuiteCustomers implements CustomerOperations {

    private final NetSuiteApi api;
    private final CatalogMapper mapper;

    NetSuiteCustomers(NetSuiteApi api, CatalogMapper mapper) {
        this.api = api;
        this.mapper = mapper;
    }

    /** The SuiteQL of {@link #credit} for customer internal id {@code id} (digits only). */
    static String creditQuery(String id) {
        return "SELECT c.id, c.creditlimit, c.balancesearch, c.overduebalancesearch, c.unbilledorderssearch, "
                + "cur.symbol AS currencysymbol FROM customer c LEFT JOIN currency cur ON cur.id = c.currency "
                + "WHERE c.id = " + id + " ORDER BY c.id";
    }

    /** @throws dev.salesagent.crm.CrmNotFoundException for an unknown customer */
    @Override
    public CustomerCredit credit(String accountId) {
        String n = SuiteQl.id(accountId).orElseThrow(() -> Errors.notFound(api.providerId(), "account", accountId));
        return api.suiteQlFirst(creditQuery(n), "customers.credit").map(mapper::credit)
                .orElseThrow(() -> Errors.notFound(api.providerId(), "account", accountId));
    }
}
