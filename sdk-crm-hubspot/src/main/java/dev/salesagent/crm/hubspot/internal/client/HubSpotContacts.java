package dev.salesagent.crm.hubspot.internal.client;

import dev.salesagent.crm.BatchItemResult;
import dev.salesagent.crm.Contact;
import dev.salesagent.crm.ContactOperations;
import dev.salesagent.crm.CrmException;
import dev.salesagent.crm.CrmId;
import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.CrmValidationException.FieldError;
import dev.salesagent.crm.ErrorDetails;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.UpsertResult;
import dev.salesagent.crm.hubspot.internal.api.Associations;
import dev.salesagent.crm.hubspot.internal.api.CollectionResponse;
import dev.salesagent.crm.hubspot.internal.api.ObjectCreateRequest.ObjectId;
import dev.salesagent.crm.hubspot.internal.api.SimplePublicObject;
import dev.salesagent.crm.hubspot.internal.mapper.FieldMap;
import dev.salesagent.crm.hubspot.internal.mapper.ObjectKind;
import dev.salesagent.crm.hubspot.internal.mapper.RecordMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Contacts through the HubSpot contacts API: upserts by e-mail ({@code idProperty=email}) through batch upsert, links
 * contacts to companies with the default contact-to-company association (type 279; account domains are resolved to
 * the oldest company with that domain by one {@code domain IN (...)} search per 100 domains, or by a batch read by
 * {@code companyKeyProperty} when configured), reads the company through
 * {@code associations=companies}. Upsert results carry the account link requested in the input ({@code accountId},
 * or {@code accountDomain} resolved to a company); a contact updated without an account in the input is returned
 * without {@code accountId} rather than spending a read per batch on it, and reads ({@code get}, {@code findByEmail},
 * {@code changedSince}) always return the stored link. {@code accountDomain} is only echoed from the input.
 *
 * @see <a href="https://developers.hubspot.com/docs/guides/api/crm/objects/contacts">Contacts API</a>
 */
public final class HubSpotContacts implements ContactOperations {

    private final HubSpotApi api;
    private final RecordMapper mapper;
    private final HubSpotErrors errors;
    private final FieldMap fields;
    private final BatchUpserter<Contact> upserter;
    private final CompanyLookup companies;

    public HubSpotContacts(HubSpotApi api, RecordMapper mapper, HubSpotErrors errors, HubSpotCompanies companies) {
        this.api = api;
        this.companies = companies.lookup();
        this.mapper = mapper;
        this.errors = errors;
        this.fields = mapper.map(ObjectKind.CONTACT);
        this.upserter = new BatchUpserter<>(api, errors, "contacts", new BatchUpserter.Codec<>() {
            @Override
            public String key(Contact c) {
                return c.email();
            }

            @Override
            public String idProperty() {
                return fields.property("email");
            }

            @Override
            public Map<String, String> properties(Contact c) {
                Map<String, String> p = mapper.properties(c);
                p.remove(fields.property("email"));
                return p;
            }

            @Override
            public Contact read(SimplePublicObject stored, Contact input) {
                return mapper.contact(stored, input.accountId(), input.accountDomain());
            }

            @Override
            public CrmException missingKey(Contact c) {
                return new CrmValidationException("contact has no e-mail (HubSpot upserts contacts by e-mail)",
                        ErrorDetails.of(errors.provider()), List.of(new FieldError("email", "REQUIRED", "e-mail is required")));
            }
        }, this::linkAccounts);
    }

    @Override
    public UpsertResult<Contact> upsert(Contact contact) {
        BatchItemResult<Contact> r = upserter.upsertAll(List.of(contact)).get(0);
        if (!r.isSuccess()) {
            throw r.error();
        }
        return r.result();
    }

    @Override
    public List<BatchItemResult<Contact>> upsertAll(List<Contact> contacts) {
        return upserter.upsertAll(contacts);
    }

    @Override
    public int maxBatchSize() {
        return HubSpotApi.MAX_BATCH;
    }

    @Override
    public Optional<Contact> findByEmail(String email) {
        String normalised = Contact.normalizeEmail(email);
        if (normalised == null) {
            return Optional.empty();
        }
        return api.getByProperty("contacts", fields.property("email"), normalised, fields.readProperties(),
                        List.of("companies"))
                .map(o -> mapper.contact(o, mapper.id(o.firstAssociated("companies")), null));
    }

    @Override
    public Contact get(String id) {
        SimplePublicObject o = api.get("contacts", id, fields.readProperties(), List.of("companies"));
        return mapper.contact(o, mapper.id(o.firstAssociated("companies")), null);
    }

    /**
     * {@code DELETE /crm/v3/objects/contacts/{id}}: HubSpot archives the contact (restorable for 90 days) and answers 204
     * also for an unknown id, so this returns normally then.
     */
    @Override
    public void delete(String id) {
        api.archive("contacts", id);
    }

    /**
     * Looks the contact up by e-mail ({@code GET ...?idProperty=email}), then {@code POST .../contacts/gdpr-delete} by
     * its record id: permanent, with its associated content. Two requests, or one when there is no such contact.
     */
    @Override
    public boolean erase(String email) {
        Optional<Contact> contact = findByEmail(email);
        if (contact.isEmpty()) {
            return false;
        }
        api.gdprDelete("contacts", contact.get().id().value());
        return true;
    }

    /**
     * Search on {@code lastmodifieddate} (strictly after {@code since}, ascending). HubSpot's search caps {@code limit}
     * at 200 and 10,000 results per query, and indexes writes with a delay of a few seconds, so very recent changes may
     * appear only in a later call.
     */
    @Override
    public Page<Contact> changedSince(Instant since, PageRequest page) {
        CollectionResponse<SimplePublicObject> r = api.search("contacts",
                Searches.changedSince(ObjectKind.CONTACT, since, page, fields.readProperties()));
        List<String> ids = r.resultsOrEmpty().stream().map(SimplePublicObject::id).toList();
        Map<String, String> companies = api.firstAssociated("contacts", "companies", ids);
        List<Contact> items = r.resultsOrEmpty().stream()
                .map(o -> mapper.contact(o, mapper.id(companies.get(o.id())), null))
                .filter(c -> c.updatedAt() == null || c.updatedAt().isAfter(since))
                .toList();
        return new Page<>(items, r.nextAfter());
    }

    /** After a chunk: resolve account domains to company ids (one search) and create default associations (one call). */
    private void linkAccounts(List<Integer> indexes, List<Contact> inputs, Map<Integer, UpsertResult<Contact>> results,
            Map<Integer, CrmException> failures) {
        LinkedHashSet<String> domains = new LinkedHashSet<>();
        for (int i : indexes) {
            Contact in = inputs.get(i);
            if (in.accountId() == null && in.accountDomain() != null) {
                domains.add(in.accountDomain());
            }
        }
        Map<String, String> companyByDomain = domains.isEmpty() ? Map.of() : companiesByDomain(new ArrayList<>(domains));
        List<Associations.Pair> pairs = new ArrayList<>();
        Map<Integer, String> linked = new LinkedHashMap<>();
        for (int i : indexes) {
            Contact in = inputs.get(i);
            String companyId = in.accountId() != null ? in.accountId().value()
                    : in.accountDomain() != null ? companyByDomain.get(in.accountDomain()) : null;
            if (companyId != null) {
                pairs.add(new Associations.Pair(new ObjectId(results.get(i).record().id().value()), new ObjectId(companyId)));
                linked.put(i, companyId);
            }
        }
        if (pairs.isEmpty()) {
            return;
        }
        try {
            api.associateDefault("contacts", "companies", pairs);
        } catch (CrmValidationException e) {
            linked.keySet().forEach(i -> {
                results.remove(i);
                failures.put(i, e);
            });
            return;
        }
        linked.forEach((i, companyId) -> {
            UpsertResult<Contact> r = results.get(i);
            CrmId accountId = mapper.id(companyId);
            Contact c = r.record().toBuilder().accountId(accountId).build();
            results.put(i, new UpsertResult<>(c, r.created()));
        });
    }

    /** Company ids by domain: one search per 100 domains (or a batch read by {@code companyKeyProperty}). */
    private Map<String, String> companiesByDomain(List<String> domains) {
        Map<String, String> out = new LinkedHashMap<>();
        companies.byDomain(domains, List.of()).forEach((d, o) -> out.put(d, o.id()));
        return out;
    }
}
