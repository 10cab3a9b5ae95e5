package dev.salesagent.crm;

/** Fulfilment status of a {@link SalesOrder}. */
public enum SalesOrderStatus {
    /** Accepted, nothing shipped yet (NetSuite "Pending Approval"/"Pending Fulfillment", Salesforce "Draft"/"Activated"). */
    PENDING,
    /** Some lines or quantities shipped. */
    PARTIALLY_FULFILLED,
    /** Everything shipped (and possibly billed/closed). */
    FULFILLED,
    /** Cancelled or closed without fulfilment. */
    CANCELLED
}
