package dev.salesagent.crm;

import java.time.Instant;

/** Opportunities (deals). Ids are the vendor's remote id strings. */
public interface OpportunityOperations {

    /** {@return opportunities matching every given criterion, in a stable order (ascending id unless the vendor differs)} */
    Page<Opportunity> search(OpportunitySearch search, PageRequest page);

    /**
     * The opportunity with this remote id.
     *
     * @throws CrmNotFoundException if there is none
     */
    Opportunity get(String id);

    /**
     * Changes stage and/or amount (only the non-null fields of {@code update}).
     *
     * @return the opportunity after the change
     * @throws CrmNotFoundException   if there is none
     * @throws CrmValidationException if the CRM rejects the stage or amount
     */
    Opportunity update(String id, OpportunityUpdate update);

    /** {@return opportunities whose {@code updatedAt} is strictly after {@code since}, oldest change first} */
    Page<Opportunity> changedSince(Instant since, PageRequest page);
}
