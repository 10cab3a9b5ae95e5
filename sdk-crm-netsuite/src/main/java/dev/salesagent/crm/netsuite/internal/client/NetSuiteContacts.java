package dev.salesagent.crm.netsuite.internal.client;

import static dev.salesagent.crm.netsuite.internal.mapper.SuiteQl.literal;

import dev.salesagent.crm.BatchItemResult;
import dev.salesagent.crm.Contact;
import dev.salesagent.crm.ContactOperations;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.UpsertResult;
import dev.salesagent.crm.netsuite.internal.mapper.EntityMapper;
import dev.salesagent.crm.netsuite.internal.mapper.SuiteQl;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Contacts as {@code contact} records attached to their company through {@code company}. The natural key is the
 * e-mail (matched case-insensitively); new contacts get the external id {@code <contactExternalIdPrefix><email>}.
 */
final class NetSuiteContacts implements ContactOperations {

    private final NetSuiteApi api;
    private final EntityMapper mapper;
    private final NetSuiteAccounts accounts;
    private final String externalIdPrefix;
    private final ZoneId zone;
    private final Batches batches;

    NetSuiteContacts(NetSuiteApi api, EntityMapper mapper, NetSuiteAccounts accounts, String externalIdPrefix,
                     ZoneId zone, Batches batches) {
        this.api = api;
        this.batches = batches;
        this.mapper = mapper;
        this.accounts = accounts;
        this.externalIdPrefix = externalIdPrefix;
        this.zone = zone;
    }

    /**
     * Links the contact to {@code accountId}, or else to the company with {@code accountDomain} when one exists; then
     * updates the contact with this e-mail ({@code PATCH}) or creates it ({@code PUT contact/eid:<prefix><email>}).
     */
    @Override
    public UpsertResult<Contact> upsert(Contact contact) {
        if (contact.email() == null) {
            throw Errors.invalid(api.providerId(), "email", "REQUIRED", "contact e-mail is required");
        }
        String companyId = contact.accountId() != null ? contact.accountId().value()
                : contact.accountDomain() == null ? null : accounts.idByDomain(contact.accountDomain()).orElse(null);
        Optional<Contact> existing = findByEmail(contact.email());
        if (existing.isPresent()) {
            String id = existing.get().id().value();
            api.update("contact", id, mapper.contactBody(contact, companyId, false), "contacts.update");
            return UpsertResult.ofUpdated(get(id));
        }
        String id = api.upsertByExternalId("contact", externalIdPrefix + contact.email(),
                mapper.contactBody(contact, companyId, true), "contacts.upsert");
        return UpsertResult.ofCreated(get(id));
    }

    /**
     * One record per call (NetSuite's record API has no synchronous batch upsert), one after another or, when the
     * client has an executor, in parallel within the concurrency limit.
     */
    @Override
    public List<BatchItemResult<Contact>> upsertAll(List<Contact> contacts) {
        return batches.each(contacts, this::upsert);
    }

    /** 1: every contact is its own REST call. */
    @Override
    public int maxBatchSize() {
        return 1;
    }

    @Override
    public Optional<Contact> findByEmail(String email) {
        String e = Contact.normalizeEmail(email);
        if (e == null) {
            return Optional.empty();
        }
        return api.suiteQlFirst(mapper.contactSelect() + " AND LOWER(c.email) = " + literal(e) + " ORDER BY c.id",
                "contacts.find").map(mapper::contact);
    }

    @Override
    public Contact get(String id) {
        String n = SuiteQl.id(id).orElseThrow(() -> Errors.notFound(api.providerId(), "contact", id));
        return api.suiteQlFirst(mapper.contactSelect() + " AND c.id = " + n + " ORDER BY c.id", "contacts.get")
                .map(mapper::contact).orElseThrow(() -> Errors.notFound(api.providerId(), "contact", id));
    }

    /**
     * {@code DELETE /record/v1/contact/{id}} (one request; NetSuite deletes the record, there is no recycle bin). An id
     * that is not a NetSuite internal id, or a contact that does not exist (404 {@code NONEXISTENT_ID}), is
     * {@code CrmNotFoundException}.
     */
    @Override
    public void delete(String id) {
        String n = SuiteQl.id(id).orElseThrow(() -> Errors.notFound(api.providerId(), "contact", id));
        api.delete("contact", n, "contacts.delete");
    }

    @Override
    public Page<Contact> changedSince(Instant since, PageRequest page) {
        String q = mapper.contactSelect() + " AND " + SuiteQl.changedAfter("c.lastmodifieddate", since, zone)
                + " ORDER BY c.lastmodifieddate, c.id";
        return api.page(q, page, mapper::contact, "contacts.changedSince");
    }
}
