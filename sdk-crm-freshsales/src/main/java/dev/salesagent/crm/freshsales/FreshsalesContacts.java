package dev.salesagent.crm.freshsales;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salesagent.crm.BatchItemResult;
import dev.salesagent.crm.Contact;
import dev.salesagent.crm.ContactOperations;
import dev.salesagent.crm.CrmId;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.UpsertResult;
import dev.salesagent.crm.http.CrmRequest;
import dev.salesagent.crm.http.CrmResponse;
import dev.salesagent.crm.spi.NaturalKeys;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Contacts through {@code POST /contacts/upsert} with {@code {"unique_identifier":{"emails":<email>},"contact":{..}}}:
 * one request per contact; Freshsales answers 201 when it created the contact and 200 when it updated one.
 * Freshsales has no synchronous batch upsert (its bulk upsert is an asynchronous job), so {@link #upsertAll} sends
 * one upsert per input. Look-ups by e-mail use the filtered search on {@code contact_email.email}.
 *
 * @see <a href="https://developers.freshworks.com/crm/api/#upsert_contact">Upsert a contact</a>
 * @see <a href="https://developers.freshworks.com/crm/api/#contacts">Contacts</a>
 */
final class FreshsalesContacts implements ContactOperations {

    static final int MAX_BATCH = 100;

    private final FreshsalesApi api;
    private final FreshsalesAccounts accounts;

    FreshsalesContacts(FreshsalesApi api, FreshsalesAccounts accounts) {
        this.api = api;
        this.accounts = accounts;
    }

    Contact fromJson(JsonNode n) {
        String email = FreshsalesApi.text(n, "email");
        if (email == null) {
            for (JsonNode e : n.path("emails")) {
                if (email == null || e.path("is_primary").asBoolean()) {
                    email = FreshsalesApi.text(e, "value");
                }
            }
        }
        CrmId account = null;
        for (JsonNode a : n.path("sales_accounts")) {
            if (account == null || a.path("is_primary").asBoolean()) {
                account = api.id(a.path("id"));
            }
        }
        if (account == null && FreshsalesApi.text(n, "sales_account_id") != null) {
            account = api.id(n.path("sales_account_id"));
        }
        String phone = FreshsalesApi.text(n, "work_number");
        return Contact.builder().id(api.id(n.path("id"))).email(email).firstName(FreshsalesApi.text(n, "first_name"))
                .lastName(FreshsalesApi.text(n, "last_name")).title(FreshsalesApi.text(n, "job_title"))
                .phone(phone != null ? phone : FreshsalesApi.text(n, "mobile_number")).accountId(account)
                .createdAt(FreshsalesApi.instant(n, "created_at")).updatedAt(FreshsalesApi.instant(n, "updated_at"))
                .customFields(api.customFields(n)).build();
    }

    ObjectNode toJson(Contact c, String accountId) {
        ObjectNode n = api.json.createObjectNode();
        n.put("email", c.email());
        if (c.firstName() != null) {
            n.put("first_name", c.firstName());
        }
        if (c.lastName() != null) {
            n.put("last_name", c.lastName());
        }
        if (c.title() != null) {
            n.put("job_title", c.title());
        }
        if (c.phone() != null) {
            n.put("work_number", c.phone());
        }
        if (accountId != null) {
            n.putArray("sales_accounts").addObject().put("id", Long.parseLong(accountId)).put("is_primary", true);
        }
        if (!c.customFields().isEmpty()) {
            n.set("custom_field", api.json.valueToTree(c.customFields()));
        }
        return n;
    }

    @Override
    public UpsertResult<Contact> upsert(Contact contact) {
        return upsert(contact, new HashMap<>());
    }

    private UpsertResult<Contact> upsert(Contact contact, Map<String, Optional<String>> domainCache) {
        NaturalKeys.contactEmailProblem(contact.email(), api.details()).ifPresent(e -> {
            throw e;
        });
        String accountId = contact.accountId() != null ? api.checkedId(contact.accountId().value(), "accountId") : null;
        if (accountId == null && contact.accountDomain() != null) {
            accountId = domainCache.computeIfAbsent(contact.accountDomain(),
                    d -> accounts.findByDomain(d).map(a -> a.id().value())).orElse(null);
        }
        ObjectNode body = api.json.createObjectNode();
        body.putObject("unique_identifier").put("emails", contact.email());
        body.set("contact", toJson(contact, accountId));
        // Upsert by a unique key is safe to repeat after an ambiguous failure.
        CrmResponse r = api.http.execute(CrmRequest.post("/contacts/upsert").jsonBody(body).idempotent(true)
                .operation("contacts.upsert").build());
        Contact stored = fromJson(r.json().path("contact"));
        return new UpsertResult<>(stored, r.status() == 201);
    }

    @Override
    public List<BatchItemResult<Contact>> upsertAll(List<Contact> contacts) {
        Map<String, Optional<String>> domainCache = new HashMap<>();
        return BatchItemResult.eachOf(contacts, c -> upsert(c, domainCache));
    }

    @Override
    public int maxBatchSize() {
        return MAX_BATCH;
    }

    @Override
    public Optional<Contact> findByEmail(String email) {
        String e = Contact.normalizeEmail(email);
        if (e == null) {
            return Optional.empty();
        }
        Page<Contact> page = api.search("contact", "contacts", List.of(api.rule("contact_email.email", "is_in", e)),
                PageRequest.first(10), this::fromJson, "contacts.findByEmail");
        return page.items().stream().filter(c -> e.equals(c.email())).findFirst();
    }

    /**
     * One {@code DELETE /api/contacts/{id}} (<a href="https://developers.freshworks.com/crm/api/#delete_contact">doc</a>);
     * Freshsales moves the contact to its Recycle Bin. An unknown id is 404 ({@code CrmNotFoundException}), a
     * non-numeric one {@code CrmValidationException} before any request.
     */
    @Override
    public void delete(String id) {
        api.delete("/contacts/" + api.checkedId(id, "id"), "contacts.delete");
    }

    @Override
    public Contact get(String id) {
        return fromJson(api.getRecord("/contacts/" + api.checkedId(id, "id"), "contact", "contacts.get"));
    }

    @Override
    public Page<Contact> changedSince(Instant since, PageRequest page) {
        return api.search("contact", "contacts", List.of(api.rule("updated_at", "is_after", since.toString())),
                page, this::fromJson, "contacts.changedSince");
    }
}
