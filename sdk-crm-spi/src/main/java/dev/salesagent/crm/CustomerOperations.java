package dev.salesagent.crm;

/** Customer financials; read-only. */
public interface CustomerOperations {

    /**
     * Credit limit and open balance of the account.
     *
     * @param accountId the account's remote id
     * @return the account's credit limit, open balance and currency
     * @throws CrmNotFoundException if there is no such account
     */
    CustomerCredit credit(String accountId);
}
