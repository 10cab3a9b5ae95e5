package dev.salesagent.agents.sales.research;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What the CRM already knows about a lead's company and contact, as found by the research step.
 *
 * @param provider           CRM provider id, e.g. {@code memory}, {@code hubspot}
 * @param accountId          remote id of the existing account with the lead's domain, or null
 * @param contactId          remote id of the existing contact with the lead's e-mail, or null
 * @param openOpportunities  open opportunities on that account
 * @param openPipelineUsd    sum of their amounts in USD (zero when none)
 * @param lastActivity       most recent update of the account, contact or an opportunity, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CrmSnapshot(String provider, String accountId, String contactId,
                          int openOpportunities, BigDecimal openPipelineUsd, Instant lastActivity) {

    /**
     * {@return a snapshot in which nothing is known}
     *
     * @param provider the CRM provider id consulted, e.g. {@code hubspot}
     */
    public static CrmSnapshot empty(String provider) {
        return new CrmSnapshot(provider, null, null, 0, BigDecimal.ZERO, null);
    }

    /** {@return true when the contact (by e-mail) or the account (by domain) already exists} */
    public boolean known() {
        return accountId != null || contactId != null;
    }
}
