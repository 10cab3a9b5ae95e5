package dev.salesagent.agents.sales.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.salesagent.agents.sales.Method;
import dev.salesagent.agents.sales.followup.FollowUpPlan;
import dev.salesagent.agents.sales.outreach.OutreachDraft;
import dev.salesagent.agents.sales.research.ResearchFact;
import dev.salesagent.agents.sales.scoring.BantScores;
import dev.salesagent.agents.sales.scoring.Grade;

import java.math.BigDecimal;
import java.util.List;

/**
 * The pipeline's outcome for one input lead; one JSON object per lead in the quickstart's output.
 *
 * @param index        position in the input list (0-based)
 * @param id           the input lead's id, or null
 * @param email        normalized e-mail, or the raw one when invalid
 * @param company      company name
 * @param domain       normalized domain
 * @param score        overall score 0-100, or null when not scored
 * @param grade        grade, or null
 * @param route        hot, warm or cold, or null
 * @param breakdown    BANT scores, or null
 * @param reasons      scoring reasons citing facts
 * @param method       rules or model (of the score)
 * @param model        model name when scored by a model
 * @param facts        research facts used
 * @param outreach     the outreach draft (hot leads), or null
 * @param followUp     the follow-up or nurture plan (hot and warm leads), or null
 * @param crm          what the CRM sync did, or null before the sync
 * @param inputTokens  model input tokens spent on this lead
 * @param outputTokens model output tokens spent on this lead
 * @param costUsd      model cost of this lead, USD
 * @param error        why the lead could not be processed (validation problems, duplicate, failure), or null
 * @param warnings     research sources that failed (the lead was still processed without them)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record LeadResult(int index, String id, String email, String company, String domain, Integer score,
                         Grade grade, Grade.Route route, BantScores breakdown, List<String> reasons, Method method,
                         String model, List<ResearchFact> facts, OutreachDraft outreach, FollowUpPlan followUp,
                         CrmOutcome crm, long inputTokens, long outputTokens, BigDecimal costUsd, String error,
                         List<String> warnings) {

    /**
     * Canonical constructor; the components are as described on the record.
     *
     * @param index position in the input list (0-based)
     * @param id the input lead's id, or null
     * @param email normalized e-mail, or the raw one when invalid
     * @param company company name
     * @param domain normalized domain
     * @param score overall score 0-100, or null when not scored
     * @param grade grade, or null
     * @param route hot, warm or cold, or null
     * @param breakdown BANT scores, or null
     * @param reasons scoring reasons citing facts
     * @param method rules or model (of the score)
     * @param model model name when scored by a model
     * @param facts research facts used
     * @param outreach the outreach draft (hot leads), or null
     * @param followUp the follow-up or nurture plan (hot and warm leads), or null
     * @param crm what the CRM sync did, or null before the sync
     * @param inputTokens model input tokens spent on this lead
     * @param outputTokens model output tokens spent on this lead
     * @param costUsd model cost of this lead, USD
     * @param error why the lead could not be processed (validation problems, duplicate, failure), or null
     * @param warnings research sources that failed (the lead was still processed without them)
     */
    public LeadResult {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        facts = facts == null ? List.of() : List.copyOf(facts);
        costUsd = costUsd == null ? BigDecimal.ZERO : costUsd;
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** {@return true if the lead was scored (no error)} */
    public boolean ok() {
        return error == null;
    }

    LeadResult withCrm(CrmOutcome outcome) {
        return new LeadResult(index, id, email, company, domain, score, grade, route, breakdown, reasons, method, model,
                facts, outreach, followUp, outcome, inputTokens, outputTokens, costUsd, error, warnings);
    }
}
