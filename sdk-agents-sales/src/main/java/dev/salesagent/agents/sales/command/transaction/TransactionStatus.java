package dev.salesagent.agents.sales.command.transaction;

/** Where a draft is. */
public enum TransactionStatus {
    /** Waiting for the user to edit, approve or reject (the graph is interrupted at {@code review}). */
    AWAITING_REVIEW,
    /** Approved; the order is being submitted (seen only if the submission failed and awaits a retry). */
    APPROVED,
    /** The CRM accepted the order ({@code orderId} is set). */
    SUBMITTED,
    /** The user rejected the draft. */
    REJECTED,
    /** The CRM refused the order (e.g. its own validation); {@code reason} holds the CRM's message. */
    FAILED
}
