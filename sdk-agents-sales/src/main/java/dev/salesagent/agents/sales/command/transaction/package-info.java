/**
 * Sales-order drafts with review, approval and idempotent submission:
 * {@link dev.salesagent.agents.sales.command.transaction.SalesOrderTransactions} runs the graph extract, validate,
 * review (interrupt), submit, record on the sdk-agents runtime; state lives in its checkpointer, so any instance
 * sharing the checkpointer (and the CRM) can continue a draft.
 */
package dev.salesagent.agents.sales.command.transaction;
