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

    /**
     * Deletes the contact with this remote id through the vendor's delete endpoint. Whether the CRM keeps it
     * recoverable for a while (a recycle bin, HubSpot's 90-day archive) is the vendor's rule, listed in each adapter's
     * README; for a GDPR erasure use {@link #erase(String)}, which takes the vendor's permanent deletion where there is
     * one. After a successful call {@link #get(String)} of the id throws {@link CrmNotFoundException} and
     * {@link #findByEmail(String)} no longer finds the contact.
     *
     * <p>Optional capability {@link CrmCapability#CONTACT_DELETE}: declared by clients whose contact operations
     * implement this method. The default throws {@link UnsupportedCapabilityException}.
     *
     * <p>Vendor endpoints: HubSpot {@code DELETE /crm/v3/objects/contacts/{id}}
     * (<a href="https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/basic/delete-crm-v3-objects-contacts-contactId">doc</a>),
     * Salesforce {@code DELETE /services/data/vXX.X/sobjects/Contact/{id}}
     * (<a href="https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_delete_record.htm">doc</a>),
     * NetSuite {@code DELETE /services/rest/record/v1/contact/{id}}, Pipedrive {@code DELETE /api/v2/persons/{id}},
     * Zoho {@code DELETE /crm/v8/Contacts?ids={id}}, Close {@code DELETE /api/v1/contact/{id}/}, Freshsales
     * {@code DELETE /api/contacts/{id}}.
     *
     * @param id the vendor's remote id of the contact
     * @throws CrmNotFoundException if the CRM reports that no contact has this id (or it was already deleted); a CRM
     *     whose delete answers success for unknown ids (HubSpot) returns normally instead, see the adapter's README
     * @throws CrmPermissionException if the credentials may not delete contacts
     * @throws UnsupportedCapabilityException if the client does not declare {@link CrmCapability#CONTACT_DELETE}
     * @throws CrmException for the other failures of the call (authentication, rate limit, unavailable after retries)
     */
    default void delete(String id) {
        throw new UnsupportedCapabilityException(CrmCapability.CONTACT_DELETE);
    }

    /**
     * Erases the person with this e-mail (case-insensitive) for a data-subject erasure request (GDPR Art. 17): looks
     * the contact up by e-mail and deletes it, with the vendor's permanent deletion where there is one (HubSpot:
     * {@code POST /crm/v3/objects/contacts/gdpr-delete}, which also removes the contact's associated content,
     * <a href="https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/gdpr/post-crm-v3-objects-contacts-gdpr-delete">doc</a>),
     * otherwise with {@link #delete(String)}. The default is {@link #findByEmail(String)} then {@link #delete(String)}.
     *
     * @param email the e-mail address, any case, surrounding spaces ignored
     * @return {@code true} if a contact with this e-mail existed and was deleted, {@code false} if there was none
     * @throws UnsupportedCapabilityException if the client does not declare {@link CrmCapability#CONTACT_DELETE}
     * @throws CrmException for a failed look-up or deletion (authentication, permission, rate limit, unavailable)
     */
    default boolean erase(String email) {
        Optional<Contact> contact = findByEmail(email);
        if (contact.isEmpty()) {
            return false;
        }
        delete(contact.get().id().value());
        return true;
    }
}
