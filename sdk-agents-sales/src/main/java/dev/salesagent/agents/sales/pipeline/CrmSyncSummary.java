package dev.salesagent.agents.sales.pipeline;

/**
 * Totals of one CRM sync.
 *
 * @param provider         CRM provider id
 * @param synced           false when the sync was rejected at approval
 * @param accountsCreated  accounts created
 * @param accountsUpdated  accounts updated
 * @param contactsCreated  contacts created
 * @param contactsUpdated  contacts updated
 * @param notesCreated     notes created
 * @param failedRecords    records the CRM rejected
 * @param batchCalls       upsertAll calls made (each chunked by the client to its {@code maxBatchSize()})
 */
public record CrmSyncSummary(String provider, boolean synced, int accountsCreated, int accountsUpdated,
                             int contactsCreated, int contactsUpdated, int notesCreated, int failedRecords,
                             int batchCalls) {
}
