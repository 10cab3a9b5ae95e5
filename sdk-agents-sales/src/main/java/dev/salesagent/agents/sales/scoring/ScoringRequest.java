package dev.salesagent.agents.sales.scoring;

import dev.salesagent.agents.sales.lead.Lead;
import dev.salesagent.agents.sales.research.LeadResearch;

import java.util.Objects;

/**
 * One lead to score in a batch, with its research.
 *
 * @param lead     a normalized lead
 * @param research what research found; {@link LeadResearch#none()} when none was done
 */
public record ScoringRequest(Lead lead, LeadResearch research) {

    /**
     * Canonical constructor; the components are as described on the record.
     *
     * @param lead a normalized lead
     * @param research what research found; {@link LeadResearch#none()} when none was done
     */
    public ScoringRequest {
        Objects.requireNonNull(lead, "lead");
        research = research == null ? LeadResearch.none() : research;
    }
}
