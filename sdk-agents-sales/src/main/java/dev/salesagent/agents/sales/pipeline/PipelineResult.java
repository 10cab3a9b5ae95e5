package dev.salesagent.agents.sales.pipeline;

import java.math.BigDecimal;
import java.util.List;

/**
 * The outcome of a {@link LeadPipeline} run.
 *
 * @param status       completed, awaiting approval before the CRM sync, or completed over budget
 * @param threadId     the run's thread id; pass it to {@link LeadPipeline#approve} or {@link LeadPipeline#reject}
 * @param leads        one result per input lead, in input order (CRM outcomes only once synced)
 * @param crm          CRM sync totals, or null while awaiting approval
 * @param inputTokens  model input tokens of all leads
 * @param outputTokens model output tokens of all leads
 * @param costUsd      model cost of all leads, USD
 */
public record PipelineResult(Status status, String threadId, List<LeadResult> leads, CrmSyncSummary crm,
                             long inputTokens, long outputTokens, BigDecimal costUsd) {

    /**
     * Canonical constructor; the components are as described on the record.
     *
     * @param status completed, awaiting approval before the CRM sync, or completed over budget
     * @param threadId the run's thread id; pass it to {@link LeadPipeline#approve} or {@link LeadPipeline#reject}
     * @param leads one result per input lead, in input order (CRM outcomes only once synced)
     * @param crm CRM sync totals, or null while awaiting approval
     * @param inputTokens model input tokens of all leads
     * @param outputTokens model output tokens of all leads
     * @param costUsd model cost of all leads, USD
     */
    public PipelineResult {
        leads = List.copyOf(leads);
    }

    /** How the run ended. */
    public enum Status {
        /** Analyzed and synced (or sync rejected). */
        COMPLETED,
        /** Paused before the CRM sync; call approve or reject with the thread id. */
        AWAITING_APPROVAL,
        /**
         * Completed, but the run's {@code maxCostUsd} refused at least one model call: those leads carry an error
         * starting with {@code BudgetExceededException:} and were not synced; the others were.
         */
        BUDGET_EXCEEDED
    }
}
