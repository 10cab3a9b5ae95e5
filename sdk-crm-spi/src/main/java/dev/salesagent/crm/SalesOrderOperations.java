package dev.salesagent.crm;

/** Sales orders. Ids are the vendor's remote id strings. */
public interface SalesOrderOperations {

    /**
     * Creates an order, idempotently: if an order with the same {@link NewSalesOrder#idempotencyKey()}
     * exists, it is returned with {@code created == false} and no second order is made (also when the
     * first call's response was lost and this is a retry).
     *
     * @param order the order to create, with its idempotency key
     * @return the stored order, {@code created == false} when the idempotency key was already used
     * @throws CrmNotFoundException   if the customer or a product does not exist
     * @throws CrmValidationException if the CRM rejects a line
     */
    UpsertResult<SalesOrder> create(NewSalesOrder order);

    /**
     * The order with this remote id.
     *
     * @param id the vendor's remote id
     * @return the order with its lines
     * @throws CrmNotFoundException if there is none
     */
    SalesOrder get(String id);

    /**
     * {@return orders matching every given criterion, in a stable order}
     *
     * @param search the criteria; {@link SalesOrderSearch#all()} matches every order
     * @param page which page, e.g. {@link PageRequest#first()}
     */
    Page<SalesOrder> search(SalesOrderSearch search, PageRequest page);
}
