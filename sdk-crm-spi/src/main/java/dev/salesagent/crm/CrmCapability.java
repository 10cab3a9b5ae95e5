package dev.salesagent.crm;

/** What a {@link CrmClient} can do; each value unlocks one operations accessor. */
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
    CUSTOMER_CREDIT
}
