package dev.salesagent.crm.salesforce.internal.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salesagent.crm.BatchItemResult;
import dev.salesagent.crm.Contact;
import dev.salesagent.crm.ContactOperations;
import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.ErrorDetails;
import dev.salesagent.crm.spi.NaturalKeys;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.UpsertResult;
import dev.salesagent.crm.salesforce.internal.api.CollectionRequest;
import dev.salesagent.crm.salesforce.internal.mapper.SObjectMapper;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Contacts: upsert by the external-id field holding the lower-cased e-mail
 * (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_upsert.htm), batches through
 * sObject Collections upsert (200 per call, {@code allOrNone=false}), reads through SOQL.
 */
final class ContactsApi implements ContactOperations {


    private final SalesforceRest rest;
    private final SObjectMapper mapper;
    private final AccountsApi accounts;
    private final ExternalIdUpsert<Contact> upserts;

    ContactsApi(SalesforceRest rest, SObjectMapper mapper, AccountsApi accounts) {
        this.rest = rest;
        this.mapper = mapper;
        this.accounts = accounts;
        this.upserts = new ExternalIdUpsert<>(rest, "Contact", "contacts", this::keyField, this::select,
                mapper::toContact, Contact::id);
    }

    private String keyField() {
        return mapper.settings().contactKey();
    }

    private CrmValidationException invalidEmail(String email) {
        return NaturalKeys.contactEmailProblem(email, ErrorDetails.of(rest.providerId()))
                .orElseThrow(() -> new IllegalStateException("valid e-mail reported as invalid: " + email));
    }

    private void validate(Contact contact) {
        Objects.requireNonNull(contact, "contact");
        if (!NaturalKeys.isEmail(contact.email())) {
            throw invalidEmail(contact.email());
        }
    }

    @Override
    public UpsertResult<Contact> upsert(Contact contact) {
        validate(contact);
        String accountId = resolveAccounts(List.of(contact)).get(contact);
        // Only a new record can lack LastName, so the placeholder never overwrites a stored one.
        return upserts.upsert(item(contact, accountId), this::get);
    }

    /** The placeholder LastName a new contact without one gets, or null when it has one. */
    private ObjectNode lastNameFill(Contact c) {
        return c.lastName() != null ? null : rest.json().createObjectNode()
                .put(mapper.field("contact", "lastName"), mapper.settings().defaultLastName());
    }

    /** Account ids per contact: the given id, else the account whose key field holds the contact's domain. */
    private Map<Contact, String> resolveAccounts(List<Contact> contacts) {
        Set<String> domains = new LinkedHashSet<>();
        for (Contact c : contacts) {
            if (c.accountId() == null && c.accountDomain() != null) {
                domains.add(c.accountDomain());
            }
        }
        Map<String, String> byDomain = domains.isEmpty() ? Map.of() : accounts.idsByDomain(domains);
        Map<Contact, String> out = new HashMap<>();
        for (Contact c : contacts) {
            String id = c.accountId() != null ? c.accountId().value()
                    : c.accountDomain() == null ? null : byDomain.get(c.accountDomain());
            if (id != null) {
                out.put(c, id);
            }
        }
        return out;
    }

    @Override
    public List<BatchItemResult<Contact>> upsertAll(List<Contact> contacts) {
        return upserts.upsertAll(contacts,
                c -> c == null || !NaturalKeys.isEmail(c.email()) ? invalidEmail(c == null ? null : c.email()) : null,
                valid -> {
                    Map<Contact, String> accountIds = resolveAccounts(valid);
                    return valid.stream().map(c -> item(c, accountIds.get(c))).toList();
                });
    }

    private CollectionUpsert.Item item(Contact c, String accountId) {
        return new CollectionUpsert.Item(c.email(), mapper.collectionRecord("Contact", mapper.contactBody(c, accountId),
                keyField(), c.email()), "lastName", lastNameFill(c));
    }

    @Override
    public int maxBatchSize() {
        return CollectionRequest.MAX_RECORDS;
    }

    private Soql select() {
        return Soql.select(mapper.contactFields(), "Contact");
    }

    @Override
    public Optional<Contact> findByEmail(String email) {
        String normalized = Contact.normalizeEmail(email);
        if (normalized == null) {
            return Optional.empty();
        }
        // SOQL compares strings case-insensitively. A record whose key field holds the e-mail is the one upsert
        // updates, so it wins over one that only has a matching Email (created outside the SDK).
        List<ObjectNode> rows = rest.query(select()
                .where(keyField() + " = " + Soql.literal(normalized) + " OR Email = " + Soql.literal(normalized))
                .orderBy("CreatedDate ASC, Id ASC").limit(10), 10, "contacts.findByEmail");
        return rows.stream().filter(r -> normalized.equalsIgnoreCase(r.path(keyField()).asText("")))
                .findFirst().or(() -> rows.stream().findFirst()).map(mapper::toContact);
    }

    @Override
    public Contact get(String id) {
        return rest.getById(select(), "Contact", id, "contacts.get").map(mapper::toContact)
                .orElseThrow(() -> rest.notFound("contact", id));
    }

    /**
     * One {@code DELETE /sobjects/Contact/{id}}
     * (<a href="https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_delete_record.htm">doc</a>).
     * An id that cannot be a Contact id ({@code 003} prefix) is {@code CrmNotFoundException} without a request.
     */
    @Override
    public void delete(String id) {
        rest.requireIdOf(id, "003", "contact");
        rest.delete("Contact", id, "contacts.delete");
    }

    @Override
    public Page<Contact> changedSince(Instant since, PageRequest page) {
        return rest.changedSince(select(), since, page, "contacts.changedSince", mapper::toContact);
    }
}
