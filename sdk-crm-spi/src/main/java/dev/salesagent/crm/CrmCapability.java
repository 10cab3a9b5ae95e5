package dev.salesagent.crm;

/**
 * What a {@link CrmClient} can do. Each value unlocks one operations accessor, except the optional operations of an
 * accessor ({@link #CONTACT_DELETE}), which name one method that CRMs may lack.
 */
public enum CrmCapability {
    /** {@link CrmClient#contacts()}. */
    CONTACTS,
    /** {@link CrmClient#accounts()} (companies). */
    ACCOUNTS,
    /** {@link CrmClient#notes()}. */
    NOTES,
    /** {@link CrmClient#opportunities()} (deals). */
    OPPORTUNITIES,
    /** {@link CrmClient#salesOrders()}. */
    SALES_ORDERS,
    /** {@link CrmClient#products()} (items). */
    PRODUCTS,
    /** {@link CrmClient#inventory()}. */
    INVENTORY,
    /** {@link CrmClient#customers()} (credit limit and open balance). */
    CUSTOMER_CREDIT,
    /**
     * {@link ContactOperations#delete(String)} and {@link ContactOperations#erase(String)}; only together with
     * {@link #CONTACTS}. {@code AbstractCrmClient} declares it when the contact operations implement {@code delete}.
     */
    CONTACT_DELETE
}
