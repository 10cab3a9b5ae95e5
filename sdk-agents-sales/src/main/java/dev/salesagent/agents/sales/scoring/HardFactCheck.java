package dev.salesagent.agents.sales.scoring;

import dev.salesagent.agents.sales.internal.Texts;
import dev.salesagent.agents.sales.lead.Lead;
import dev.salesagent.agents.sales.research.Firmographics;
import dev.salesagent.agents.sales.research.LeadResearch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Holds a model's BANT scores to the facts the rules scorer reads from the data, within {@link #TOLERANCE} points.
 * A dimension is checked only where the data states a fact; elsewhere the model's judgement stands.
 *
 * <table>
 *   <caption>Checked dimensions (rules = {@link RulesLeadScorer}'s score of the same lead and profile)</caption>
 *   <tr><th>dimension</th><th>fact</th><th>allowed range</th></tr>
 *   <tr><td>budget</td><td>employee count known (lead or enrichment)</td><td>rules &plusmn; tolerance</td></tr>
 *   <tr><td></td><td>no company and no employee count</td><td>at most the neutral 50</td></tr>
 *   <tr><td>authority</td><td>title given (its seniority)</td><td>rules &plusmn; tolerance</td></tr>
 *   <tr><td></td><td>no title</td><td>at most the neutral 50</td></tr>
 *   <tr><td>need</td><td>industry outside the profile, or country outside its target countries</td>
 *       <td>at most rules + tolerance</td></tr>
 *   <tr><td>timeline</td><td>stalling words in the notes ({@code not interested}, {@code no budget}, ...)</td>
 *       <td>at most rules + tolerance</td></tr>
 *   <tr><td></td><td>no notes, no research facts and no CRM record</td><td>at most the neutral 50</td></tr>
 * </table>
 *
 * A value outside its range is moved to the nearest bound and the change is listed as a correction; the overall
 * score and grade are then computed from the corrected breakdown. Leads with a malformed e-mail never reach a scorer
 * ({@link Lead#normalized()} rejects them).
 */
final class HardFactCheck {

    /** Points a model's dimension may differ from the rules' where the data states a fact. */
    static final int TOLERANCE = 25;

    /**
     * The checked breakdown.
     *
     * @param breakdown   the model's scores with out-of-range values moved to the nearest bound
     * @param corrections one sentence per moved value: dimension, model value, corrected value and the fact
     */
    record Checked(BantScores breakdown, List<String> corrections) {
    }

    private HardFactCheck() {
    }

    static Checked check(BantScores model, BantScores rules, Lead lead, LeadResearch research,
                         IdealCustomerProfile icp) {
        Firmographics f = research == null ? null : research.firmographics();
        List<String> corrections = new ArrayList<>(2);
        Long employees = lead.employees() != null ? lead.employees() : f == null ? null : f.employees();
        int budget = model.budget();
        if (employees != null) {
            budget = band(corrections, "budget", budget, rules.budget(), Texts.number(employees) + " employees");
        } else if (lead.company() == null) {
            budget = neutral(corrections, "budget", budget, "no company and no employee count");
        }
        int authority = lead.title() != null
                ? band(corrections, "authority", model.authority(), rules.authority(), "title '" + lead.title() + "'")
                : neutral(corrections, "authority", model.authority(), "no title");
        int need = model.need();
        String misfit = misfit(lead, f, icp);
        if (misfit != null) {
            need = ceiling(corrections, "need", need, rules.need(), misfit);
        }
        int timeline = model.timeline();
        String notes = lead.notes() == null ? "" : lead.notes().toLowerCase(Locale.ROOT);
        List<String> stalling = RulesLeadScorer.STALLING.stream().filter(w -> Texts.containsWord(notes, w)).toList();
        if (!stalling.isEmpty()) {
            timeline = ceiling(corrections, "timeline", timeline, rules.timeline(),
                    "notes say '" + String.join("', '", stalling) + "'");
        } else if (lead.notes() == null && (research == null || research.facts().isEmpty())
                && (research == null || research.crm() == null)) {
            timeline = neutral(corrections, "timeline", timeline, "no notes, no research and no CRM record");
        }
        return new Checked(new BantScores(budget, authority, need, timeline), corrections);
    }

    /** Why the lead is outside the profile (industry or country), or null. */
    private static String misfit(Lead lead, Firmographics f, IdealCustomerProfile icp) {
        String industry = lead.industry() != null ? lead.industry() : f == null ? null : f.industry();
        if (!IndustryTaxonomy.unknown(industry) && !icp.industries().isEmpty()
                && RulesLeadScorer.firstMatch(industry, icp) == null) {
            return "industry '" + industry + "' is outside the ideal customer profile";
        }
        String country = lead.country() != null ? lead.country() : f == null ? null : f.country();
        if (country != null && !icp.countries().isEmpty() && !icp.countries().contains(country.toLowerCase(Locale.ROOT))) {
            return "country '" + country + "' is outside the target countries";
        }
        return null;
    }

    private static int band(List<String> corrections, String dimension, int value, int rules, String fact) {
        int low = Math.max(0, rules - TOLERANCE);
        int high = Math.min(100, rules + TOLERANCE);
        return fix(corrections, dimension, value, Math.max(low, Math.min(high, value)), rules, fact);
    }

    private static int ceiling(List<String> corrections, String dimension, int value, int rules, String fact) {
        return fix(corrections, dimension, value, Math.min(value, Math.min(100, rules + TOLERANCE)), rules, fact);
    }

    /** Where the data states nothing, the model may not claim more than the neutral score of an unknown fact. */
    private static int neutral(List<String> corrections, String dimension, int value, String fact) {
        int fixed = Math.min(value, RulesLeadScorer.NEUTRAL);
        if (fixed != value) {
            corrections.add(dimension + " " + value + " -> " + fixed + ": " + fact + " in the data, the model may"
                    + " claim at most the neutral " + RulesLeadScorer.NEUTRAL);
        }
        return fixed;
    }

    private static int fix(List<String> corrections, String dimension, int value, int fixed, int rules, String fact) {
        if (fixed != value) {
            corrections.add(dimension + " " + value + " -> " + fixed + ": " + fact + " gives " + rules
                    + " on the rules, the model may differ by at most " + TOLERANCE);
        }
        return fixed;
    }
}
