package dev.salesagent.crm;

import java.util.Set;

/**
 * A connection to one CRM/ERP. Thread-safe; create once per configuration (via
 * {@link CrmClients#create} or a provider) and {@linkplain #close() close} when done.
 *
 * <p>Each operations accessor belongs to one {@link CrmCapability}; asking for one the client does
 * not {@linkplain #capabilities() declare} throws {@link UnsupportedCapabilityException}.
 * Adapters extend {@link dev.salesagent.crm.spi.AbstractCrmClient} rather than implementing this directly.
 */
public interface CrmClient extends AutoCloseable {

    /** {@return the provider id, e.g. {@code hubspot}} */
    String providerId();

    /** {@return what this client can do; never {@code null}} */
    Set<CrmCapability> capabilities();

    /**
     * {@return whether {@code capability} is declared}
     *
     * @param capability the capability to test
     */
    default boolean supports(CrmCapability capability) {
        return capabilities().contains(capability);
    }

    /**
     * @return the contact operations
     * @throws UnsupportedCapabilityException if {@link CrmCapability#CONTACTS} is not declared
     */
    ContactOperations contacts();

    /**
     * @return the account operations
     * @throws UnsupportedCapabilityException if {@link CrmCapability#ACCOUNTS} is not declared
     */
    AccountOperations accounts();

    /**
     * @return the note operations
     * @throws UnsupportedCapabilityException if {@link CrmCapability#NOTES} is not declared
     */
    NoteOperations notes();

    /**
     * @return the opportunity operations
     * @throws UnsupportedCapabilityException if {@link CrmCapability#OPPORTUNITIES} is not declared
     */
    OpportunityOperations opportunities();

    /**
     * @return the sales order operations
     * @throws UnsupportedCapabilityException if {@link CrmCapability#SALES_ORDERS} is not declared
     */
    SalesOrderOperations salesOrders();

    /**
     * @return the product operations
     * @throws UnsupportedCapabilityException if {@link CrmCapability#PRODUCTS} is not declared
     */
    ProductOperations products();

    /**
     * @return the inventory operations
     * @throws UnsupportedCapabilityException if {@link CrmCapability#INVENTORY} is not declared
     */
    InventoryOperations inventory();

    /**
     * @return the customer (credit) operations
     * @throws UnsupportedCapabilityException if {@link CrmCapability#CUSTOMER_CREDIT} is not declared
     */
    CustomerOperations customers();

    /** Releases connections and threads; idempotent. Does not throw checked exceptions. */
    @Override
    void close();
}
