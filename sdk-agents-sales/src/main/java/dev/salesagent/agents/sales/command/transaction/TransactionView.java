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

    /** Copies the issues. */
    public TransactionView {
        issues = issues == null ? List.of() : List.copyOf(issues);
    }

    /** True if the draft can be approved. */
    public boolean valid() {
        return issues.isEmpty();
    }
}
