package dev.salesagent.crm;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Contacts (people). The natural key is the e-mail address, matched case-insensitively.
 * All methods throw {@link CrmException} subclasses; ids are the vendor's remote id strings.
 */
public interface ContactOperations {

    /**
     * Creates the contact, or updates the one with the same e-mail (case-insensitive). On update the
     * non-null fields of {@code contact} replace the stored ones; {@code null} fields are kept.
     *
     * @param contact the contact; its e-mail is the natural key and must be set
     * @return the stored contact and whether it was created
     * @throws CrmValidationException if the e-mail is missing or malformed, or the CRM rejects a field
     */
    UpsertResult<Contact> upsert(Contact contact);

    /**
     * Upserts many contacts, chunked to {@link #maxBatchSize()} per vendor call. One bad record never
     * fails the others: each input gets a result, in input order, with its own error if it failed.
     *
     * @param contacts the contacts, each with an e-mail
     * @return one result per input, {@code result.get(i).index() == i}
     * @throws CrmException only for failures of the whole call (authentication, unavailable after retries)
     */
    List<BatchItemResult<Contact>> upsertAll(List<Contact> contacts);

    /** {@return the most records the vendor accepts in one batch call (e.g. HubSpot 100, Salesforce 200)} */
    int maxBatchSize();

    /**
     * {@return the contact with this e-mail (case-insensitive), if any}
     *
     * @param email the e-mail address, any case, surrounding spaces ignored
     */
    Optional<Contact> findByEmail(String email);

    /**
     * The contact with this remote id.
     *
     * @param id the vendor's remote id
     * @return the contact
     * @throws CrmNotFoundException if there is none
     */
    Contact get(String id);

    /**
     * Contacts whose {@code updatedAt} is strictly after {@code since}, oldest change first.
     *
     * @param since exclusive lower bound
     * @param page  which page
     * @return one page of changed contacts, oldest change first
     */
    Page<Contact> changedSince(Instant since, PageRequest page);
}
