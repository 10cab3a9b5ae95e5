package dev.salesagent.crm;

import java.time.Instant;

/** Opportunities (deals). Ids are the vendor's remote id strings. */
public interface OpportunityOperations {

    /**
     * {@return opportunities matching every given criterion, in a stable order (ascending id unless the vendor
     *    differs)}
     *
     * @param search the criteria; {@link OpportunitySearch#all()} matches every opportunity
     * @param page which page, e.g. {@link PageRequest#first()}
     */
    Page<Opportunity> search(OpportunitySearch search, PageRequest page);

    /**
     * The opportunity with this remote id.
     *
     * @param id the vendor's remote id
     * @return the opportunity
     * @throws CrmNotFoundException if there is none
     */
    Opportunity get(String id);

    /**
     * Changes stage and/or amount (only the non-null fields of {@code update}).
     *
     * @param id the vendor's remote id
     * @param update the new stage and/or amount; {@code null} fields are kept
     * @return the opportunity after the change
     * @throws CrmNotFoundException   if there is none
     * @throws CrmValidationException if the CRM rejects the stage or amount
     */
    Opportunity update(String id, OpportunityUpdate update);

    /**
     * {@return opportunities whose {@code updatedAt} is strictly after {@code since}, oldest change first}
     *
     * @param since exclusive lower bound of {@code updatedAt}
     * @param page which page, e.g. {@link PageRequest#first()}
     */
    Page<Opportunity> changedSince(Instant since, PageRequest page);
}
