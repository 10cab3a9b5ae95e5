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
 * @param corrections  model scores moved to agree with the facts in the data ({@link
 *                     dev.salesagent.agents.sales.scoring.LeadScore#corrections()}); empty under rules
 * @param tokensEstimated true when some of this lead's token counts were estimated because a provider reported no
 *                     usage (then {@code inputTokens}, {@code outputTokens} and {@code costUsd} are approximate);
 *                     written to JSON only when true
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record LeadResult(int index, String id, String email, String company, String domain, Integer score,
                         Grade grade, Grade.Route route, BantScores breakdown, List<String> reasons, Method method,
                         String model, List<ResearchFact> facts, OutreachDraft outreach, FollowUpPlan followUp,
                         CrmOutcome crm, long inputTokens, long outputTokens, BigDecimal costUsd, String error,
                         List<String> warnings, List<String> corrections,
                         @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean tokensEstimated) {

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
     * @param corrections model scores moved to agree with the facts in the data; null is taken as empty
     * @param tokensEstimated true when some of the lead's token counts were estimated
     */
    public LeadResult {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        facts = facts == null ? List.of() : List.copyOf(facts);
        costUsd = costUsd == null ? BigDecimal.ZERO : costUsd;
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        corrections = corrections == null ? List.of() : List.copyOf(corrections);
    }

    /**
     * A result without score corrections and with provider token counts (the constructor of the first release, kept
     * for compatibility).
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
     * @param error why the lead could not be processed, or null
     * @param warnings research sources that failed
     */
    public LeadResult(int index, String id, String email, String company, String domain, Integer score, Grade grade,
                      Grade.Route route, BantScores breakdown, List<String> reasons, Method method, String model,
                      List<ResearchFact> facts, OutreachDraft outreach, FollowUpPlan followUp, CrmOutcome crm,
                      long inputTokens, long outputTokens, BigDecimal costUsd, String error, List<String> warnings) {
        this(index, id, email, company, domain, score, grade, route, breakdown, reasons, method, model, facts,
                outreach, followUp, crm, inputTokens, outputTokens, costUsd, error, warnings, List.of(), false);
    }

    /** {@return true if the lead was scored (no error)} */
    public boolean ok() {
        return error == null;
    }

    LeadResult withCrm(CrmOutcome outcome) {
        return new LeadResult(index, id, email, company, domain, score, grade, route, breakdown, reasons, method, model,
                facts, outreach, followUp, outcome, inputTokens, outputTokens, costUsd, error, warnings, corrections,
                tokensEstimated);
    }
}
