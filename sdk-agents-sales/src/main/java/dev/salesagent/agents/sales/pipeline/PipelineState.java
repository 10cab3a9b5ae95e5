package dev.salesagent.agents.sales.pipeline;

import dev.salesagent.agents.graph.Key;
import dev.salesagent.agents.sales.followup.FollowUpPlan;
import dev.salesagent.agents.sales.lead.Lead;
import dev.salesagent.agents.sales.outreach.OutreachDraft;
import dev.salesagent.agents.sales.research.LeadResearch;
import dev.salesagent.agents.sales.scoring.LeadScore;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** State keys and value records of the lead pipeline graphs (all Jackson-serializable for checkpoints). */
final class PipelineState {

    private PipelineState() {
    }

    // ---- per-lead graph
    static final Key<Lead> INPUT = Key.of("input", Lead.class);
    static final Key<Lead> LEAD = Key.of("lead", Lead.class);
    static final Key<List<String>> ERRORS = Key.appending("errors", String.class);
    static final Key<LeadResearch> RESEARCH = Key.of("research", LeadResearch.class);
    static final Key<DuplicateCheck> DUPLICATE = Key.of("duplicate", DuplicateCheck.class);
    static final Key<LeadScore> SCORE = Key.of("score", LeadScore.class);
    static final Key<OutreachDraft> OUTREACH = Key.of("outreach", OutreachDraft.class);
    static final Key<FollowUpPlan> FOLLOW_UP = Key.of("follow_up", FollowUpPlan.class);
    /** True when the pipeline scores in batches: the lead graph stops after research with the merged research. */
    static final Key<Boolean> DEFER_SCORE = Key.of("defer_score", Boolean.class, Boolean.FALSE);

    // ---- batch graph
    static final Key<LeadBatch> BATCH = Key.of("batch", LeadBatch.class);
    static final Key<IndexedLead> ITEM = Key.of("item", IndexedLead.class);
    static final Key<List<AnalyzedLead>> ANALYZED = Key.appending("analyzed", AnalyzedLead.class);
    static final Key<Boolean> APPROVED = Key.of("approved", Boolean.class, Boolean.TRUE);
    static final Key<SyncReport> SYNC = Key.of("crm_sync", SyncReport.class);
    static final Key<ResultList> RESULTS = Key.of("results", ResultList.class);
    // batch scoring mode only
    static final Key<ScoreList> SCORES = Key.of("scores", ScoreList.class);
    static final Key<IndexedScore> SCORED_ITEM = Key.of("scored_item", IndexedScore.class);
    static final Key<List<AnalyzedLead>> FINISHED = Key.appending("finished", AnalyzedLead.class);

    /** The input leads of a batch run. */
    record LeadBatch(List<Lead> leads) {
    }

    /**
     * One lead sent to the analysis node, which gets only this (a Send's argument is the node's whole input):
     * {@code duplicateOf} is the index of an earlier lead with the same key and {@code first} that lead;
     * {@code total} is the batch size.
     */
    record IndexedLead(int index, Lead lead, Integer duplicateOf, Lead first, int total) {
    }

    /**
     * A lead after analysis: its result so far and the normalized lead (null when invalid); {@code research} is set
     * only while the lead waits for batch scoring.
     */
    record AnalyzedLead(LeadResult result, Lead lead, LeadResearch research) {
        AnalyzedLead(LeadResult result, Lead lead) {
            this(result, lead, null);
        }

        boolean awaitingScore() {
            return research != null;
        }
    }

    /**
     * The batch score of the lead at {@code index}, or the error of its batch; tokens and cost are the lead's share
     * of its batch call(s).
     */
    record IndexedScore(int index, LeadScore score, String error, long inputTokens, long outputTokens,
                        BigDecimal costUsd, boolean tokensEstimated) {

        PipelineGraphs.Usage usage() {
            return new PipelineGraphs.Usage(inputTokens, outputTokens, costUsd, tokensEstimated);
        }
    }

    /** The batch scores of a run. */
    record ScoreList(List<IndexedScore> scores) {
    }

    /** What the duplicate check found in the CRM. */
    record DuplicateCheck(String contactId, String accountId, Instant updatedAt) {
    }

    /** The CRM outcome of the lead at {@code index}. */
    record IndexedOutcome(int index, CrmOutcome outcome) {
    }

    /** What the CRM sync node did. */
    record SyncReport(CrmSyncSummary summary, List<IndexedOutcome> outcomes) {
    }

    /** Final results in input order. */
    record ResultList(List<LeadResult> leads) {
    }
}
