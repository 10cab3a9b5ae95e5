package dev.salesagent.agents.sales.command.transaction;

import java.util.List;

/**
 * A transaction as the user sees it.
 *
 * @param threadId       the transaction's id (its graph thread)
 * @param status         where it is
 * @param draft          the current draft
 * @param issues         what must be fixed before approval (empty when valid)
 * @param orderId        the CRM order id once submitted, or null
 * @param idempotencyKey the key the submission uses ({@link OrderDraft#idempotencyKey()})
 * @param reason         the rejection reason or failure message, or null
 */
public record TransactionView(String threadId, TransactionStatus status, OrderDraft draft,
                              List<ValidationIssue> issues, String orderId, String idempotencyKey, String reason) {

    /**
     * Copies the issues.
     *
     * @param threadId       the transaction's id
     * @param status         where it is
     * @param draft          the current draft
     * @param issues         what must be fixed before approval, or null for none (copied)
     * @param orderId        the CRM order id once submitted, or null
     * @param idempotencyKey the key the submission uses
     * @param reason         the rejection reason or failure message, or null
     * @throws NullPointerException if an issue is null
     */
    public TransactionView {
        issues = issues == null ? List.of() : List.copyOf(issues);
    }

    /** {@return true if the draft has no validation issues, so approving it submits it} */
    public boolean valid() {
        return issues.isEmpty();
    }
}
