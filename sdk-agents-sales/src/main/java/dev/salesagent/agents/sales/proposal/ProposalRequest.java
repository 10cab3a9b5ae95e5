package dev.salesagent.agents.sales.proposal;

import dev.salesagent.agents.sales.lead.Lead;
import dev.salesagent.agents.sales.research.LeadResearch;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What a proposal is for.
 *
 * @param lead        the buyer (a normalized lead; company and contact are taken from it)
 * @param research    research facts to ground the problem statement; may be {@link LeadResearch#none()}
 * @param dealSizeUsd total contract value in USD (&gt; 0)
 * @param termMonths  contract term in months (1-120)
 * @param startDate   planned start (kick-off) date
 */
public record ProposalRequest(Lead lead, LeadResearch research, BigDecimal dealSizeUsd, int termMonths,
                              LocalDate startDate) {

    /**
     * Validates the components.
     *
     * @param lead the buyer (a normalized lead; company and contact are taken from it)
     * @param research research facts to ground the problem statement; may be {@link LeadResearch#none()}
     * @param dealSizeUsd total contract value in USD (&gt; 0)
     * @param termMonths contract term in months (1-120)
     * @param startDate planned start (kick-off) date
     * @throws IllegalArgumentException naming the bad value
     */
    public ProposalRequest {
        Objects.requireNonNull(lead, "lead");
        Objects.requireNonNull(dealSizeUsd, "dealSizeUsd");
        Objects.requireNonNull(startDate, "startDate");
        research = research == null ? LeadResearch.none() : research;
        if (dealSizeUsd.signum() <= 0) {
            throw new IllegalArgumentException("dealSizeUsd must be > 0 but was " + dealSizeUsd.toPlainString());
        }
        if (termMonths < 1 || termMonths > 120) {
            throw new IllegalArgumentException("termMonths must be 1-120 but was " + termMonths);
        }
    }
}
