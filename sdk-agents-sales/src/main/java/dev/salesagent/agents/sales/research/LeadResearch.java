package dev.salesagent.agents.sales.research;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Optional;

/**
 * Everything the research step learned about a lead.
 *
 * @param facts         every fact, each with its source; the only material outreach may cite
 * @param firmographics enrichment result, or null
 * @param crm           what the CRM already holds, or null when no CRM was consulted
 * @param errors        research sources that failed (e.g. {@code enrichment: timeout}); research continues without them
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record LeadResearch(List<ResearchFact> facts, Firmographics firmographics, CrmSnapshot crm,
                           List<String> errors) {

    /**
     * Canonical constructor; the components are as described on the record.
     *
     * @param facts every fact, each with its source; the only material outreach may cite
     * @param firmographics enrichment result, or null
     * @param crm what the CRM already holds, or null when no CRM was consulted
     * @param errors research sources that failed (e.g. {@code enrichment: timeout}); research continues without them
     */
    public LeadResearch {
        facts = facts == null ? List.of() : List.copyOf(facts);
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** {@return a research result with no facts at all} */
    public static LeadResearch none() {
        return new LeadResearch(List.of(), null, null, List.of());
    }

    /** {@return the enrichment result, if any} */
    public Optional<Firmographics> firmographicsOptional() {
        return Optional.ofNullable(firmographics);
    }

    /**
     * {@return the facts that came from {@code source}, in order}
     *
     * @param source the origin to select
     */
    public List<ResearchFact> facts(ResearchFact.Source source) {
        return facts.stream().filter(f -> f.source() == source).toList();
    }
}
